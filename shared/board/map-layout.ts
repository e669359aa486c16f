/**
 * Geometry of the interests map, pure and deterministic (the same board gives the same answer in
 * every client and on the server): how big a card and a group's box are, and where a new card, a
 * new group, a group that grew or a dropped item goes so that it lands on nothing.
 *
 * Positions are stored in map units (0..MAP_SIZE, an item's top-left corner); one unit is UNIT_PX
 * CSS pixels of the map at zoom 1, so the whole map is a fixed 4000 × 4000 px plane that the client
 * pans and zooms. Sizes are derived here, never stored: a group's box is as big as its cards.
 */
import { MAP_SIZE } from './schema.ts'

/** CSS pixels per map unit at zoom 1. */
export const UNIT_PX = 4
/** A card's size in CSS pixels (interests.css draws it so). */
export const CARD_W_PX = 168
export const CARD_H_PX = 84
/** Inside a group's box: gap between cards, padding, head (name and kind), border (the thickest). */
export const GROUP_GAP_PX = 6
export const GROUP_PAD_PX = 8
export const GROUP_HEAD_PX = 40
export const GROUP_BORDER_PX = 4
/** The widest a group grows, in columns of cards; then it grows downwards. */
export const GROUP_MAX_COLUMNS = 8
/** Free space kept around every item, in map units (12 px). */
export const MARGIN = 3

export const CARD_SIZE: Size = { w: CARD_W_PX / UNIT_PX, h: CARD_H_PX / UNIT_PX }

export interface Point { x: number; y: number }
export interface Size { w: number; h: number }
export interface Rect extends Point, Size {}

/** What the layout needs of a card and a group. */
export interface LayoutCard { id: string; x: number; y: number; groupId: string }
export interface LayoutGroup { id: string; x: number; y: number }

/** Columns of a group box holding `count` cards: about square, at most GROUP_MAX_COLUMNS. */
export function groupColumns(count: number): number {
  return Math.max(1, Math.min(GROUP_MAX_COLUMNS, Math.ceil(Math.sqrt(count))))
}

/** A group box's size in CSS pixels: its head, and its cards in rows of groupColumns. */
export function groupSizePx(count: number): Size {
  const columns = groupColumns(count)
  const rows = Math.ceil(Math.max(0, count) / columns)
  return {
    w: 2 * GROUP_BORDER_PX + 2 * GROUP_PAD_PX + columns * CARD_W_PX + (columns - 1) * GROUP_GAP_PX,
    h: 2 * GROUP_BORDER_PX + GROUP_HEAD_PX + GROUP_PAD_PX + rows * CARD_H_PX + Math.max(0, rows - 1) * GROUP_GAP_PX,
  }
}

/** A group box's size in map units. */
export function groupSize(count: number): Size {
  const px = groupSizePx(count)
  return { w: px.w / UNIT_PX, h: px.h / UNIT_PX }
}

/** Where the `index`-th card of a group sits, relative to the box's top-left, in map units. */
export function slotInGroup(index: number, count: number): Point {
  const columns = groupColumns(count)
  const column = index % columns
  const row = Math.floor(index / columns)
  return {
    x: (GROUP_BORDER_PX + GROUP_PAD_PX + column * (CARD_W_PX + GROUP_GAP_PX)) / UNIT_PX,
    y: (GROUP_BORDER_PX + GROUP_HEAD_PX + row * (CARD_H_PX + GROUP_GAP_PX)) / UNIT_PX,
  }
}

/** The highest top-left an item of `size` may have so it stays whole on the map. */
const maxX = (size: Size) => Math.max(0, MAP_SIZE - size.w)
const maxY = (size: Size) => Math.max(0, MAP_SIZE - size.h)

/** Keeps an item of `size` whole on the map, at whole units. */
export function clampItem(point: Point, size: Size): Point {
  const x = Number.isFinite(point.x) ? point.x : 0
  const y = Number.isFinite(point.y) ? point.y : 0
  return { x: Math.round(Math.max(0, Math.min(maxX(size), x))), y: Math.round(Math.max(0, Math.min(maxY(size), y))) }
}

/** True when a and b overlap once `margin` is kept between them (touching edges don't overlap). */
export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin
}

/** Ids of the groups that exist, and how many cards each holds. */
function groupCounts(cards: readonly LayoutCard[], groups: readonly LayoutGroup[]): Map<string, number> {
  const counts = new Map(groups.map((group) => [group.id, 0]))
  for (const card of cards) {
    const count = counts.get(card.groupId)
    if (count !== undefined) counts.set(card.groupId, count + 1)
  }
  return counts
}

/** One thing that takes room on the map: a card in no group, or a group's box. */
export interface MapItem extends Rect { kind: 'card' | 'group'; id: string }

/**
 * What takes room on the map: every group's box (sized by its cards) and every card in no group
 * (a card whose group is gone counts as free). `except` leaves out items by id (the one being
 * placed, the cards that are about to go into a group).
 */
export function mapItems(cards: readonly LayoutCard[], groups: readonly LayoutGroup[], except: ReadonlySet<string> = new Set()): MapItem[] {
  const counts = groupCounts(cards, groups)
  const items: MapItem[] = []
  for (const group of groups) {
    if (except.has(group.id)) continue
    items.push({ kind: 'group', id: group.id, x: group.x, y: group.y, ...groupSize(counts.get(group.id) ?? 0) })
  }
  for (const card of cards) {
    if (except.has(card.id) || counts.has(card.groupId)) continue
    items.push({ kind: 'card', id: card.id, x: card.x, y: card.y, ...CARD_SIZE })
  }
  return items
}

export interface FreeSpotOptions {
  /** Where to look (top-left corners and sizes must fit inside); the whole map by default. */
  within?: { x0: number; y0: number; x1: number; y1: number }
  /** Vertical distance counts this many times the horizontal one: 1 = nearest, 3 = fill rows first. */
  yWeight?: number
  margin?: number
}

/**
 * The free place nearest to `want` for an item of `size`: `want` itself when nothing is there, else
 * the closest position beside an obstacle, else the closest free position on a fine grid, else
 * `want` (the map is full). Deterministic: ties go to the upper, then the left one.
 */
export function findFreeSpot(want: Point, size: Size, obstacles: readonly Rect[], options: FreeSpotOptions = {}): Point {
  const margin = options.margin ?? MARGIN
  const yWeight = options.yWeight ?? 1
  const x0 = Math.max(0, options.within?.x0 ?? 0)
  const y0 = Math.max(0, options.within?.y0 ?? 0)
  const x1 = Math.min(MAP_SIZE, options.within?.x1 ?? MAP_SIZE)
  const y1 = Math.min(MAP_SIZE, options.within?.y1 ?? MAP_SIZE)
  const hiX = Math.floor(x1 - size.w)
  const hiY = Math.floor(y1 - size.h)
  const fallback = clampItem(want, size)
  if (hiX < Math.ceil(x0) || hiY < Math.ceil(y0)) return fallback
  const clampX = (x: number) => Math.max(Math.ceil(x0), Math.min(hiX, Math.round(x)))
  const clampY = (y: number) => Math.max(Math.ceil(y0), Math.min(hiY, Math.round(y)))
  const start = { x: clampX(want.x), y: clampY(want.y) }
  const fits = (x: number, y: number) => {
    if (x < x0 || y < y0 || x > hiX || y > hiY) return false
    const rect = { x, y, w: size.w, h: size.h }
    for (const obstacle of obstacles) if (overlaps(rect, obstacle, margin)) return false
    return true
  }
  if (fits(start.x, start.y)) return start

  const score = (x: number, y: number) => (x - start.x) ** 2 + (yWeight * (y - start.y)) ** 2
  const best = (candidates: Iterable<Point>): Point | null => {
    const sorted = [...candidates].sort((a, b) => score(a.x, a.y) - score(b.x, b.y) || a.y - b.y || a.x - b.x)
    for (const candidate of sorted) if (fits(candidate.x, candidate.y)) return candidate
    return null
  }

  // Beside each obstacle: just right of it, left of it, below it, above it, in line with `want` or
  // with the obstacle's own edge; each also pushed back inside the area.
  const beside = new Map<string, Point>()
  const add = (x: number, y: number) => {
    for (const point of [{ x, y }, { x: clampX(x), y: clampY(y) }]) {
      if (Number.isInteger(point.x) && Number.isInteger(point.y)) beside.set(`${point.x},${point.y}`, point)
    }
  }
  for (const o of obstacles) {
    const right = Math.ceil(o.x + o.w + margin)
    const left = Math.floor(o.x - size.w - margin)
    const below = Math.ceil(o.y + o.h + margin)
    const above = Math.floor(o.y - size.h - margin)
    const ox = Math.round(o.x)
    const oy = Math.round(o.y)
    for (const x of [right, left]) for (const y of [start.y, oy, below, above]) add(x, y)
    for (const y of [below, above]) for (const x of [start.x, ox]) add(x, y)
  }
  const found = best(beside.values())
  if (found) return found

  // A fine grid over the area, for corners the rule above misses.
  const grid: Point[] = []
  const step = Math.max(2, Math.floor(Math.min(size.w, size.h) / 4))
  for (let y = Math.ceil(y0); y <= hiY; y += step) for (let x = Math.ceil(x0); x <= hiX; x += step) grid.push({ x, y })
  return best(grid) ?? fallback
}

/** The column of the map kept for a partner's new cards (partners in board order). */
export function partnerColumn(partnerIds: readonly string[], partnerId: string): { x0: number; x1: number } | null {
  const index = partnerIds.indexOf(partnerId)
  if (index === -1) return null
  const width = MAP_SIZE / Math.max(1, partnerIds.length)
  return { x0: Math.round(index * width), x1: Math.round((index + 1) * width) }
}

/**
 * Where a new card of `partnerId` goes: in its partner's column (board order), from the top, rows
 * filled left to right, in the first place where it covers nothing; when the column is full, the
 * nearest free place on the map. A card of facilitation (or of an unknown partner) starts mid-top.
 */
export function placeCard(partnerIds: readonly string[], cards: readonly LayoutCard[], groups: readonly LayoutGroup[], partnerId: string): Point {
  const obstacles = mapItems(cards, groups)
  const column = partnerColumn(partnerIds, partnerId)
  const want = column ? { x: column.x0 + MARGIN, y: MARGIN } : { x: (MAP_SIZE - CARD_SIZE.w) / 2, y: MARGIN }
  if (column) {
    const inColumn = findFreeSpot(want, CARD_SIZE, obstacles, { within: { x0: column.x0, y0: 0, x1: column.x1, y1: MAP_SIZE }, yWeight: 3 })
    if (isFree(inColumn, CARD_SIZE, obstacles)) return inColumn
  }
  return findFreeSpot(want, CARD_SIZE, obstacles, { yWeight: 3 })
}

/** True when an item of `size` at `at` is on the map and covers none of `obstacles`. */
export function isFree(at: Point, size: Size, obstacles: readonly Rect[], margin = MARGIN): boolean {
  if (at.x < 0 || at.y < 0 || at.x + size.w > MAP_SIZE || at.y + size.h > MAP_SIZE) return false
  const rect = { ...at, ...size }
  return obstacles.every((obstacle) => !overlaps(rect, obstacle, margin))
}

/**
 * Where a group of `cardIds` goes when it is created near `want`: its box, sized for those cards,
 * in the nearest place that covers nothing (the cards it takes leave their own places).
 */
export function placeNewGroup(cards: readonly LayoutCard[], groups: readonly LayoutGroup[], cardIds: readonly string[], want: Point): Point {
  const size = groupSize(cardIds.length)
  const obstacles = mapItems(cards, groups, new Set(cardIds))
  return findFreeSpot({ x: want.x - size.w / 2, y: want.y - size.h / 2 }, size, obstacles)
}

/**
 * After a group's cards changed (`cards` as they are now), the place its box should move to so it
 * covers nothing, or null when it is fine where it is. A box grows rightwards and downwards from its
 * corner, so it moves only when it grew onto something.
 */
export function settleGroup(cards: readonly LayoutCard[], groups: readonly LayoutGroup[], groupId: string): Point | null {
  const group = groups.find((g) => g.id === groupId)
  if (!group) return null
  const count = cards.filter((card) => card.groupId === groupId).length
  const size = groupSize(count)
  const obstacles = mapItems(cards, groups, new Set([groupId]))
  if (isFree(group, size, obstacles)) return null
  const spot = findFreeSpot(group, size, obstacles)
  return spot.x === group.x && spot.y === group.y ? null : spot
}

/**
 * Where a dragged (or keyboard-moved) item lands when let go at `at`: there if free, else the
 * nearest free place. `id` is the item itself (a card or a group), left out of the obstacles.
 */
export function dropSpot(cards: readonly LayoutCard[], groups: readonly LayoutGroup[], item: { kind: 'card' | 'group'; id: string }, at: Point): Point {
  const size = item.kind === 'card' ? CARD_SIZE : groupSize(cards.filter((card) => card.groupId === item.id).length)
  const obstacles = mapItems(cards, groups, new Set([item.id]))
  return findFreeSpot(clampItem(at, size), size, obstacles)
}

/** Where a card taken out of a group goes: the free place nearest the right of its group's box. */
export function spotBesideGroup(cards: readonly LayoutCard[], groups: readonly LayoutGroup[], cardId: string, groupId: string): Point {
  const group = mapItems(cards, groups).find((item) => item.kind === 'group' && item.id === groupId)
  const obstacles = mapItems(cards, groups, new Set([cardId])).filter((item) => !(item.kind === 'card' && item.id === cardId))
  const want = group ? { x: group.x + group.w + MARGIN, y: group.y } : { x: MAP_SIZE / 2, y: MAP_SIZE / 2 }
  return findFreeSpot(want, CARD_SIZE, obstacles)
}

/** Pairs of items (as drawn: free cards and group boxes) that overlap; for tests and checks. */
export function overlappingPairs(items: readonly MapItem[]): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (overlaps(items[i]!, items[j]!)) pairs.push([items[i]!.id, items[j]!.id])
    }
  }
  return pairs
}

/** The smallest rectangle holding every item, or null for an empty map. */
export function contentBounds(items: readonly Rect[]): Rect | null {
  if (items.length === 0) return null
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (const item of items) {
    x0 = Math.min(x0, item.x)
    y0 = Math.min(y0, item.y)
    x1 = Math.max(x1, item.x + item.w)
    y1 = Math.max(y1, item.y + item.h)
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/**
 * Two people adding a card at the same moment may both choose the same free place (each saw the
 * board without the other's card). Once both cards have arrived, the cards that must move: of two
 * overlapping items, a card created within `recentMs` moves off an older item or a group; of two
 * recent cards, the one with the larger id moves. Each client moves only its own cards (`mine`), so
 * exactly one side of each pair moves, and where it goes is the same on every client.
 */
export function cardsToSettle(
  cards: readonly (LayoutCard & { createdAt: string })[],
  groups: readonly LayoutGroup[],
  mine: (card: LayoutCard & { createdAt: string }) => boolean,
  now: number,
  recentMs = 10_000,
): string[] {
  const recent = (card: { createdAt: string }) => now - Date.parse(card.createdAt) < recentMs
  // Usually none: nothing more to do (this runs on every change of the board).
  if (!cards.some((card) => !card.groupId && mine(card) && recent(card))) return []
  const items = mapItems(cards, groups)
  const byId = new Map(cards.map((card) => [card.id, card]))
  const moving: string[] = []
  for (const item of items) {
    if (item.kind !== 'card') continue
    const card = byId.get(item.id)!
    if (!mine(card) || !recent(card)) continue
    const yields = items.some((other) => {
      if (other.id === item.id || !overlaps(item, other)) return false
      if (other.kind === 'group') return true
      const otherCard = byId.get(other.id)!
      return !recent(otherCard) || otherCard.id < card.id
    })
    if (yields) moving.push(card.id)
  }
  return moving
}
