/**
 * How the room display lays the interests map out for the back of the room (ProjectedMap.tsx): its
 * groups as tiles (a head, then its cards) flowing down columns, then across pages when they don't
 * all fit at the smallest readable size. Pure: heights come measured, in em of the card text
 * (every size of the projected map is in em, so a layout measured once holds at any text size).
 *
 * Rules, for reading from afar: a tile stays whole when a column has room for it; otherwise it is
 * cut between cards over the page's columns (its next parts headed "(continued)") rather than
 * sent to the next page, and it is sent on only when the page can't hold it; nothing shrinks
 * below the size asked for; a card taller than a column (280 characters on a very small screen)
 * still gets a column of its own.
 */

export interface MeasuredTile {
  id: string
  /** The tile without its cards: border, padding, head (name, kind), in em. */
  headEm: number
  /** The same for a later part, headed "(continued)" (as tall or taller). */
  continuedHeadEm: number
  /** Each card's height, in em, in display order. */
  cards: { id: string; heightEm: number }[]
  /** Cards in no group: not a group, so cut anywhere (parts of one card too). */
  loose?: boolean
}

export interface Spacing {
  /** Between the head and the first card, and between cards, in em. */
  gapEm: number
  /** Between two tiles of a column, in em. */
  tileGapEm: number
}

/** A tile, or a part of one, placed in a column. */
export interface Piece {
  tileId: string
  cardIds: string[]
  /** Not the tile's first part (its head says "continued"). */
  continued: boolean
}

export type Column = Piece[]
export type Page = Column[]

const headOf = (tile: MeasuredTile, from: number) => (from > 0 ? tile.continuedHeadEm : tile.headEm)

/** Height of a piece holding `count` cards from `from` (em). */
function pieceHeight(tile: MeasuredTile, from: number, count: number, spacing: Spacing): number {
  let h = headOf(tile, from)
  for (let i = from; i < from + count; i++) h += spacing.gapEm + tile.cards[i]!.heightEm
  return h
}

/** How many of the tile's cards from `from` fit under its head in `room` em (0 when not even the head fits). */
function cardsThatFit(tile: MeasuredTile, from: number, room: number, spacing: Spacing): number {
  let h = headOf(tile, from)
  if (h > room) return -1
  let n = 0
  while (from + n < tile.cards.length) {
    const next = h + spacing.gapEm + tile.cards[from + n]!.heightEm
    if (next > room) break
    h = next
    n++
  }
  return n
}

/**
 * Lays tiles into pages of `columns` columns, each `columnEm` tall, in order: a tile goes whole into
 * the emptiest column of the page that has room for it; failing that, it is cut over the page's
 * columns when it fits there in parts of at least two cards; failing that, it starts the next page
 * (cut over that page's columns and further pages when even a page can't hold it). Every card ends
 * up in exactly one piece, in order; an empty tile (a group with no card) takes its head's height.
 */
export function paginate(tiles: readonly MeasuredTile[], columns: number, columnEm: number, spacing: Spacing): Page[] {
  const pages: Page[] = []
  let page: Column[] = []
  let used: number[] = []
  const newPage = () => {
    if (page.some((column) => column.length > 0)) pages.push(page.filter((column) => column.length > 0))
    page = Array.from({ length: columns }, () => [])
    used = Array.from({ length: columns }, () => 0)
  }
  newPage()
  const roomIn = (c: number) => columnEm - used[c]! - (page[c]!.length > 0 ? spacing.tileGapEm : 0)
  const put = (c: number, tile: MeasuredTile, from: number, count: number, continued: boolean) => {
    used[c] = used[c]! + (page[c]!.length > 0 ? spacing.tileGapEm : 0) + pieceHeight(tile, from, count, spacing)
    page[c]!.push({ tileId: tile.id, cardIds: tile.cards.slice(from, from + count).map((card) => card.id), continued })
  }
  /** Columns by free room, most first (leftmost first among equals). */
  const byRoom = () => [...page.keys()].sort((a, b) => roomIn(b) - roomIn(a) || a - b)

  for (const tile of tiles) {
    let from = 0
    let continued = false
    for (;;) {
      const left = tile.cards.length - from
      const whole = pieceHeight(tile, from, left, spacing)
      // 1. Whole, in the emptiest column that takes it.
      const fits = byRoom().filter((c) => whole <= roomIn(c))
      if (fits.length > 0) {
        const c = fits.reduce((best, c) => (used[c]! < used[best]! ? c : best))
        put(c, tile, from, left, continued)
        break
      }
      // 2. Cut over this page's columns, left to right, in parts of two cards or more (or what is left).
      const plan: [number, number][] = []
      let planned = 0
      for (let c = 0; c < columns; c++) {
        if (planned === left) break
        const n = Math.min(cardsThatFit(tile, from + planned, roomIn(c), spacing), left - planned)
        if (n >= Math.min(tile.loose ? 1 : 2, left - planned) && n > 0) {
          plan.push([c, n])
          planned += n
        }
      }
      if (planned === left && left > 0) {
        for (const [c, n] of plan) {
          put(c, tile, from, n, continued)
          from += n
          continued = true
        }
        break
      }
      // 3. A fresh page, unless this one is already empty: then it can't hold the tile at all,
      // which goes over its columns (at least one card each) and on to the next pages.
      const empty = page.every((column) => column.length === 0)
      if (!empty) {
        newPage()
        continue
      }
      if (left === 0) {
        put(0, tile, from, 0, continued)
        break
      }
      for (let c = 0; c < columns && from < tile.cards.length; c++) {
        const n = Math.max(1, Math.min(cardsThatFit(tile, from, roomIn(c), spacing), tile.cards.length - from))
        put(c, tile, from, n, continued)
        from += n
        continued = true
      }
      if (from >= tile.cards.length) break
      newPage()
    }
  }
  newPage()
  return pages
}

/** A way to lay the map out, to be measured: a card text size and a number of columns (and their width). */
export interface Candidate {
  textPx: number
  columns: number
  /** Each column's width in CSS pixels. */
  columnPx: number
}

export interface CandidateInput {
  /** Room for the columns, in CSS pixels. */
  width: number
  /** The smallest card text allowed, in CSS pixels. */
  minTextPx: number
  /** Larger sizes tried too, as factors of minTextPx (1 is always tried). */
  scales: readonly number[]
  /** Space between columns, in em. */
  columnGapEm: number
  /** Columns narrower than this (em) wrap too much; wider ones make lines too long to follow. */
  minColumnEm: number
  maxColumnEm: number
}

/**
 * The layouts worth measuring, in the order they are preferred: the largest text first, then the
 * fewest (widest) columns. A screen too narrow for one column of minColumnEm gets one column anyway.
 */
export function candidates({ width, minTextPx, scales, columnGapEm, minColumnEm, maxColumnEm }: CandidateInput): Candidate[] {
  if (width <= 0 || minTextPx <= 0) return []
  const sizes = [...new Set([...scales.filter((s) => s > 1), 1])].sort((a, b) => b - a).map((s) => minTextPx * s)
  const list: Candidate[] = []
  for (const textPx of sizes) {
    const gapPx = columnGapEm * textPx
    for (let columns = 1; ; columns++) {
      const columnPx = (width - (columns - 1) * gapPx) / columns
      if (columnPx < minColumnEm * textPx) break
      if (columnPx <= maxColumnEm * textPx) list.push({ textPx, columns, columnPx })
    }
  }
  if (list.length === 0) list.push({ textPx: minTextPx, columns: 1, columnPx: width })
  return list
}

/** One way to lay the map out: the text size, the columns, and the pages it makes. */
export interface Choice extends Candidate {
  pages: Page[]
}

/**
 * The first candidate (in candidates' order) whose measured tiles fit one page `height` px tall;
 * when none does, the one at the smallest text with the fewest pages (then the fewest columns).
 */
export function chooseLayout(measured: readonly { candidate: Candidate; tiles: readonly MeasuredTile[] }[], height: number, spacing: Spacing): Choice | null {
  if (height <= 0 || measured.length === 0) return null
  const smallest = Math.min(...measured.map((m) => m.candidate.textPx))
  let best: Choice | null = null
  for (const { candidate, tiles } of measured) {
    const pages = paginate(tiles, candidate.columns, height / candidate.textPx, spacing)
    const choice = { ...candidate, pages }
    if (pages.length <= 1) return choice
    if (candidate.textPx === smallest && (!best || pages.length < best.pages.length)) best = choice
  }
  return best
}
