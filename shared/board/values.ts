/** Shared values: proposed by anyone who writes, endorsed (or not) by each partner. */
import * as Y from 'yjs'
import { type Actor, authorOf } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { byOrder, needsRenumber, orderAt, orderAtEnd } from './order.ts'
import { listPartners } from './partners.ts'
import { assertCanEdit, assertFacilitator, assertMayRemove, assertSpeaksFor, cleanText } from './permissions.ts'
import {
  fieldsOf, itemMap, valuesOf,
  type ItemMap, type MergedValue, type Stance, type StanceKind, type ValueFields, type ValueStatus,
} from './schema.ts'

export const VALUE_TEXT_MAX = 300
export const VALUE_EXPLANATION_MAX = 2000
export const STANCE_TEXT_MAX = 1000

/** A value as the UI reads it: fields, every stance, and its derived status. */
export interface ValueView extends ValueFields {
  stances: Record<string, Stance>
  mergedFrom: MergedValue[]
  status: ValueStatus
}

const endorsementsOf = (item: ItemMap) => item.get('endorsements') as Y.Map<Stance>
const mergedFromOf = (item: ItemMap) => item.get('mergedFrom') as Y.Array<MergedValue>

/** Whether a stance was given on another wording than the value's current one (it then counts as undecided). */
export const isOutdated = (stance: Stance, text: string): boolean => stance.onText !== undefined && stance.onText !== text

/**
 * Derived, never typed: adopted when every partner agrees (with or without a reservation),
 * contested as soon as one objects, open otherwise (someone undecided or silent, a stance given on
 * an earlier wording, or no partners yet).
 */
export function valueStatus(stances: Record<string, Stance>, partnerIds: readonly string[], text?: string): ValueStatus {
  const kinds = partnerIds.map((id) => {
    const stance = stances[id]
    return !stance || (text !== undefined && isOutdated(stance, text)) ? 'undecided' : stance.kind
  })
  if (kinds.includes('object')) return 'contested'
  if (kinds.length > 0 && kinds.every((kind) => kind === 'agree' || kind === 'reservation')) return 'adopted'
  return 'open'
}

function findValue(doc: Y.Doc, valueId: string): ItemMap {
  const item = valuesOf(doc).toArray().find((value) => value.get('id') === valueId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  return item
}

/** Every value, in the board's order, with its status. */
export function listValues(doc: Y.Doc): ValueView[] {
  const partnerIds = listPartners(doc).map((p) => p.id)
  return valuesOf(doc).toArray().map((item) => {
    const stances = Object.fromEntries(endorsementsOf(item)?.entries() ?? []) as Record<string, Stance>
    const fields = fieldsOf<ValueFields>(item)
    return {
      ...fields,
      stances,
      mergedFrom: mergedFromOf(item)?.toArray() ?? [],
      status: valueStatus(stances, partnerIds, fields.text),
    }
  }).sort(byOrder)
}

export function proposeValue(doc: Y.Doc, actor: Actor, input: { text: string; explanation?: string }): string {
  assertCanEdit(actor)
  const text = cleanText(input.text, VALUE_TEXT_MAX)
  const explanation = cleanText(input.explanation ?? '', VALUE_EXPLANATION_MAX, { required: false })
  const id = newId()
  doc.transact(() => {
    const fields: ValueFields = {
      id, text, explanation,
      partnerId: actor.partnerId,
      author: authorOf(actor),
      createdAt: new Date().toISOString(),
      order: orderAtEnd(listValues(doc)),
    }
    const item = itemMap(fields)
    item.set('endorsements', new Y.Map<Stance>())
    item.set('mergedFrom', new Y.Array<MergedValue>())
    valuesOf(doc).push([item])
  })
  return id
}

export function editValue(doc: Y.Doc, actor: Actor, valueId: string, input: { text?: string; explanation?: string }): void {
  assertCanEdit(actor)
  const item = findValue(doc, valueId)
  doc.transact(() => {
    if (input.text !== undefined) item.set('text', cleanText(input.text, VALUE_TEXT_MAX))
    if (input.explanation !== undefined) item.set('explanation', cleanText(input.explanation, VALUE_EXPLANATION_MAX, { required: false }))
  })
}

export function setStance(doc: Y.Doc, actor: Actor, valueId: string, partnerId: string, kind: StanceKind, text = ''): void {
  assertSpeaksFor(actor, partnerId)
  const item = findValue(doc, valueId)
  const needsText = kind === 'reservation' || kind === 'object'
  // Not required here: an empty text gets its own message (reservation or reason) just below.
  const cleaned = needsText ? cleanText(text, STANCE_TEXT_MAX, { required: false }) : ''
  if (needsText && !cleaned) {
    throw new BoardError('invalid', kind === 'reservation' ? 'error.reservation-required' : 'error.reason-required', 'Say why')
  }
  const stance: Stance = {
    kind, by: authorOf(actor), at: new Date().toISOString(), onText: String(item.get('text') ?? ''),
    ...(needsText ? { text: cleaned } : {}),
    // Anyone but a link bound to this partner records on its behalf (the facilitator), and says so.
    ...(actor.partnerBound === true && actor.partnerId === partnerId ? {} : { onBehalf: true }),
  }
  endorsementsOf(item).set(partnerId, stance)
}

export function removeValue(doc: Y.Doc, actor: Actor, valueId: string): void {
  assertCanEdit(actor)
  const array = valuesOf(doc)
  const index = array.toArray().findIndex((value) => value.get('id') === valueId)
  if (index === -1) return
  assertMayRemove(actor, (array.get(index).get('author') as { personId?: string } | undefined)?.personId)
  array.delete(index, 1)
}

/** Moves a value to `toIndex` of the ordered list (drag and drop, or the keyboard). */
export function moveValue(doc: Y.Doc, actor: Actor, valueId: string, toIndex: number): void {
  assertCanEdit(actor)
  const item = findValue(doc, valueId)
  const others = listValues(doc).filter((value) => value.id !== valueId)
  doc.transact(() => {
    if (needsRenumber(others)) {
      others.forEach((value, i) => findValue(doc, value.id).set('order', i + 1))
      others.forEach((value, i) => { value.order = i + 1 })
    }
    item.set('order', orderAt(others, toIndex))
  })
}

/**
 * Merges `sourceId` into `targetId`: the target keeps its wording; the source's text, explanation
 * and stances are kept in the target's `mergedFrom`; a partner with no stance on the target takes
 * its stance on the source (given on the source's wording, it counts as undecided until the
 * partner confirms it on the target's). Nothing is silently dropped.
 */
export function mergeValues(doc: Y.Doc, actor: Actor, targetId: string, sourceId: string): void {
  // Merging moves partners' stances: a facilitation act (auth/roles.ts 'value.merge').
  assertFacilitator(actor)
  if (targetId === sourceId) throw new BoardError('invalid', 'error.merge-self', 'Pick two different values')
  const target = findValue(doc, targetId)
  const source = findValue(doc, sourceId)
  doc.transact(() => {
    const sourceFields = fieldsOf<ValueFields>(source)
    const sourceStances = Object.fromEntries(endorsementsOf(source).entries()) as Record<string, Stance>
    const targetStances = endorsementsOf(target)
    for (const [partnerId, stance] of Object.entries(sourceStances)) {
      if (!targetStances.has(partnerId)) targetStances.set(partnerId, stance)
    }
    if (!target.get('explanation') && sourceFields.explanation) target.set('explanation', sourceFields.explanation)
    const merged: MergedValue = {
      id: sourceFields.id,
      text: sourceFields.text,
      explanation: sourceFields.explanation,
      partnerId: sourceFields.partnerId,
      author: sourceFields.author,
      createdAt: sourceFields.createdAt,
      stances: sourceStances,
      mergedBy: authorOf(actor),
      mergedAt: new Date().toISOString(),
    }
    mergedFromOf(target).push([merged, ...(mergedFromOf(source)?.toArray() ?? [])])
    const array = valuesOf(doc)
    array.delete(array.toArray().indexOf(source), 1)
  })
}

export type ValueFilter = ValueStatus | 'all'
export type ValueSort = 'board' | 'status'

const STATUS_RANK: Record<ValueStatus, number> = { contested: 0, open: 1, adopted: 2 }

/** The list as shown: filtered by status, in the board's order or grouped by status. */
export function arrangeValues(values: readonly ValueView[], filter: ValueFilter, sort: ValueSort): ValueView[] {
  const shown = filter === 'all' ? [...values] : values.filter((value) => value.status === filter)
  return sort === 'status' ? shown.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || byOrder(a, b)) : shown
}
