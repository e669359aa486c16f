/**
 * The map's writes that need free space: every place is chosen by shared/board/map-layout.ts from
 * the board as this client sees it, then written as plain x / y / groupId fields (what the write
 * guard allows editors), so two people's concurrent moves still merge field by field.
 */
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { createGroup, moveCard, moveGroup, setCardGroup } from '../../shared/board/interests.ts'
import {
  CARD_SIZE, cardsToSettle, clampItem, dropSpot, groupSize, isFree, mapItems, placeNewGroup, settleGroup, spotBesideGroup,
  type LayoutCard, type LayoutGroup, type Point,
} from '../../shared/board/map-layout.ts'
import type { InterestsData } from './interests-data.ts'

/** The board's cards and groups as the layout reads them (copies: the writes below update them). */
function layoutOf(data: Pick<InterestsData, 'cards' | 'groups'>): { cards: LayoutCard[]; groups: LayoutGroup[] } {
  return {
    cards: data.cards.map((card) => ({ id: card.id, x: card.x, y: card.y, groupId: card.groupId })),
    groups: data.groups.map((group) => ({ id: group.id, x: group.x, y: group.y })),
  }
}

/** Moves a group that grew onto something to the nearest free place. */
function settle(doc: Y.Doc, actor: Actor, layout: { cards: LayoutCard[]; groups: LayoutGroup[] }, groupId: string): void {
  const spot = settleGroup(layout.cards, layout.groups, groupId)
  if (!spot) return
  moveGroup(doc, actor, groupId, spot.x, spot.y)
  const group = layout.groups.find((g) => g.id === groupId)
  if (group) Object.assign(group, spot)
}

/**
 * Puts cards into a group ('' takes them out). A group that grew moves off what it would cover; a
 * card taken out lands in the free place nearest its group's box.
 */
export function moveCardsToGroup(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, cardIds: readonly string[], groupId: string): void {
  const layout = layoutOf(data)
  const groupIds = new Set(layout.groups.map((g) => g.id))
  doc.transact(() => {
    for (const cardId of cardIds) {
      const card = layout.cards.find((c) => c.id === cardId)
      if (!card) continue
      const from = groupIds.has(card.groupId) ? card.groupId : ''
      if (from === groupId) continue
      if (!groupId) {
        const spot = spotBesideGroup(layout.cards, layout.groups, cardId, from)
        setCardGroup(doc, actor, cardId, '')
        moveCard(doc, actor, cardId, spot.x, spot.y)
        Object.assign(card, spot, { groupId: '' })
      } else {
        setCardGroup(doc, actor, cardId, groupId)
        card.groupId = groupId
      }
    }
    if (groupId) settle(doc, actor, layout, groupId)
  })
}

/** Gathers cards into a new group, its box in the free place nearest the cards it takes. */
export function groupCards(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, cardIds: readonly string[], name: string): string {
  const layout = layoutOf(data)
  const groupIds = new Set(layout.groups.map((g) => g.id))
  const free = layout.cards.filter((card) => cardIds.includes(card.id) && !groupIds.has(card.groupId))
  const want = free.length
    ? { x: free.reduce((sum, c) => sum + c.x, 0) / free.length + CARD_SIZE.w / 2, y: free.reduce((sum, c) => sum + c.y, 0) / free.length + CARD_SIZE.h / 2 }
    : { x: 500, y: 500 }
  // Groups the cards leave shrink; the new box may take the places the cards leave.
  const at = placeNewGroup(layout.cards, layout.groups, cardIds, want)
  return createGroup(doc, actor, { name, x: at.x, y: at.y, cardIds: [...cardIds] })
}

export type DropResult =
  | { kind: 'grouped'; groupId: string }
  | { kind: 'ungrouped'; at: Point }
  | { kind: 'moved'; at: Point }
  | { kind: 'unchanged' }

/** A card let go at `at` (map units), over the group `overGroup` or over the free map. */
export function dropCard(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, cardId: string, at: Point, overGroup: string | null): DropResult {
  const layout = layoutOf(data)
  const card = layout.cards.find((c) => c.id === cardId)
  if (!card) return { kind: 'unchanged' }
  const current = layout.groups.some((g) => g.id === card.groupId) ? card.groupId : ''
  if (overGroup) {
    if (overGroup === current) return { kind: 'unchanged' }
    doc.transact(() => {
      setCardGroup(doc, actor, cardId, overGroup)
      card.groupId = overGroup
      settle(doc, actor, layout, overGroup)
    })
    return { kind: 'grouped', groupId: overGroup }
  }
  card.groupId = ''
  const spot = dropSpot(layout.cards, layout.groups, { kind: 'card', id: cardId }, at)
  doc.transact(() => {
    if (current) setCardGroup(doc, actor, cardId, '')
    moveCard(doc, actor, cardId, spot.x, spot.y)
  })
  return current ? { kind: 'ungrouped', at: spot } : { kind: 'moved', at: spot }
}

/** A group let go at `at`: there, or the nearest free place. */
export function dropGroup(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, groupId: string, at: Point): Point {
  const layout = layoutOf(data)
  const spot = dropSpot(layout.cards, layout.groups, { kind: 'group', id: groupId }, at)
  moveGroup(doc, actor, groupId, spot.x, spot.y)
  return spot
}

/**
 * A keyboard move: `step` units in `dir`, hopping over whatever is there to the next free place in
 * that direction (never onto another item); at the edge of the map, it stays. Returns where it went.
 */
export function nudge(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, item: { kind: 'card' | 'group'; id: string }, dir: [number, number], step: number): Point | null {
  const layout = layoutOf(data)
  const self = item.kind === 'card' ? layout.cards.find((c) => c.id === item.id) : layout.groups.find((g) => g.id === item.id)
  if (!self) return null
  const size = item.kind === 'card' ? CARD_SIZE : groupSize(layout.cards.filter((c) => c.groupId === item.id).length)
  const obstacles = mapItems(layout.cards, layout.groups, new Set([item.id]))
  let at: Point = { x: self.x, y: self.y }
  for (let i = 1; i <= 200; i++) {
    const next = clampItem({ x: self.x + dir[0] * step * i, y: self.y + dir[1] * step * i }, size)
    if (next.x === at.x && next.y === at.y) break
    at = next
    if (isFree(at, size, obstacles)) {
      if (item.kind === 'card') moveCard(doc, actor, item.id, at.x, at.y)
      else moveGroup(doc, actor, item.id, at.x, at.y)
      return at
    }
  }
  return null
}

/**
 * Moves this person's cards added a moment ago off what another card added at the same moment (or a
 * group, or an older card) now covers: both had chosen the same free place. Returns how many moved.
 */
export function settleMyNewCards(doc: Y.Doc, actor: Actor, data: Pick<InterestsData, 'cards' | 'groups'>, now = Date.now()): number {
  const mine = new Set(data.cards.filter((card) => card.author?.personId === actor.personId).map((card) => card.id))
  if (mine.size === 0) return 0
  const moving = cardsToSettle(data.cards, data.groups, (card) => mine.has(card.id), now)
  if (moving.length === 0) return 0
  const layout = layoutOf(data)
  doc.transact(() => {
    for (const id of moving) {
      const spot = dropSpot(layout.cards, layout.groups, { kind: 'card', id }, layout.cards.find((c) => c.id === id)!)
      moveCard(doc, actor, id, spot.x, spot.y)
      Object.assign(layout.cards.find((c) => c.id === id)!, spot)
    }
  })
  return moving.length
}
