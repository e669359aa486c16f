/**
 * The interests map: each partner's interests (what it expects) and "brings" (what it offers) as
 * cards, gathered into named groups whose kind shows where partners converge, complement each other,
 * or keep a logic of their own.
 */
import type * as Y from 'yjs'
import { can } from '../auth/roles.ts'
import { type Actor, authorOf, FACILITATION } from './actor.ts'
import { BoardError } from './board-error.ts'
import { placeCard } from './map-layout.ts'
import { newId } from './ids.ts'
import { listPartners } from './partners.ts'
import { assertCanEdit, assertMayRemove, cleanText } from './permissions.ts'
import {
  fieldsOf, groupsOf, interestsOf, itemMap, MAP_SIZE,
  type CardFields, type CardKind, type GroupFields, type ItemMap,
} from './schema.ts'

export const CARD_TEXT_MAX = 280
export const GROUP_NAME_MAX = 120

/** 'specific' is one partner's own logic: to be respected, not a failure to converge. */
export type GroupKind = 'convergent' | 'complementary' | 'specific' | 'empty'

export interface GroupView extends GroupFields {
  kind: GroupKind
  cardIds: string[]
  /** Partners with cards in the group, in board order. */
  partnerIds: string[]
}

const clampToMap = (value: number) => Math.max(0, Math.min(MAP_SIZE, Number.isFinite(value) ? value : 0))

function findCard(doc: Y.Doc, cardId: string): ItemMap {
  const item = interestsOf(doc).toArray().find((card) => card.get('id') === cardId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  return item
}

function findGroup(doc: Y.Doc, groupId: string): ItemMap {
  const item = groupsOf(doc).get(groupId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  return item
}

/**
 * Every card of the board. All of them are for everyone: during a private-writing round, what people
 * write are drafts kept by the server outside this document (rounds.ts), so nothing here is hidden.
 */
export function listCards(doc: Y.Doc): CardFields[] {
  return interestsOf(doc).toArray().map((item) => fieldsOf<CardFields>(item))
}

/** A card's text and kind, checked as addCard checks them (also for drafts of a private round). */
export function cleanCardInput(input: { text: string; kind: CardKind }): { text: string; kind: CardKind } {
  const text = cleanText(input.text, CARD_TEXT_MAX)
  if (input.kind !== 'interest' && input.kind !== 'brings') throw new BoardError('invalid', 'error.invalid', 'Unknown kind of card')
  return { text, kind: input.kind }
}

/**
 * Where a new card of `partnerId` goes: in its partner's column, in the first place where it covers
 * no card and no group's box (map-layout.ts), so fresh cards never hide each other. `partnerIds` in
 * board order; `cards` and `groups` those already on the map.
 */
export function freePosition(
  partnerIds: readonly string[],
  cards: readonly Pick<CardFields, 'id' | 'x' | 'y' | 'groupId'>[],
  partnerId: string,
  groups: readonly Pick<GroupFields, 'id' | 'x' | 'y'>[] = [],
): { x: number; y: number } {
  return placeCard(partnerIds, cards, groups, partnerId)
}

/**
 * Adds a card for everyone to see at once. During a private-writing round the client writes a
 * draft through the server instead (client/rounds/useDrafts.ts); a card is never stamped with the
 * open round here (only the server does, when it reveals drafts).
 */
export function addCard(doc: Y.Doc, actor: Actor, input: { text: string; kind: CardKind; x?: number; y?: number; groupId?: string; partnerId?: string }): string {
  assertCanEdit(actor)
  const { text } = cleanCardInput(input)
  // The facilitator may write a card on a partner's behalf (what is said in the room).
  const partnerId = input.partnerId && can(actor.role, 'board.speak-for-any-partner') ? input.partnerId : actor.partnerId
  if (input.groupId) findGroup(doc, input.groupId)
  const id = newId()
  const fields: CardFields = {
    id, text, kind: input.kind, partnerId,
    author: authorOf(actor),
    createdAt: new Date().toISOString(),
    x: clampToMap(input.x ?? MAP_SIZE / 2),
    y: clampToMap(input.y ?? MAP_SIZE / 2),
    groupId: input.groupId ?? '',
    roundId: '',
  }
  interestsOf(doc).push([itemMap(fields)])
  return id
}

export function editCard(doc: Y.Doc, actor: Actor, cardId: string, input: { text?: string; kind?: CardKind }): void {
  assertCanEdit(actor)
  const item = findCard(doc, cardId)
  doc.transact(() => {
    if (input.text !== undefined) item.set('text', cleanText(input.text, CARD_TEXT_MAX))
    if (input.kind !== undefined) item.set('kind', input.kind)
  })
}

export function removeCard(doc: Y.Doc, actor: Actor, cardId: string): void {
  assertCanEdit(actor)
  const array = interestsOf(doc)
  const index = array.toArray().findIndex((card) => card.get('id') === cardId)
  if (index === -1) return
  assertMayRemove(actor, (array.get(index).get('author') as { personId?: string } | undefined)?.personId)
  array.delete(index, 1)
}

/** Moves a card on the map (x and y are separate fields: two moves merge to the last one each). */
export function moveCard(doc: Y.Doc, actor: Actor, cardId: string, x: number, y: number): void {
  assertCanEdit(actor)
  const item = findCard(doc, cardId)
  doc.transact(() => {
    item.set('x', clampToMap(x))
    item.set('y', clampToMap(y))
  })
}

/** Puts a card into a group ('' takes it out). */
export function setCardGroup(doc: Y.Doc, actor: Actor, cardId: string, groupId: string): void {
  assertCanEdit(actor)
  const item = findCard(doc, cardId)
  if (groupId) findGroup(doc, groupId)
  item.set('groupId', groupId)
}

export function createGroup(doc: Y.Doc, actor: Actor, input: { name: string; x?: number; y?: number; cardIds?: string[] }): string {
  assertCanEdit(actor)
  const name = cleanText(input.name, GROUP_NAME_MAX)
  const id = newId()
  doc.transact(() => {
    const fields: GroupFields = {
      id, name,
      x: clampToMap(input.x ?? MAP_SIZE / 2),
      y: clampToMap(input.y ?? MAP_SIZE / 2),
      createdAt: new Date().toISOString(),
      createdBy: authorOf(actor),
    }
    groupsOf(doc).set(id, itemMap(fields))
    for (const cardId of input.cardIds ?? []) findCard(doc, cardId).set('groupId', id)
  })
  return id
}

export function renameGroup(doc: Y.Doc, actor: Actor, groupId: string, name: string): void {
  assertCanEdit(actor)
  findGroup(doc, groupId).set('name', cleanText(name, GROUP_NAME_MAX))
}

export function moveGroup(doc: Y.Doc, actor: Actor, groupId: string, x: number, y: number): void {
  assertCanEdit(actor)
  const item = findGroup(doc, groupId)
  doc.transact(() => {
    item.set('x', clampToMap(x))
    item.set('y', clampToMap(y))
  })
}

/** Removes a group; its cards stay on the map, ungrouped. */
export function removeGroup(doc: Y.Doc, actor: Actor, groupId: string): void {
  assertCanEdit(actor)
  doc.transact(() => {
    for (const card of interestsOf(doc).toArray()) if (card.get('groupId') === groupId) card.set('groupId', '')
    groupsOf(doc).delete(groupId)
  })
}

/**
 * A group's kind, from its partners' cards (facilitation's cards don't count):
 * - specific: cards of one partner only;
 * - convergent: interests of two or more partners (or what two or more bring);
 * - complementary: what one partner brings answers another partner's interest.
 */
export function groupKind(allCards: readonly Pick<CardFields, 'kind' | 'partnerId'>[]): GroupKind {
  // Facilitation is not a partner: what it writes shows the discussion, it never makes partners converge.
  const cards = allCards.filter((card) => card.partnerId !== FACILITATION)
  const all = new Set(cards.map((card) => card.partnerId))
  if (all.size === 0) return 'empty'
  if (all.size === 1) return 'specific'
  const interested = new Set(cards.filter((card) => card.kind === 'interest').map((card) => card.partnerId))
  if (interested.size >= 2) return 'convergent'
  const bringing = cards.filter((card) => card.kind === 'brings').map((card) => card.partnerId)
  if (interested.size === 1 && bringing.some((partnerId) => !interested.has(partnerId))) return 'complementary'
  return 'convergent'
}

/** Every group with its derived kind. */
export function listGroups(doc: Y.Doc): GroupView[] {
  return groupsOfCards(doc, listCards(doc))
}

/**
 * The groups with their kinds, from cards already read with listCards (a view reading cards and
 * groups on every change reads the cards once).
 */
export function groupsOfCards(doc: Y.Doc, cards: readonly CardFields[]): GroupView[] {
  const partnerOrder = listPartners(doc).map((p) => p.id)
  return [...groupsOf(doc).values()]
    .map((item) => fieldsOf<GroupFields>(item))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((group) => {
      const inGroup = cards.filter((card) => card.groupId === group.id)
      const present = new Set(inGroup.map((card) => card.partnerId))
      return {
        ...group,
        kind: groupKind(inGroup),
        cardIds: inGroup.map((card) => card.id),
        partnerIds: [...partnerOrder.filter((id) => present.has(id)), ...[...present].filter((id) => !partnerOrder.includes(id))],
      }
    })
}

/** One row of the matrix: a group (or the ungrouped cards), and per partner its cards there. */
export interface MatrixRow {
  group: GroupView | null
  cells: Record<string, CardFields[]>
}

/**
 * Groups × partners, the same data as the map in a table a screen reader and a projector can read.
 * The last row holds the cards in no group.
 */
export function interestsMatrix(doc: Y.Doc): { partnerIds: string[]; rows: MatrixRow[] } {
  const cards = listCards(doc)
  const known = listPartners(doc).map((p) => p.id)
  const partnerIds = [...known, ...new Set(cards.map((c) => c.partnerId).filter((id) => !known.includes(id)))]
  const groups = groupsOfCards(doc, cards)
  const groupIds = new Set(groups.map((g) => g.id))
  const cellsFor = (belongs: (card: CardFields) => boolean) =>
    Object.fromEntries(partnerIds.map((id) => [id, cards.filter((card) => card.partnerId === id && belongs(card))]))
  const rows: MatrixRow[] = groups.map((group) => ({ group, cells: cellsFor((card) => card.groupId === group.id) }))
  rows.push({ group: null, cells: cellsFor((card) => !groupIds.has(card.groupId)) })
  return { partnerIds, rows }
}
