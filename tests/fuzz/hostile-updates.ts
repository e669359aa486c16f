/**
 * Hostile Yjs updates for the write guard's fuzz tests (server/sync/write-guard.fuzz.test.ts in
 * process, tests/fuzz/*.test.ts over real sockets): a real board to start from, honest edits to
 * mutate, and structurally valid but hostile writes made by a scratch copy of the board. Everything
 * is drawn from one seeded random source so a failing case replays from its seed.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import type { Actor } from '../../shared/board/actor.ts'
import { initialBoardState } from '../../shared/board/new-board.ts'
import { addPartner, updatePartner } from '../../shared/board/partners.ts'
import { editValue, proposeValue, setStance } from '../../shared/board/values.ts'
import { addCard, createGroup, moveCard, renameGroup } from '../../shared/board/interests.ts'
import { castVote, startDotVote, startPrivateWriting } from '../../shared/board/rounds.ts'
import { addAgendaItem, addDecision, startSession } from '../../shared/board/sessions.ts'
import { setDeliberation } from '../../shared/board/deliberations.ts'
import {
  charterOf, deliberationsOf, groupsOf, interestsOf, metaOf, partnersOf, roundsOf, sessionsOf, valuesOf,
} from '../../shared/board/schema.ts'
import type { Role } from '../../shared/auth/roles.ts'
import type { ConnectionIdentity } from '../../server/sync/sync-connection.ts'

export type Random = () => number

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
export const chance = (random: Random, p: number): boolean => random() < p

/** The people of the fuzz board. Person ids are the ones connections prove (ConnectionIdentity.personId). */
export const FACILITATOR: Actor = { personId: 'person-fac', name: 'Facilitatrice', partnerId: 'facilitation', role: 'facilitator', partnerBound: false }
export const participantOf = (partnerId: string, name = 'Ana'): Actor =>
  ({ personId: `person-${name.toLowerCase()}`, name, partnerId, role: 'participant', partnerBound: true })

export interface FuzzBoard {
  doc: Y.Doc
  partnerIds: string[]
  roundIds: string[]
  sessionId: string
}

/** A board as the server creates it, then used a little: partners, values, stances, cards, groups, rounds, a session, a deliberation. */
export function buildBoard(): FuzzBoard {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialBoardState('fr', 'Fuzz'))
  const a = addPartner(doc, FACILITATOR, { name: 'Les Amis du Val', shortName: 'AV', kind: 'association' })
  const b = addPartner(doc, FACILITATOR, { name: 'Centre social Brel', shortName: 'CSB', kind: 'establishment' })
  const ana = participantOf(a, 'Ana')
  const bob = participantOf(b, 'Bob')
  const v1 = proposeValue(doc, ana, { text: 'Solidarité', explanation: 'Entre associations' })
  proposeValue(doc, bob, { text: 'Transparence' })
  setStance(doc, ana, v1, a, 'agree')
  setStance(doc, bob, v1, b, 'reservation', 'À préciser')
  const card = addCard(doc, ana, { text: 'Mutualiser un local', kind: 'interest' })
  addCard(doc, bob, { text: 'Un minibus', kind: 'brings' })
  moveCard(doc, ana, card, 120, 340)
  const group = createGroup(doc, ana, { name: 'Locaux', cardIds: [card] })
  renameGroup(doc, bob, group, 'Locaux partagés')
  const vote = startDotVote(doc, FACILITATOR, { title: 'Priorités', votesPerVoter: 3, scope: 'person', target: 'groups' })
  castVote(doc, ana, vote, group)
  const writing = startPrivateWriting(doc, FACILITATOR, { title: 'Idées' })
  const sessionId = startSession(doc, FACILITATOR, { kind: 'steering-committee', title: 'Comité', date: '2026-03-12', phase: 2, agenda: ['Accueil'] })
  addAgendaItem(doc, FACILITATOR, sessionId, 'Valeurs')
  addDecision(doc, FACILITATOR, sessionId, { kind: 'decision', text: 'Se revoir en mai', partnerIds: [a, b] })
  setDeliberation(doc, ana, 'snap1', a, { status: 'approved', body: 'CA du 3 mars' })
  updatePartner(doc, FACILITATOR, b, { note: 'Quartier nord' })
  // Typed text with marks and a link in the charter, as the editor writes it.
  const first = charterOf(doc).get(2)
  if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) {
    const text = first.get(0) as Y.XmlText
    text.insert(0, 'Important : ', { bold: true })
    text.insert(0, 'voir ', { link: { href: 'https://example.org', target: '_blank', rel: null, class: null } })
  }
  return { doc, partnerIds: [a, b], roundIds: [vote, writing], sessionId }
}

/** A connection as the server knows it: any role, bound or not, with or without a proven person. */
export function randomIdentity(random: Random, board: FuzzBoard): ConnectionIdentity {
  const role = pick<Role>(random, ['facilitator', 'participant', 'participant', 'observer', 'display'])
  const partnerId = chance(random, 0.5) ? pick(random, [...board.partnerIds, 'ghost-partner']) : null
  const personId = chance(random, 0.2) ? null : pick(random, ['person-fac', 'person-ana', 'person-bob', 'person-eve'])
  return { role, inviteId: 'fuzz-invite', partnerId, personId }
}

/** A connection that may write the honest part of mixed cases (a group signed by its person). */
export function writerIdentity(random: Random, board: FuzzBoard): { identity: ConnectionIdentity; actor: Actor } {
  if (chance(random, 0.3)) return { identity: { role: 'facilitator', inviteId: 'fuzz', partnerId: null, personId: FACILITATOR.personId }, actor: FACILITATOR }
  const partnerId = pick(random, board.partnerIds)
  const actor = participantOf(partnerId, 'Ana')
  return { identity: { role: 'participant', inviteId: 'fuzz', partnerId, personId: actor.personId }, actor }
}

/** A second replica of `doc`, writing as a new client id drawn from `random`. */
export function scratchOf(doc: Y.Doc, random: Random, state = Y.encodeStateAsUpdate(doc)): Y.Doc {
  const scratch = new Y.Doc({ gc: chance(random, 0.5) })
  Y.applyUpdate(scratch, state)
  scratch.clientID = freshClientId(random, scratch)
  return scratch
}

export const clientId = (random: Random): number => 1 + Math.floor(random() * 0x7ffffffe)

/** A client id `doc` has never seen (two writers with one id is yjs's one unrecoverable case, not the guard's). */
export function freshClientId(random: Random, doc: Y.Doc): number {
  for (;;) {
    const id = clientId(random)
    if (Y.getState(doc.store, id) === 0) return id
  }
}

// ── Byte mutations ─────────────────────────────────────────────────────────────────────────────

const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0x3f, 8, 7, 119, 120, 121, 125]

/** Flips, overwrites, truncates, splices: 1 to 4 of them on a copy. */
export function mutateBytes(random: Random, source: Uint8Array, corpus: readonly Uint8Array[]): Uint8Array {
  let bytes: Uint8Array = source.slice()
  const rounds = int(random, 1, 4)
  for (let r = 0; r < rounds; r++) {
    if (bytes.length === 0) bytes = new Uint8Array([int(random, 0, 255)])
    const at = int(random, 0, bytes.length - 1)
    switch (int(random, 0, 8)) {
      case 0: // flip a bit
        bytes[at]! ^= 1 << int(random, 0, 7)
        break
      case 1: // an interesting byte
        bytes[at] = pick(random, INTERESTING)
        break
      case 2: // a random byte
        bytes[at] = int(random, 0, 255)
        break
      case 3: // truncate
        bytes = bytes.slice(0, at)
        break
      case 4: { // delete a range
        const len = int(random, 1, Math.min(16, bytes.length - at))
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + len))
        break
      }
      case 5: { // insert random bytes
        const extra = new Uint8Array(int(random, 1, 8)).map(() => int(random, 0, 255))
        bytes = concat(bytes.subarray(0, at), extra, bytes.subarray(at))
        break
      }
      case 6: { // duplicate a range
        const len = int(random, 1, Math.min(32, bytes.length - at))
        bytes = concat(bytes.subarray(0, at + len), bytes.subarray(at, at + len), bytes.subarray(at + len))
        break
      }
      case 7: { // splice in a piece of another update
        const other = pick(random, corpus)
        if (other.length === 0) break
        const from = int(random, 0, other.length - 1)
        const piece = other.subarray(from, from + int(random, 1, 48))
        bytes = concat(bytes.subarray(0, at), piece, bytes.subarray(at + int(random, 0, 8)))
        break
      }
      default: { // a big varuint where a small one was
        const big = encoding.createEncoder()
        encoding.writeVarUint(big, pick(random, [0x7fffffff, 0xffffffff, 2 ** 40, 1e6, 65536, 2 ** 31]))
        bytes = concat(bytes.subarray(0, at), encoding.toUint8Array(big), bytes.subarray(at + 1))
      }
    }
  }
  return bytes
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

// ── Honest edits (the corpus to mutate, and the "still editable" checks) ───────────────────────

/** One honest edit of the kind the UI makes, by `actor` (throws a BoardError when it may not). */
export function honestEdit(random: Random, doc: Y.Doc, board: FuzzBoard, actor: Actor, mark: string): void {
  switch (int(random, 0, 5)) {
    case 0:
      createGroup(doc, actor, { name: mark })
      break
    case 1:
      addCard(doc, actor, { text: mark, kind: pick(random, ['interest', 'brings'] as const) })
      break
    case 2: {
      const values = valuesOf(doc)
      const id = values.length > 0 ? values.get(int(random, 0, values.length - 1))?.get('id') : undefined
      if (typeof id === 'string') editValue(doc, actor, id, { explanation: mark })
      else proposeValue(doc, actor, { text: mark })
      break
    }
    case 3: {
      const charter = charterOf(doc)
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      doc.transact(() => {
        paragraph.insert(0, [text])
        text.insert(0, mark, chance(random, 0.3) ? { italic: true } : undefined)
        charter.insert(int(random, 0, charter.length), [paragraph])
      })
      break
    }
    case 4: {
      const texts = charterTexts(doc)
      const text = texts.length > 0 ? pick(random, texts) : null
      if (text) text.insert(int(random, 0, text.length), mark, chance(random, 0.3) ? { bold: true } : {})
      else createGroup(doc, actor, { name: mark })
      break
    }
    default:
      if (actor.partnerBound) proposeValue(doc, actor, { text: mark })
      else createGroup(doc, actor, { name: mark })
  }
  void board
}

/** The charter's texts (first levels only, enough to type into). */
export function charterTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement, depth: number) => {
    if (depth > 4) return
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child)
      else if (child instanceof Y.XmlElement) walk(child, depth + 1)
    }
  }
  walk(charterOf(doc), 0)
  return texts
}

// ── Structured hostile writes ──────────────────────────────────────────────────────────────────

const CHARTER_NESTABLE = ['blockquote', 'bulletList', 'listItem', 'orderedList', 'paragraph', 'heading']

/**
 * A chain of `depth` nested types built level by level (so neither yjs nor our code recurses),
 * switching client ids on the way when `clients` is given (the guard then sees children whose
 * parents come later in its decoding order).
 */
export function deepNest(doc: Y.Doc, random: Random, depth: number, where: 'charter' | 'map' | 'array' | 'xml-in-map', clients: number[] = []): void {
  const mk = (level: number): Y.AbstractType<any> => {
    if (where === 'charter') return new Y.XmlElement(level % 7 === 6 ? pick(random, CHARTER_NESTABLE) : 'blockquote')
    if (where === 'array') return level % 2 === 0 ? new Y.Array() : new Y.Map()
    if (where === 'xml-in-map') return new Y.XmlElement('blockquote')
    return new Y.Map()
  }
  const put = (parent: Y.AbstractType<any>, child: Y.AbstractType<any>) => {
    if (parent instanceof Y.Map) parent.set(pick(random, ['x', 'note', 'k', 'id']), child)
    else if (parent instanceof Y.Array) parent.push([child])
    else (parent as Y.XmlFragment).insert(0, [child as Y.XmlElement])
  }
  let parent: Y.AbstractType<any>
  switch (where) {
    case 'charter': parent = charterOf(doc); break
    case 'array': parent = pick(random, [valuesOf(doc), interestsOf(doc), doc.getArray('fuzzList')]); break
    default: parent = pick(random, [partnersOf(doc), groupsOf(doc), metaOf(doc), sessionsOf(doc), doc.getMap('fuzzMap')])
  }
  const batch = 200
  for (let level = 0; level < depth; level += batch) {
    if (clients.length > 0) doc.clientID = pick(random, clients)
    doc.transact(() => {
      for (let i = level; i < Math.min(depth, level + batch); i++) {
        const child = mk(i)
        put(parent, child)
        parent = child
      }
    })
  }
  if (where === 'charter' && chance(random, 0.7)) {
    const paragraph = new Y.XmlElement('paragraph')
    ;(parent as Y.XmlElement).insert(0, [paragraph])
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    text.insert(0, 'au fond')
  }
}

/** Wrong kinds where a record, list or plain value belongs. */
export function wrongKind(doc: Y.Doc, random: Random, board: FuzzBoard): void {
  const partner = partnersOf(doc).get(pick(random, board.partnerIds))
  const value = valuesOf(doc).length > 0 ? valuesOf(doc).get(0) : undefined
  const round = roundsOf(doc).get(board.roundIds[0]!)
  const session = sessionsOf(doc).get(board.sessionId)
  const hostile = pick(random, [
    () => partnersOf(doc).set('x', 'string' as never),
    () => partnersOf(doc).set(pick(random, board.partnerIds), 42 as never),
    () => partnersOf(doc).set('y', new Y.Array() as never),
    () => partner?.set('name', 12345),
    () => partner?.set('name', new Y.Text('typed') as never),
    () => partner?.set('createdBy', 'someone'),
    () => valuesOf(doc).push(['a plain string' as never]),
    () => valuesOf(doc).push([new Y.Array() as never]),
    () => valuesOf(doc).insert(0, [null as never, 3 as never]),
    () => value?.set('endorsements', 'none'),
    () => value?.set('mergedFrom', new Y.Map() as never),
    () => value?.set('text', { not: 'text' }),
    () => (value?.get('endorsements') as Y.Map<unknown> | undefined)?.set(pick(random, board.partnerIds), 'agree'),
    () => interestsOf(doc).push([new Y.Map([['text', 5], ['x', 'left']]) as never]),
    () => interestsOf(doc).push([new Uint8Array([1, 2, 3]) as never]),
    () => groupsOf(doc).set('g', new Y.Array() as never),
    () => groupsOf(doc).set('bad key with spaces', new Y.Map() as never),
    () => round?.set('votes', 'x'),
    () => (round?.get('votes') as Y.Map<unknown> | undefined)?.set('v1', { voter: 1 }),
    () => round?.set('votesPerVoter', 1e9),
    () => session?.set('agenda', new Y.Map() as never),
    () => session?.set('decisions', 'none'),
    () => (session?.get('decisions') as Y.Array<unknown> | undefined)?.push(['text']),
    () => (session?.get('attendance') as Y.Map<unknown> | undefined)?.set('p', new Y.Map() as never),
    () => metaOf(doc).set('language', 42),
    () => metaOf(doc).set('templateVersion', new Y.Map()),
    () => metaOf(doc).set('evil', true),
    () => deliberationsOf(doc).set('snap1/x', 'approved' as never),
    () => deliberationsOf(doc).set('snap2/' + board.partnerIds[0], new Y.Map() as never),
    () => charterOf(doc).insert(0, ['plain string' as never, 42 as never]),
    () => charterOf(doc).insert(0, [new Y.Map() as never]),
    () => charterOf(doc).insert(0, [new Y.XmlText('text at the root')]),
    () => firstElement(doc)?.insert(0, [new Y.XmlElement('paragraph')]),
    () => firstElement(doc)?.setAttribute('level', { evil: 'x'.repeat(5000) } as never),
    () => partner?.set('note', new Y.XmlElement('p') as never),
    () => doc.getText('charter-text').insert(0, 'x'),
  ])
  try {
    hostile()
  } catch { /* a client that kept its own refused writes may have no map there: nothing written */ }
}

const firstElement = (doc: Y.Doc): Y.XmlElement | null => {
  const first = charterOf(doc).length > 0 ? charterOf(doc).get(0) : null
  return first instanceof Y.XmlElement ? first : null
}

/** Top-level names that aren't part of a board. */
export function unknownTopLevel(doc: Y.Doc, random: Random): void {
  const name = pick(random, ['evil', 'Meta', 'partners ', '__proto__', 'constructor', 'toString', 'x'.repeat(300), '', 'charter2'])
  pick(random, [
    () => doc.getMap(name).set('a', 1),
    () => doc.getArray(name).push([1, 'two', { three: 3 }]),
    () => doc.getText(name).insert(0, 'hello'),
    () => doc.getXmlFragment(name).insert(0, [new Y.XmlElement('paragraph')]),
  ])()
}

/** Elements, attributes and marks the charter's schema doesn't know, or in the wrong place. */
export function unknownCharter(doc: Y.Doc, random: Random): void {
  const charter = charterOf(doc)
  const texts = charterTexts(doc)
  const text = texts.length > 0 ? pick(random, texts) : null
  const at = int(random, 0, charter.length)
  pick(random, [
    () => charter.insert(at, [new Y.XmlElement(pick(random, ['script', 'image', 'codeBlock', 'table', 'doc', 'text', 'iframe', '']))]),
    () => {
      const p = new Y.XmlElement('paragraph')
      charter.insert(at, [p])
      p.setAttribute(pick(random, ['onclick', 'style', 'class', 'href']), 'alert(1)')
    },
    () => {
      const p = new Y.XmlElement('paragraph')
      charter.insert(at, [p])
      p.insert(0, [new Y.XmlElement('heading')]) // a block in an inline place
    },
    () => {
      const li = new Y.XmlElement('listItem') // a list item outside a list
      charter.insert(at, [li])
    },
    () => text?.format(0, Math.max(1, text.length), { [pick(random, ['evil', 'code', 'highlight', 'textStyle', 'bold--x', 'link'])]: pick(random, [true, 'x', { href: 'javascript:alert(1)' }, 12]) }),
    () => text?.insertEmbed(0, { image: 'http://evil' }),
    () => text?.insert(0, 'x', { [`m${int(random, 0, 1e6)}`]: true }),
    () => text?.setAttribute('evil', 'x'),
    () => text?.insert(0, 'y', { link: { href: 'h'.repeat(5000) } }),
    () => charter.insert(at, [new Y.XmlHook('hook') as never]),
  ])()
}

/** One huge string somewhere (rarely: it costs). */
export function hugeString(doc: Y.Doc, random: Random, board: FuzzBoard): void {
  const size = pick(random, [20_000, 100_000, 400_000])
  const big = 'é'.repeat(size)
  const texts = charterTexts(doc)
  pick(random, [
    () => groupsOf(doc).get([...groupsOf(doc).keys()][0] ?? '')?.set('name', big),
    () => partnersOf(doc).get(board.partnerIds[0]!)?.set('note', big),
    () => texts[0]?.insert(0, big),
    () => firstElement(doc)?.setAttribute('level', big as never),
    () => metaOf(doc).set('language', big),
  ])()
}

/** Deletes of whatever a participant or anyone may reach: everything, or random parts. */
export function hostileDelete(doc: Y.Doc, random: Random): void {
  pick(random, [
    () => charterOf(doc).delete(0, charterOf(doc).length),
    () => { for (const key of [...partnersOf(doc).keys()]) partnersOf(doc).delete(key) },
    () => valuesOf(doc).delete(0, valuesOf(doc).length),
    () => interestsOf(doc).delete(0, interestsOf(doc).length),
    () => { for (const key of [...roundsOf(doc).keys()]) roundsOf(doc).delete(key) },
    () => { for (const key of [...metaOf(doc).keys()]) metaOf(doc).delete(key) },
    () => {
      const texts = charterTexts(doc)
      const text = texts.length > 0 ? pick(random, texts) : null
      if (text && text.length > 0) text.delete(0, int(random, 1, text.length))
    },
  ])()
}

/** A delete set only: ranges of clients and clocks that may not exist (and some that do). */
export function danglingDeletes(random: Random, doc: Y.Doc): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 0) // no structs
  const known = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]
  const clients = new Map<number, { clock: number; len: number }[]>()
  const n = int(random, 1, 4)
  for (let i = 0; i < n; i++) {
    const existing = known.length > 0 && chance(random, 0.5) ? pick(random, known) : null
    const client = existing ? existing[0] : clientId(random)
    const clock = existing && chance(random, 0.6) ? int(random, 0, existing[1]) : pick(random, [0, int(random, 0, 1000), 2 ** 31 - 10, 0x7ffffff0])
    const len = pick(random, [1, int(random, 1, 10), int(random, 1, 5000), 0x7fffffff])
    const list = clients.get(client) ?? []
    list.push({ clock, len })
    clients.set(client, list)
  }
  encoding.writeVarUint(encoder.restEncoder, clients.size)
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges.sort((x, y) => x.clock - y.clock)) {
      encoder.writeDsClock(range.clock)
      encoder.writeDsLen(range.len)
    }
  }
  return encoder.toUint8Array()
}

/** Records the updates a doc emits while `write` runs. */
export function recorded(doc: Y.Doc, write: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const listen = (update: Uint8Array) => updates.push(update)
  doc.on('update', listen)
  try {
    write()
  } finally {
    doc.off('update', listen)
  }
  return updates
}
