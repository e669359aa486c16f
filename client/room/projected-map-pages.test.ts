import { describe, expect, test } from 'vitest'
import { candidates, chooseLayout, paginate, type MeasuredTile, type Page } from './projected-map-pages.ts'

const spacing = { gapEm: 0.5, tileGapEm: 1 }
const tile = (id: string, cards: number, cardEm = 4, headEm = 3): MeasuredTile => ({
  id, headEm, continuedHeadEm: headEm, cards: Array.from({ length: cards }, (_, i) => ({ id: `${id}${i}`, heightEm: cardEm })),
})
const cardsOf = (pages: Page[]) => pages.flat(2).flatMap((piece) => piece.cardIds)
const columnHeight = (tiles: MeasuredTile[], column: Page[number]) => column.reduce((h, piece, i) => {
  const t = tiles.find((x) => x.id === piece.tileId)!
  return h + (i > 0 ? spacing.tileGapEm : 0) + (piece.continued ? t.continuedHeadEm : t.headEm) + piece.cardIds.reduce((s, id) => s + spacing.gapEm + t.cards.find((c) => c.id === id)!.heightEm, 0)
}, 0)

describe('paginate', () => {
  test('tiles spread over the columns in order, every card once', () => {
    const tiles = [tile('a', 2), tile('b', 1), tile('c', 0)]
    const pages = paginate(tiles, 3, 40, spacing)
    expect(pages).toHaveLength(1)
    expect(pages[0]!.map((c) => c.map((p) => p.tileId))).toEqual([['a'], ['b'], ['c']])
    expect(cardsOf(pages)).toEqual(['a0', 'a1', 'b0'])
  })

  test('a tile that fits a fresh column moves there whole rather than being cut', () => {
    // a: 3 + 2×4.5 = 12; b: 3 + 4×4.5 = 21; a column of 25 can't take both (12 + 1 + 21).
    const tiles = [tile('a', 2), tile('b', 4)]
    const pages = paginate(tiles, 2, 25, spacing)
    expect(pages).toHaveLength(1)
    expect(pages[0]!.map((c) => c.map((p) => `${p.tileId}:${p.cardIds.length}`))).toEqual([['a:2'], ['b:4']])
  })

  test('a tile taller than a column is cut between cards, its next part marked continued; columns never overflow', () => {
    // Its later parts' heads are taller ("(continued)" may wrap).
    const tiles = [tile('a', 1), { ...tile('b', 12), continuedHeadEm: 5 }]
    const pages = paginate(tiles, 2, 30, spacing)
    for (const page of pages) for (const column of page) expect(columnHeight(tiles, column)).toBeLessThanOrEqual(30)
    expect(cardsOf(pages)).toEqual(['a0', ...Array.from({ length: 12 }, (_, i) => `b${i}`)])
    const pieces = pages.flat(2).filter((p) => p.tileId === 'b')
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.map((p) => p.continued)).toEqual([false, ...pieces.slice(1).map(() => true)])
  })

  test('a tile that no column holds whole goes over the page\'s columns rather than to a new page', () => {
    // a takes most of column 1 (3 + 4×4.5 = 21 of 30); b (3 + 6×4.5 = 30) fits no column with a's, and
    // no page would avoid cutting it less: it fills the rest of column 1's neighbour and what is left.
    const tiles = [tile('a', 4), tile('b', 9)]
    const pages = paginate(tiles, 3, 30, spacing)
    expect(pages).toHaveLength(1)
    expect(cardsOf(pages)).toEqual(['a0', 'a1', 'a2', 'a3', ...Array.from({ length: 9 }, (_, i) => `b${i}`)])
    for (const column of pages[0]!) expect(columnHeight(tiles, column)).toBeLessThanOrEqual(30)
  })

  test('a tile goes whole into the emptiest column that has room', () => {
    const tiles = [tile('a', 5), tile('b', 1), tile('c', 1)]
    const pages = paginate(tiles, 2, 40, spacing)
    expect(pages[0]!.map((c) => c.map((p) => p.tileId))).toEqual([['a'], ['b', 'c']])
  })

  test('columns fill pages of the given width; more make a new page', () => {
    const tiles = Array.from({ length: 7 }, (_, i) => tile(`t${i}`, 3))
    // Each tile 16.5 em: one a column of 20; 3 columns a page.
    const pages = paginate(tiles, 3, 20, spacing)
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1])
    expect(cardsOf(pages)).toHaveLength(21)
  })

  test('a card taller than a column still gets one of its own', () => {
    const tiles = [tile('a', 1), { id: 'b', headEm: 3, continuedHeadEm: 3, cards: [{ id: 'huge', heightEm: 50 }, { id: 'small', heightEm: 4 }] }]
    const pages = paginate(tiles, 2, 20, spacing)
    expect(cardsOf(pages)).toEqual(['a0', 'huge', 'small'])
    expect(pages.flat(2).find((p) => p.cardIds.includes('huge'))!.cardIds).toEqual(['huge'])
  })
})

describe('candidates and chooseLayout', () => {
  const base = { minTextPx: 24, scales: [1.5, 1.25], columnGapEm: 0.5, minColumnEm: 11, maxColumnEm: 30 }

  test('candidates: largest text first, then fewest columns; none narrower than the minimum or wider than the maximum', () => {
    const list = candidates({ ...base, width: 1500 })
    expect(list.map((c) => c.textPx)).toEqual([...list.map((c) => c.textPx)].sort((a, b) => b - a))
    expect(list[0]).toMatchObject({ textPx: 36, columns: 2 })
    for (const c of list) {
      expect(c.columnPx).toBeGreaterThanOrEqual(11 * c.textPx)
      expect(c.columnPx).toBeLessThanOrEqual(30 * c.textPx)
      expect(c.columns * c.columnPx + (c.columns - 1) * 0.5 * c.textPx).toBeCloseTo(1500)
    }
    expect(list.filter((c) => c.textPx === 24).map((c) => c.columns)).toEqual([3, 4, 5])
    // A phone-sized display still gets a column.
    expect(candidates({ ...base, width: 200 })).toEqual([{ textPx: 24, columns: 1, columnPx: 200 }])
  })

  const measuredFor = (list: ReturnType<typeof candidates>, tiles: (c: (typeof list)[number]) => MeasuredTile[]) => list.map((candidate) => ({ candidate, tiles: tiles(candidate) }))

  test('the largest text at which everything fits one page', () => {
    const list = candidates({ ...base, width: 1500 })
    const choice = chooseLayout(measuredFor(list, () => [tile('a', 2), tile('b', 2)]), 900, spacing)!
    expect(choice.textPx).toBe(36)
    expect(choice.pages).toHaveLength(1)
  })

  test('never below the smallest size: pages instead, the fewest of them, each card once', () => {
    const list = candidates({ ...base, width: 1500 })
    // Narrower columns wrap more: taller cards.
    const measured = measuredFor(list, (c) => Array.from({ length: 20 }, (_, i) => tile(`t${i}`, 3, c.columnPx / c.textPx > 15 ? 4 : 6)))
    const choice = chooseLayout(measured, 900, spacing)!
    expect(choice.textPx).toBe(24)
    expect(choice.pages.length).toBeGreaterThan(1)
    expect(cardsOf(choice.pages)).toHaveLength(60)
    for (const m of measured.filter((m) => m.candidate.textPx === 24)) {
      expect(choice.pages.length).toBeLessThanOrEqual(paginate(m.tiles, m.candidate.columns, 900 / 24, spacing).length)
    }
  })
})
