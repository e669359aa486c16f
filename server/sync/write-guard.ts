/**
 * The write guard: every document change a client sends is read here, struct by struct, before
 * anything is committed. For each inserted struct and each deletion it finds the place of the
 * board it touches (top-level name, item, field: resolved against the committed doc, the changes
 * accepted but not yet committed, and the message itself), then asks:
 *   1. does it fit the board's schema there (shared/board/board-shape.ts, and the Tiptap schema for
 *      the charter: shared/editor/charter-rules.ts)?
 *   2. may this connection do it (the one table, shared/auth/roles.ts, with its scope: own partner,
 *      own contribution, unlocked list…), judged on what the server knows of the connection
 *      (its invite's role and partner, its proven person id), never on what the message claims?
 * What fails is taken out (decoded-update.ts turns it into an empty placeholder) and reported;
 * the rest goes on to be committed. A change that depends on state the room does not have yet
 * (a gap in the sender's clock) is not applied at all: the sender must resync.
 */
import * as Y from 'yjs'
import { can, scopeFor, type Action } from '../../shared/auth/roles.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import {
  BOARD_SHAPE, CARD_SHAPE, DECISION_SHAPE, GROUP_SHAPE, PARTNER_SHAPE, ROUND_SHAPE, SESSION_SHAPE, VALUE_SHAPE, childShape, isAuthor, type Shape,
} from '../../shared/board/board-shape.ts'
import { BoardKey } from '../../shared/board/schema.ts'
import { CHARTER_ATTRIBUTE_MAX, CHARTER_MAX_DEPTH, TEXT, charterRules } from '../../shared/editor/charter-rules.ts'
import type { Refusal } from '../../shared/protocol/messages.ts'
import { DecodedUpdate, type DeleteRange, type Struct } from './decoded-update.ts'
import type { ConnectionIdentity } from './sync-connection.ts'

type TypeKind = 'map' | 'array' | 'xml-fragment' | 'xml-element' | 'xml-text' | 'other'

/** A shared type of the board: where it sits, what may be in it. */
interface Place {
  root: string
  /** Steps from the top-level type down to this one (0 for a top-level type). */
  depth: number
  parent: Place | null
  /** Its key in its parent map, or null for a list element (or a top-level type). */
  key: string | null
  /** What may be in it (null inside the charter, which has its own rules, or where nothing may be). */
  shape: Shape | null
  kind: TypeKind
  /** The element name inside the charter (the schema's root name for the fragment itself). */
  nodeName: string | null
  /** The committed type, or the struct of a not yet committed change that creates it. */
  live: Y.AbstractType<unknown> | null
  created: Y.Item | null
}

/** Where a struct goes: a type and its key there. */
interface Located {
  place: Place
  key: string | null
}

/** A struct the room can't place: it depends on changes the room doesn't have. */
const MISSING = 'missing' as const
/** A struct that yjs will integrate as an empty placeholder (its neighbour or parent is gone): harmless. */
const GONE = 'gone' as const
/** A struct that can't be anywhere (no parent, a parent that isn't a type). */
const NOWHERE = 'nowhere' as const
type Location = Located | typeof MISSING | typeof GONE | typeof NOWHERE

export interface GuardResult {
  /** What to commit: the message, or a copy without what was refused. */
  update: Uint8Array
  decoded: DecodedUpdate
  /** Why parts were taken out (a few, deduplicated); empty when everything passed. */
  refusals: Refusal[]
  /** The message depends on changes the room doesn't have: commit nothing, the sender must resync. */
  missing: boolean
}

export interface GuardInput {
  /** The committed board. */
  doc: Y.Doc
  /** Changes already accepted, not yet committed, oldest first. */
  pending: readonly DecodedUpdate[]
  connection: ConnectionIdentity
  /** Refuse every insertion with this (the board is full); deletions are judged as usual. */
  refuseInserts?: Refusal
  /** Places the server is changing in several steps, refused to clients meanwhile (heldDiagnosis()). */
  held?: ReadonlySet<string>
}

/** A held place: a partner's diagnosis while the server takes it back from view. */
export const heldDiagnosis = (partnerId: string): string => `${BoardKey.Diagnoses}:${partnerId}`

const locations = new WeakMap<Struct, Location>()
const livePlaces = new WeakMap<Y.AbstractType<unknown>, Place>()

function kindOf(type: Y.AbstractType<unknown>): TypeKind {
  if (type instanceof Y.XmlElement) return 'xml-element'
  if (type instanceof Y.XmlFragment) return 'xml-fragment'
  if (type instanceof Y.XmlText) return 'xml-text'
  if (type instanceof Y.Map) return 'map'
  if (type instanceof Y.Array) return 'array'
  return 'other'
}

function topLevelPlace(name: string): Place {
  const shape = BOARD_SHAPE[name] ?? null
  const kind: TypeKind = shape?.kind === 'charter' ? 'xml-fragment' : shape?.kind === 'list' ? 'array' : 'map'
  return {
    root: name, depth: 0, parent: null, key: null, shape: shape?.kind === 'charter' ? null : shape, kind,
    nodeName: shape?.kind === 'charter' ? charterRules().root : null, live: null, created: null,
  }
}

function childPlace(parent: Place, key: string | null, type: Y.AbstractType<unknown>, live: boolean, created: Y.Item | null): Place {
  return {
    root: parent.root,
    depth: parent.depth + 1,
    parent,
    key,
    shape: parent.root === BoardKey.Charter || !parent.shape ? null : childShape(parent.shape, key),
    kind: kindOf(type),
    nodeName: type instanceof Y.XmlElement ? type.nodeName : null,
    live: live ? type : null,
    created,
  }
}

function placeOfLiveType(type: Y.AbstractType<unknown>): Place {
  const known = livePlaces.get(type)
  if (known) return known
  const item = type._item
  const place = item === null
    ? { ...topLevelPlace(Y.findRootTypeKey(type)), live: type }
    : childPlace(placeOfLiveType(item.parent as Y.AbstractType<unknown>), item.parentSub, type, true, null)
  livePlaces.set(type, place)
  return place
}

/**
 * Fields the board's readers sort and label items by (listPartners sorts by createdAt, listRounds by
 * startedAt…): a record is created with them, valid, in the same change, and they are only ever
 * replaced, never removed. A bare `partners.x = new Y.Map()` would otherwise break every reader.
 */
const REQUIRED_FIELDS = new Map<Shape, readonly string[]>([
  [PARTNER_SHAPE, ['id', 'name', 'createdAt']],
  [VALUE_SHAPE, ['id', 'text', 'order']],
  [CARD_SHAPE, ['id', 'text', 'kind', 'partnerId']],
  [GROUP_SHAPE, ['id', 'name']],
  [ROUND_SHAPE, ['id', 'kind', 'status', 'startedAt']],
  [SESSION_SHAPE, ['id', 'kind', 'title', 'startedAt']],
  [DECISION_SHAPE, ['id', 'kind', 'text', 'createdAt']],
])

const isJson = (content: Y.Item['content']): content is Y.ContentAny | Y.ContentJSON =>
  content instanceof Y.ContentAny || content instanceof Y.ContentJSON

/** The authors a value carries, wherever they are (author, by, createdBy, startedBy, mergedBy). */
const AUTHOR_FIELDS = ['author', 'by', 'createdBy', 'startedBy', 'mergedBy'] as const

class Guard {
  private readonly refused = new Set<Struct>()
  private readonly refusals = new Map<string, Refusal>()
  private readonly knownClocks = new Map<number, number>()
  private missing = false
  private readonly facilitator: boolean

  constructor(private readonly input: GuardInput, private readonly update: DecodedUpdate) {
    this.facilitator = input.connection.role === 'facilitator'
  }

  run(): GuardResult {
    const keptDeletes = this.checkInserts() ? this.checkDeletes() : []
    const refusals = [...this.refusals.values()].slice(0, 5)
    if (this.missing) return { update: this.update.bytes, decoded: this.update, refusals, missing: true }
    return { update: this.update.rebuild(this.refused, keptDeletes), decoded: this.update, refusals, missing: false }
  }

  // ── Inserts ────────────────────────────────────────────────────────────────────────────────

  /** Returns false when the message can't be applied (a gap in a sender's clock). */
  private checkInserts(): boolean {
    const unresolved = this.unresolved()
    if (unresolved === MISSING) return this.markMissing()
    for (const [client, structs] of this.update.byClient) {
      const known = this.knownClock(client)
      if (structs[0]!.id.clock > known) return this.markMissing()
      for (const struct of structs) {
        if (struct instanceof Y.Skip) return this.markMissing()
        if (struct.id.clock + struct.length <= known) {
          // Already here: yjs skips it, but only after resolving its neighbours and parent, which
          // throws or leaves it pending when they are bogus. Sent on as a placeholder: no references.
          if (struct instanceof Y.Item) this.refused.add(struct)
          continue
        }
        if (struct instanceof Y.GC) continue
        if (unresolved.has(struct)) {
          this.refuse(struct, { reason: 'invalid', detail: 'a struct that refers to what can never be there' })
          continue
        }
        const item = struct as Y.Item
        if (this.input.refuseInserts) {
          this.refuse(item, this.input.refuseInserts)
          continue
        }
        const location = this.locate(item)
        if (location === MISSING) return this.markMissing()
        if (location === GONE) continue
        if (location === NOWHERE) {
          this.refuse(item, { reason: 'invalid', detail: 'a struct with no place in the document' })
          continue
        }
        const refusal = this.checkInsert(location, item)
        if (refusal) {
          this.refuse(item, refusal)
          this.refuseNewRecord(location.place)
        }
      }
    }
    return true
  }

  /**
   * The structs yjs would leave waiting (pendingStructs) if the message were applied: it integrates
   * a client's structs in clock order, each once what it refers to of other clients (its left and
   * right neighbours, its parent) is there. MISSING when something waits for a struct neither the
   * room nor the message has (the sender is ahead of us: resync); otherwise the structs that can
   * never be integrated (a reference to their own client's later clock, a cycle of references
   * between clients), which are refused: as placeholders they integrate, and so does the rest.
   */
  private unresolved(): Set<Struct> | typeof MISSING {
    const byClient = this.update.byClient
    const clock = new Map<number, number>()
    const clockOf = (client: number): number => {
      let known = clock.get(client)
      if (known === undefined) clock.set(client, (known = this.knownClock(client)))
      return known
    }
    const broken = new Set<Struct>()
    const next = new Map<number, number>()
    const waiting = new Map<number, number[]>()
    /** The other client a struct waits for, 'never' when it can't ever integrate, null when it can now. */
    const blocker = (struct: Struct): number | 'never' | null => {
      if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= this.knownClock(struct.id.client)) return null
      const parent = struct.parent instanceof Y.ID ? struct.parent : null
      for (const ref of [struct.origin, struct.rightOrigin, parent]) {
        if (!ref) continue
        if (ref.client === struct.id.client) {
          if (ref.clock >= struct.id.clock) return 'never'
        } else if (ref.clock >= clockOf(ref.client)) {
          return ref.client
        }
      }
      return null
    }
    for (const structs of byClient.values()) if (structs.some((struct) => struct instanceof Y.Skip)) return MISSING
    const work = [...byClient.keys()]
    while (work.length > 0) {
      const client = work.pop()!
      const structs = byClient.get(client)!
      let i = next.get(client) ?? 0
      const start = i
      while (i < structs.length) {
        const struct = structs[i]!
        if (struct.id.clock > clockOf(client)) break // a gap: checkInserts says MISSING
        const waitsFor = blocker(struct)
        if (waitsFor === 'never') broken.add(struct)
        else if (waitsFor !== null) {
          const list = waiting.get(waitsFor)
          if (list) list.push(client)
          else waiting.set(waitsFor, [client])
          break
        }
        clock.set(client, Math.max(clockOf(client), struct.id.clock + struct.length))
        i++
      }
      next.set(client, i)
      if (i > start) {
        work.push(...(waiting.get(client) ?? []))
        waiting.delete(client)
      }
    }
    for (const [client, structs] of byClient) {
      const i = next.get(client) ?? 0
      if (i >= structs.length) continue
      const struct = structs[i]!
      if (struct.id.clock > clockOf(client)) continue // a gap: checkInserts says MISSING
      const waitsFor = blocker(struct) as number
      const last = byClient.get(waitsFor)?.at(-1)
      const reach = last ? Math.max(clockOf(waitsFor), last.id.clock + last.length) : clockOf(waitsFor)
      const ref = [(struct as Y.Item).origin, (struct as Y.Item).rightOrigin, (struct as Y.Item).parent]
        .find((r): r is Y.ID => r instanceof Y.ID && r.client === waitsFor && r.clock >= clockOf(waitsFor))
      if (ref && ref.clock >= reach) return MISSING
    }
    // What still waits, waits on a cycle of references: never integrable.
    for (const [client, structs] of byClient) {
      for (let i = next.get(client) ?? 0; i < structs.length; i++) broken.add(structs[i]!)
    }
    return broken
  }

  private checkInsert({ place, key }: Located, item: Y.Item): Refusal | null {
    if (!Object.hasOwn(BOARD_SHAPE, place.root)) return invalid(`"${place.root}" is not part of a board`)
    if (place.root === BoardKey.Charter) return this.checkCharterInsert(place, key, item)
    const shape = place.shape ? childShape(place.shape, key) : null
    if (!shape) return invalid(`nothing may be written at ${describe(place, key)}`)
    const content = item.content
    if (content instanceof Y.ContentDeleted) return null // written and deleted before it was sent
    switch (shape.kind) {
      case 'json':
        if (!isJson(content)) return invalid(`${describe(place, key)} holds a plain value`)
        if (!content.arr.every((value) => shape.valid(value))) return invalid(`a malformed value at ${describe(place, key)}`)
        break
      case 'record':
      case 'map':
        if (!(content instanceof Y.ContentType) || kindOf(content.type) !== 'map') return invalid(`${describe(place, key)} holds a map`)
        for (const field of REQUIRED_FIELDS.get(shape) ?? []) {
          const fieldShape = childShape(shape, field)
          const value = this.newField(item, field)
          if (fieldShape?.kind === 'json' && !fieldShape.valid(value)) return invalid(`a new ${describe(place, key)} comes with its ${field}`)
        }
        break
      case 'list':
        if (!(content instanceof Y.ContentType) || kindOf(content.type) !== 'array') return invalid(`${describe(place, key)} holds a list`)
        break
      default:
        return invalid(`nothing may be written at ${describe(place, key)}`)
    }
    return this.mayWrite(place, key, isJson(content) ? content.arr : [], 'insert')
  }

  private checkCharterInsert(place: Place, key: string | null, item: Y.Item): Refusal | null {
    if (!can(this.input.connection.role, 'charter.edit')) return forbidden('charter.edit')
    const rules = charterRules()
    const content = item.content
    if (content instanceof Y.ContentDeleted) return null
    if (place.kind === 'xml-text') {
      if (key !== null) return invalid('text has no attributes')
      if (content instanceof Y.ContentString) return null
      if (content instanceof Y.ContentFormat) {
        // y-prosemirror's reading of the key (`bold--a1b2c3d4` for an overlapping mark), else it isn't a mark it knows.
        const mark = /(.*)(--[a-zA-Z0-9+/=]{8})$/.exec(content.key)?.[1] ?? content.key
        if (!rules.isMark(mark)) return invalid(`unknown mark "${content.key}"`)
        return jsonSize(content.value) <= CHARTER_ATTRIBUTE_MAX ? null : invalid('mark attributes too long')
      }
      return invalid('the charter\'s text holds only characters and marks')
    }
    if (place.kind !== 'xml-element' && place.kind !== 'xml-fragment') return invalid('the charter holds only elements and text')
    const parentName = place.nodeName ?? ''
    if (key !== null) {
      if (place.kind !== 'xml-element' || !rules.isAttribute(parentName, key)) return invalid(`"${parentName}" has no attribute "${key}"`)
      if (!isJson(content)) return invalid('an attribute is a plain value')
      return jsonSize(content.arr) <= CHARTER_ATTRIBUTE_MAX ? null : invalid('attribute too long')
    }
    if (!(content instanceof Y.ContentType)) return invalid('the charter holds only elements and text')
    if (place.depth + 1 > CHARTER_MAX_DEPTH) return { reason: 'invalid', detail: `the charter nests at most ${CHARTER_MAX_DEPTH} levels` }
    const type = content.type
    if (type instanceof Y.XmlElement) {
      if (!rules.isElement(type.nodeName)) return invalid(`unknown element "${type.nodeName}"`)
      if (!rules.mayContain(parentName, type.nodeName)) return invalid(`"${type.nodeName}" can't be inside "${parentName}"`)
      return null
    }
    if (type instanceof Y.XmlText) return rules.mayContain(parentName, TEXT) ? null : invalid(`"${parentName}" holds no text`)
    return invalid('the charter holds only elements and text')
  }

  /**
   * A record this message creates is taken whole or not at all: a refused field (a card's partner,
   * a value's author) takes its record along, rather than leaving one without it (a card of no
   * partner would count as one more partner in a group's kind). Its other fields follow: yjs
   * integrates what sits in a placeholder as a placeholder, on every replica.
   */
  private refuseNewRecord(place: Place): void {
    if (place.root === BoardKey.Charter || place.depth < 1) return
    const created = recordPlace(place).created
    if (created && this.update.find(created.id) === created) this.refused.add(created)
  }

  // ── Deletes ────────────────────────────────────────────────────────────────────────────────

  private checkDeletes(): DeleteRange[] {
    const kept: DeleteRange[] = []
    for (const range of this.update.deletes) {
      if (range.len <= 0) continue // an empty range changes nothing, and makes yjs throw when it can't apply it
      let clock = range.clock
      const end = range.clock + range.len
      while (clock < end) {
        const id = Y.createID(range.client, clock)
        // The committed doc first: a client that sends again what the server has (a reloaded page
        // resending its whole state) deletes nothing new, and must not be judged as deleting it now.
        const found = this.findLive(id) ?? this.findNew(id)
        if (!found) break // deletes what nobody has: dropped rather than kept pending forever
        const structEnd = Math.min(end, found.id.clock + found.length)
        if (this.mayDelete(found)) kept.push({ client: range.client, clock, len: structEnd - clock })
        clock = structEnd
      }
    }
    return kept
  }

  private readonly deleteDecisions = new Map<Struct, boolean>()

  /**
   * Deleting an item deletes what is inside it too (yjs lists every child in the delete set): a
   * child follows the decision on its nearest ancestor deleted by the same message, so removing
   * one's own value takes its stances along, and a refused removal leaves the value whole.
   */
  private mayDelete(struct: Struct): boolean {
    const decided = this.deleteDecisions.get(struct)
    if (decided !== undefined) return decided
    let decision: boolean
    if (!(struct instanceof Y.Item)) decision = struct instanceof Y.GC
    else if (struct.parent instanceof Y.AbstractType && struct.deleted) decision = true
    else {
      const location: Location = struct.parent instanceof Y.AbstractType
        ? { place: placeOfLiveType(struct.parent as Y.AbstractType<unknown>), key: struct.parentSub }
        : this.locate(struct)
      if (location === GONE) decision = true
      else if (location === MISSING || location === NOWHERE) decision = false
      else {
        const ancestor = this.ancestorDeletedHere(location.place)
        decision = ancestor === 'already-deleted' ? true : ancestor ? this.mayDelete(ancestor) : this.checkDelete(location, struct)
      }
    }
    this.deleteDecisions.set(struct, decision)
    return decision
  }

  private checkDelete({ place, key }: Located, struct: Y.Item): boolean {
    const required = key !== null && place.shape !== null && (REQUIRED_FIELDS.get(place.shape)?.includes(key) ?? false)
    if (required && place.live instanceof Y.Map && place.live._map.get(key!) === struct && !this.replacedHere(struct)) {
      this.note(invalid(`${describe(place, key)} is replaced, never removed`))
      return false
    }
    const refusal = place.root === BoardKey.Charter
      ? (can(this.input.connection.role, 'charter.edit') ? null : forbidden('charter.edit'))
      : this.mayWrite(place, key, isJson(struct.content) ? struct.content.arr : [], 'delete', struct)
    if (refusal) this.note(refusal)
    return refusal === null
  }

  /**
   * Whether a kept struct of this message, or of an accepted uncommitted one, takes the place of the
   * map entry `struct`: a new value at a key names the old one as its origin (and, so, carries no
   * parent nor key of its own in the update).
   */
  private replacedHere(struct: Y.Item): boolean {
    const last = Y.createID(struct.id.client, struct.id.clock + struct.length - 1)
    for (const update of [...this.input.pending, this.update]) {
      for (const structs of update.byClient.values()) {
        for (const s of structs) {
          if (s instanceof Y.Item && s.origin && Y.compareIDs(s.origin, last) && !this.refused.has(s)) return true
        }
      }
    }
    return false
  }

  /** The nearest item holding `place` that this message deletes, or whether one is deleted already. */
  private ancestorDeletedHere(place: Place): Y.Item | 'already-deleted' | null {
    for (let p: Place | null = place; p && p.parent; p = p.parent) {
      const item = p.live?._item ?? p.created
      if (!item) continue
      if (p.live && item.deleted) return 'already-deleted'
      if (this.deletedHere(item.id)) return item
    }
    return null
  }

  private deletedHere(id: Y.ID): boolean {
    return this.update.deletes.some((range) => range.client === id.client && id.clock >= range.clock && id.clock < range.clock + range.len)
  }

  // ── Who may write where ────────────────────────────────────────────────────────────────────

  /**
   * The rule for writing (or deleting) at `key` of `place`, outside the charter. `values` are the
   * plain values written or deleted there; `deleted` is the struct a delete removes.
   */
  private mayWrite(place: Place, key: string | null, values: unknown[], op: 'insert' | 'delete', deleted?: Y.Item): Refusal | null {
    const { connection } = this.input
    const path = pathOf(place)
    const record = path.length >= 1 ? recordPlace(place) : null
    const isNewRecord = record !== null && record.live === null
    const field = path.length === 1 ? key : null
    const signed = () => this.signedByMe(values)

    switch (place.root) {
      case BoardKey.Partners: {
        if (path.length === 0) {
          if (op === 'delete') return this.allow('partners.remove')
          return this.allow('partners.edit') ?? this.unlessLocked()
        }
        if (!isNewRecord && (field === 'id' || field === 'createdAt' || field === 'createdBy')) return serverOnly(place, key)
        return this.allow('partners.edit') ?? this.unlessLocked() ?? (field === 'createdBy' && op === 'insert' ? signed() : null)
      }
      case BoardKey.Values: {
        if (path.length === 0) {
          if (op === 'insert') return this.allow('value.propose')
          return this.allow('value.remove') ?? this.ownContribution(deleted, 'value.remove')
        }
        if (path.length === 1) {
          if (isNewRecord) {
            return this.allow('value.propose') ??
              (field === 'partnerId' && op === 'insert' ? this.speaksFor(values, 'value.propose') : null) ??
              (field === 'author' && op === 'insert' ? signed() : null)
          }
          if (field === 'text' || field === 'explanation' || field === 'order') return this.allow('value.edit')
          return serverOnly(place, key)
        }
        if (place.key === 'endorsements') {
          // Records for any partner, on its behalf, signed as itself; a merge copies stances as they were.
          if (this.facilitator) return op === 'insert' ? this.signedByMe(values.filter((v) => !this.copiedByMerge(v)), 'by') : null
          return this.allow('stance.record') ?? this.forPartner(key, 'stance.record') ?? (op === 'insert' ? this.signedByMe(values, 'by') : null)
        }
        return this.allow('value.merge') // mergedFrom
      }
      case BoardKey.Interests: {
        if (path.length === 0) {
          if (op === 'insert') return this.allow('card.add')
          return this.allow('card.remove') ?? this.ownContribution(deleted, 'card.remove')
        }
        if (isNewRecord) {
          if (field === 'roundId' && op === 'insert' && values.some((v) => v !== '')) return serverOnly(place, key)
          return this.allow('card.add') ??
            (field === 'partnerId' && op === 'insert' ? this.speaksFor(values, 'card.add') : null) ??
            (field === 'author' && op === 'insert' ? signed() : null)
        }
        if (field === 'text' || field === 'kind' || field === 'x' || field === 'y' || field === 'groupId') return this.allow('card.edit')
        return serverOnly(place, key)
      }
      case BoardKey.Groups: {
        if (path.length === 1 && !isNewRecord && (field === 'id' || field === 'createdAt' || field === 'createdBy')) return serverOnly(place, key)
        return this.allow('group.edit') ?? (field === 'createdBy' && op === 'insert' ? signed() : null)
      }
      case BoardKey.Rounds: {
        if (path.length >= 2 && place.key === 'votes') return this.mayVote(place, values, op, deleted)
        if (path.length === 1 && !isNewRecord) {
          if (field === 'status' && op === 'insert' && values.includes('closed') && this.readField(record!, 'kind') === 'private-writing') {
            // Revealing moves the drafts in: only the server does it, on the facilitator's request.
            return { reason: 'forbidden', action: 'round.run', detail: 'a private-writing round is closed by revealing it' }
          }
          if (field === 'id' || field === 'kind' || field === 'startedAt' || field === 'startedBy' || field === 'votes') return serverOnly(place, key)
        }
        return this.allow('round.run') ?? (field === 'startedBy' && op === 'insert' ? signed() : null)
      }
      case BoardKey.Sessions: {
        if (path.length === 1 && (field === 'endedAt' || field === 'snapshotId')) {
          // Ending a session is the server's, with its iteration (POST …/sessions/:id/end).
          if (!isNewRecord || values.some((v) => v !== '')) return serverOnly(place, key)
        }
        return this.allow('session.run')
      }
      case BoardKey.Deliberations: {
        const partnerId = key?.split('/')[1] ?? null
        if (op === 'insert' && !values.every((v) => isRecord(v) && v.partnerId === partnerId && key === `${String(v.snapshotId)}/${partnerId}`)) {
          return invalid('a deliberation is filed under its iteration and partner')
        }
        if (this.facilitator) return op === 'insert' ? this.signedByMe(values, 'by') : null
        return this.allow('deliberation.record') ?? this.forPartner(partnerId, 'deliberation.record') ?? (op === 'insert' ? this.signedByMe(values, 'by') : null)
      }
      case BoardKey.ActionLog: {
        // Each change of an action's status is an entry of its own, filed under its action, signed,
        // never rewritten nor taken back (the record of who said what, when); the facilitator may tidy it.
        if (op === 'delete') return this.allow('session.run')
        const refusal = this.allow('action.track')
        if (refusal) return refusal
        if (!values.every((v) => isRecord(v) && key?.split('/')[0] === v.actionId)) return invalid('a status change is filed under its action')
        if (!this.facilitator && key !== null && this.input.doc.getMap(BoardKey.ActionLog).has(key)) {
          return { reason: 'forbidden', action: 'action.track', detail: 'a status change already recorded is never rewritten' }
        }
        return this.signedByMe(values, 'by')
      }
      case BoardKey.Method:
        // The board's current phase is the facilitator's; the field of cooperation and its form, any editor's.
        return this.allow(key === 'phase' ? 'method.steer' : 'cooperation.define')
      case BoardKey.MethodSteps:
        return this.allow('method.check') ?? (op === 'insert' ? this.signedByMe(values, 'by') : null)
      case BoardKey.Diagnoses: {
        // Filed under `${partnerId}/…`. Its text is in the document only while shared; sharing and
        // taking back are the server's (server/method/diagnosis-service.ts), and a diagnosis not
        // shared is written over REST, kept by the server: no client puts it here.
        const [partnerId = null, field] = key?.split('/') ?? []
        if (field === 'shared') return serverOnly(place, key)
        const refusal = this.allow('diagnosis.write') ?? this.forPartner(partnerId, 'diagnosis.write')
        if (refusal || op === 'delete') return refusal
        if (partnerId !== null && this.input.held?.has(heldDiagnosis(partnerId))) {
          return { reason: 'forbidden', action: 'diagnosis.write', detail: 'this diagnosis is being taken back from view' }
        }
        return this.input.doc.getMap(BoardKey.Diagnoses).get(`${partnerId}/shared`) === true
          ? null
          : { reason: 'forbidden', action: 'diagnosis.write', detail: 'a diagnosis not shared is kept by the server: write it through its API' }
      }
      case BoardKey.Impacts:
        // Filed under `${partnerId}/…`: only that partner's bound links, or the facilitator on its behalf.
        return this.allow('impact.assess') ?? this.forPartner(key?.split('/')[0] ?? null, 'impact.assess')
      case BoardKey.Reviews:
        return this.allow('review.run') ?? (op === 'insert' ? this.signedByMe(values, 'by') : null)
      case BoardKey.Meta:
        if (key === 'participantsEditPartners') return this.allow('board.facilitate')
        return serverOnly(place, key)
      case BoardKey.Announcements:
        // Restores and reveals are announced by the server, in the change it makes: never forged.
        return serverOnly(place, key)
      case BoardKey.Room:
        // Follow-me is the facilitator's, signed as itself; the timer and the join-link marker are the server's (room.ts).
        if (key === 'follow') return this.allow('room.lead') ?? (op === 'insert' ? this.signedByMe(values, 'by') : null)
        return serverOnly(place, key)
      default:
        return invalid(`"${place.root}" is not part of a board`)
    }
  }

  private mayVote(votes: Place, values: unknown[], op: 'insert' | 'delete', deleted?: Y.Item): Refusal | null {
    const refusal = this.allow('vote.cast')
    if (refusal) return refusal
    const round = votes.parent!
    if (this.readField(round, 'kind') !== 'dot-vote' || this.readField(round, 'status') !== 'open') {
      return { reason: 'forbidden', action: 'vote.cast', detail: 'this vote is not open' }
    }
    const scope = this.readField(round, 'scope') === 'partner' ? 'partner' : 'person'
    const { connection } = this.input
    const cast = op === 'insert' ? values : (deleted && isJson(deleted.content) ? deleted.content.arr : [])
    for (const vote of cast) {
      if (!isRecord(vote)) return invalid('a malformed vote')
      const voter = String(vote.voter)
      const mine = scope === 'person'
        ? voter === connection.personId
        : this.facilitator || (connection.partnerId !== null && voter === connection.partnerId)
      if (!mine) return { reason: 'forbidden', action: 'vote.cast', detail: scope === 'person' ? 'you vote only for yourself' : 'you vote only for the partner your link is bound to' }
      if (op === 'delete') continue
      const signed = this.signedByMe([vote], 'by')
      if (signed) return signed
      // How many count is decided when reading (rounds.ts countedVotes: the first N per voter), so
      // an extra vote, offline or forged, changes nothing; counting here would race with withdrawals.
    }
    return null
  }

  /** A stance equal to one of a value this message removes: what mergeValues copies (signed by its author then). */
  private copiedByMerge(stance: unknown): boolean {
    const json = JSON.stringify(stance)
    for (const value of this.input.doc.getArray<unknown>(BoardKey.Values).toArray()) {
      if (!(value instanceof Y.Map) || !value._item || !this.deletedHere(value._item.id)) continue
      const endorsements = value.get('endorsements')
      if (endorsements instanceof Y.Map && [...endorsements.values()].some((s) => JSON.stringify(s) === json)) return true
    }
    return false
  }

  /** null when the role may do the action at all (its scope is checked by the caller). */
  private allow(action: Action): Refusal | null {
    return can(this.input.connection.role, action) ? null : forbidden(action)
  }

  private unlessLocked(): Refusal | null {
    if (scopeFor(this.input.connection.role, 'partners.edit') !== 'unless-locked') return null
    const locked = this.input.doc.getMap(BoardKey.Meta).get('participantsEditPartners') === false
    return locked ? { reason: 'forbidden', action: 'partners.edit', detail: 'the facilitator has locked the list of partners' } : null
  }

  /** A contribution's partner: its bound one for a bound link; any for a generic link (declared). */
  private speaksFor(values: unknown[], action: Action): Refusal | null {
    if (scopeFor(this.input.connection.role, action) === 'any') return null
    const bound = this.input.connection.partnerId
    if (bound === null) return null
    return values.every((v) => v === bound) ? null : { reason: 'forbidden', action, detail: 'your link speaks for another partner' }
  }

  /** A formal act for a partner: only by a link bound to it (or the facilitator, on its behalf). */
  private forPartner(partnerId: string | null, action: Action): Refusal | null {
    if (scopeFor(this.input.connection.role, action) === 'any') return null
    const bound = this.input.connection.partnerId
    if (bound !== null && partnerId === bound) return null
    return {
      reason: 'forbidden', action,
      detail: bound === null ? 'only a link bound to a partner records for it' : 'your link is bound to another partner',
    }
  }

  private ownContribution(deleted: Y.Item | undefined, action: Action): Refusal | null {
    if (scopeFor(this.input.connection.role, action) === 'any') return null
    const author = deleted?.content instanceof Y.ContentType ? this.readTypeField(deleted.content.type, deleted, 'author') : undefined
    const personId = this.input.connection.personId
    return personId !== null && isAuthor(author) && author.personId === personId
      ? null
      : { reason: 'forbidden', action, detail: 'only its author or the facilitator removes it' }
  }

  /** Every author a written value carries is this connection's proven person. */
  private signedByMe(values: unknown[], field?: (typeof AUTHOR_FIELDS)[number]): Refusal | null {
    const personId = this.input.connection.personId
    for (const value of values) {
      const authors = isAuthor(value) ? [value] : isRecord(value) ? (field ? [value[field]] : AUTHOR_FIELDS.map((f) => value[f]).filter((a) => a !== undefined)) : []
      for (const author of authors) {
        if (!isAuthor(author) || personId === null || author.personId !== personId) {
          return { reason: 'forbidden', detail: personId === null ? 'connect with a person key to sign contributions' : 'a contribution is signed by its own author' }
        }
        if (!this.facilitator && isRecord(value) && value.onBehalf === true) {
          return { reason: 'invalid', detail: 'only the facilitator records on a partner\'s behalf' }
        }
      }
    }
    return null
  }

  // ── Reading the board ──────────────────────────────────────────────────────────────────────

  /** A plain field of a record, committed or being created (null when absent). */
  private readField(place: Place, field: string): unknown {
    if (place.live instanceof Y.Map) return place.live.get(field) ?? null
    if (place.created) return this.newField(place.created, field)
    return null
  }

  private readTypeField(type: Y.AbstractType<unknown>, item: Y.Item, field: string): unknown {
    if (item.parent instanceof Y.AbstractType && type instanceof Y.Map) return type.get(field)
    return this.newField(item, field)
  }

  /** The latest value written at `field` of a map created by `owner`, among uncommitted changes. */
  private newField(owner: Y.Item, field: string): unknown {
    const found = this.fieldIndex().get(`${owner.id.client}:${owner.id.clock}:${field}`)
    return found && isJson(found.content) ? found.content.arr.at(-1) : null
  }

  private fields: Map<string, Y.Item> | null = null

  /** The latest item written at each (parent created by a struct, field) among uncommitted changes, built once. */
  private fieldIndex(): Map<string, Y.Item> {
    if (this.fields) return this.fields
    const index = new Map<string, Y.Item>()
    for (const update of [...this.input.pending, this.update]) {
      for (const structs of update.byClient.values()) {
        for (const struct of structs) {
          if (!(struct instanceof Y.Item) || struct.parentSub === null || !(struct.parent instanceof Y.ID)) continue
          const key = `${struct.parent.client}:${struct.parent.clock}:${struct.parentSub}`
          const found = index.get(key)
          if (!found || struct.id.clock > found.id.clock) index.set(key, struct)
        }
      }
    }
    return (this.fields = index)
  }

  /** The place a struct goes (memoised; follows chains of neighbours without recursion). */
  private locate(item: Y.Item): Location {
    const chain: Y.Item[] = []
    let current = item
    let result: Location
    for (;;) {
      const memo = locations.get(current)
      if (memo) {
        result = memo
        break
      }
      if (current.parent !== null) {
        result = this.locateByParent(current)
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      if (!neighbour) {
        result = NOWHERE
        break
      }
      const found = this.findNew(neighbour)
      if (found instanceof Y.Item) {
        chain.push(current)
        current = found
        continue
      }
      if (found) {
        result = found instanceof Y.GC ? GONE : MISSING
        break
      }
      const live = this.findLive(neighbour)
      result = !live ? MISSING : live instanceof Y.Item
        ? { place: placeOfLiveType(live.parent as Y.AbstractType<unknown>), key: live.parentSub }
        : GONE
      break
    }
    locations.set(current, result)
    for (const linked of chain) locations.set(linked, result)
    return result
  }

  private locateByParent(item: Y.Item): Location {
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { place: topLevelPlace(parent), key: item.parentSub }
    if (!(parent instanceof Y.ID)) return NOWHERE
    const place = this.placeOfTypeAt(parent)
    return typeof place === 'string' ? place : { place, key: item.parentSub }
  }

  /** The type created by the struct at `id`. */
  private placeOfTypeAt(id: Y.ID): Place | typeof MISSING | typeof GONE | typeof NOWHERE {
    const created = this.findNew(id)
    if (created) {
      if (created instanceof Y.GC) return GONE
      if (!(created instanceof Y.Item)) return MISSING
      if (created.content instanceof Y.ContentDeleted) return GONE
      if (!(created.content instanceof Y.ContentType)) return NOWHERE
      const location = this.locate(created)
      if (typeof location === 'string') return location
      return childPlace(location.place, location.key, created.content.type, false, created)
    }
    const live = this.findLive(id)
    if (!live) return MISSING
    if (!(live instanceof Y.Item)) return GONE
    if (live.content instanceof Y.ContentType) return placeOfLiveType(live.content.type)
    return live.content instanceof Y.ContentDeleted ? GONE : NOWHERE
  }

  /** A struct of this message or of an accepted, uncommitted one. */
  private findNew(id: Y.ID): Struct | undefined {
    const own = this.update.find(id)
    if (own) return own
    for (let i = this.input.pending.length - 1; i >= 0; i--) {
      const found = this.input.pending[i]!.find(id)
      if (found) return found
    }
    return undefined
  }

  private findLive(id: Y.ID): Y.Item | Y.GC | undefined {
    const store = this.input.doc.store
    if (id.clock >= Y.getState(store, id.client)) return undefined
    return Y.getItem(store, id) as Y.Item | Y.GC
  }

  /**
   * How far the room (its doc and its accepted, uncommitted changes) has a client's clock. Remembered
   * per client for this message: neither changes while it is judged, and with many changes waiting
   * for a commit (a room of 100 typing during one fsync) scanning them for every struct was O(n²).
   */
  private knownClock(client: number): number {
    const remembered = this.knownClocks.get(client)
    if (remembered !== undefined) return remembered
    let known = Y.getState(this.input.doc.store, client)
    for (const update of this.input.pending) {
      const structs = update.byClient.get(client)
      const last = structs?.at(-1)
      if (last) known = Math.max(known, last.id.clock + last.length)
    }
    this.knownClocks.set(client, known)
    return known
  }

  // ── Outcome ────────────────────────────────────────────────────────────────────────────────

  private refuse(struct: Struct, refusal: Refusal): void {
    this.refused.add(struct)
    this.note(refusal)
  }

  private note(refusal: Refusal): void {
    const key = `${refusal.reason}|${refusal.action ?? ''}|${refusal.detail}`
    if (!this.refusals.has(key)) this.refusals.set(key, refusal)
  }

  private markMissing(): false {
    this.missing = true
    return false
  }
}

/** Reads a client's change and takes out what it may not write (see the top of this file). */
export function guardUpdate(input: GuardInput, update: Uint8Array): GuardResult {
  return new Guard(input, new DecodedUpdate(update)).run()
}

// ── Small helpers ──────────────────────────────────────────────────────────────────────────────

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const invalid = (detail: string): Refusal => ({ reason: 'invalid', detail })

const forbidden = (action: Action): Refusal => ({ reason: 'forbidden', action, detail: `your role may not do "${action}"` })

const serverOnly = (place: Place, key: string | null): Refusal =>
  ({ reason: 'forbidden', detail: `${describe(place, key)} is set by the server only` })

function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value ?? null).length
  } catch {
    return Infinity
  }
}

/** Keys from the top-level type down to `place` (list elements as null). */
function pathOf(place: Place): (string | null)[] {
  const path: (string | null)[] = []
  for (let p: Place | null = place; p && p.parent; p = p.parent) path.push(p.key)
  return path.reverse()
}

/** The item (depth 1: a partner, a value, a card, a round, a session) `place` belongs to. */
function recordPlace(place: Place): Place {
  // Memoised along the way: refusing a 12,000-deep nest asks this for every level.
  const walked: Place[] = []
  let p = place
  while (p.depth > 1 && p.parent) {
    const known = records.get(p)
    if (known) {
      p = known
      break
    }
    walked.push(p)
    p = p.parent
  }
  for (const w of walked) records.set(w, p)
  return p
}

const records = new WeakMap<Place, Place>()

/** `partners.x.note` for messages; at most a few levels (a 12,000-deep nest is refused level by level: O(1) each). */
function describe(place: Place, key: string | null): string {
  const keys: string[] = key === null ? [] : [key]
  let p: Place | null = place
  for (; p && p.parent && keys.length < 8; p = p.parent) keys.push(p.key ?? '[]')
  if (p && p.parent) keys.push('…')
  keys.push(place.root)
  return keys.reverse().join('.').slice(0, 200)
}

export { FACILITATION }
