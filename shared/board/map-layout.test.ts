import { describe, expect, it } from 'vitest'
import {
  CARD_SIZE, cardsToSettle, dropSpot, findFreeSpot, groupSize, mapItems, overlappingPairs, placeCard, placeNewGroup, settleGroup, spotBesideGroup,
  type LayoutCard, type LayoutGroup,
} from './map-layout.ts'
import { MAP_SIZE } from './schema.ts'
import { seeded } from './test-support.ts'

const partners = ['admr', 'apf', 'una', 'croix-rouge', 'apajh', 'adapei', 'emmaus', 'secours']

/** 300 cards of 8 partners placed one by one, 12 groups of 6 made from them as a workshop would. */
function workshop(seed: number) {
  const random = seeded(seed)
  const cards: LayoutCard[] = []
  const groups: LayoutGroup[] = []
  let group = 0
  for (let i = 0; i < 300; i++) {
    const partnerId = partners[Math.floor(random() * partners.length)]!
    cards.push({ id: `c${i}`, ...placeCard(partners, cards, groups, partnerId), groupId: '' })
    // Every 20 cards, someone gathers 6 free cards into a new group (12 groups in all).
    if (i % 20 === 19 && group < 12) {
      const free = cards.filter((card) => !card.groupId)
      const chosen = Array.from({ length: 6 }, () => free.splice(Math.floor(random() * free.length), 1)[0]!.id)
      const chosenCards = cards.filter((card) => chosen.includes(card.id))
      const want = { x: chosenCards.reduce((s, c) => s + c.x, 0) / 6, y: chosenCards.reduce((s, c) => s + c.y, 0) / 6 }
      const id = `g${group++}`
      const at = placeNewGroup(cards, groups, chosen, want)
      groups.push({ id, ...at })
      for (const card of cards) if (chosen.includes(card.id)) card.groupId = id
    }
  }
  return { cards, groups }
}

describe('map layout', () => {
  it('places 300 cards of 8 partners and 12 groups with nothing on top of anything, all on the map', () => {
    const { cards, groups } = workshop(42)
    expect(groups).toHaveLength(12)
    const items = mapItems(cards, groups)
    expect(items.filter((item) => item.kind === 'card')).toHaveLength(300 - 72)
    expect(overlappingPairs(items)).toEqual([])
    for (const item of items) {
      expect(item.x).toBeGreaterThanOrEqual(0)
      expect(item.y).toBeGreaterThanOrEqual(0)
      expect(item.x + item.w).toBeLessThanOrEqual(MAP_SIZE)
      expect(item.y + item.h).toBeLessThanOrEqual(MAP_SIZE)
    }
  })

  it('puts a partner\'s first cards in its own column, in rows from the top', () => {
    const cards: LayoutCard[] = []
    for (let i = 0; i < 3; i++) cards.push({ id: `a${i}`, ...placeCard(partners, cards, [], 'apf'), groupId: '' })
    const column = { x0: MAP_SIZE / 8, x1: (2 * MAP_SIZE) / 8 }
    for (const card of cards) {
      expect(card.x).toBeGreaterThanOrEqual(column.x0)
      expect(card.x + CARD_SIZE.w).toBeLessThanOrEqual(column.x1)
    }
    expect(cards[0]!.y).toBe(cards[1]!.y)
    expect(cards[2]!.y).toBeGreaterThan(cards[0]!.y)
  })

  it('is deterministic: the same board gives the same places', () => {
    expect(workshop(7)).toEqual(workshop(7))
    const { cards, groups } = workshop(7)
    expect(placeCard(partners, cards, groups, 'una')).toEqual(placeCard(partners, [...cards], [...groups], 'una'))
  })

  it('grows a group with its cards, and moves the grown box off what it would cover', () => {
    expect(groupSize(1).w).toBeLessThan(groupSize(4).w)
    expect(groupSize(4).h).toBeLessThan(groupSize(9).h)
    expect(groupSize(30).w * groupSize(30).h).toBeGreaterThan(30 * CARD_SIZE.w * CARD_SIZE.h)
    // A group of one with a free card just right of it: adding three cards makes the box wider.
    const groups: LayoutGroup[] = [{ id: 'g', x: 100, y: 100 }]
    const cards: LayoutCard[] = [
      { id: 'in', x: 0, y: 0, groupId: 'g' },
      { id: 'next', x: 100 + groupSize(1).w + 5, y: 100, groupId: '' },
      { id: 'a', x: 500, y: 500, groupId: '' },
      { id: 'b', x: 600, y: 500, groupId: '' },
      { id: 'c', x: 700, y: 500, groupId: '' },
    ]
    expect(settleGroup(cards, groups, 'g')).toBeNull()
    const grown = cards.map((card) => (['a', 'b', 'c'].includes(card.id) ? { ...card, groupId: 'g' } : card))
    const spot = settleGroup(grown, groups, 'g')
    expect(spot).not.toBeNull()
    expect(overlappingPairs(mapItems(grown, [{ id: 'g', ...spot! }]))).toEqual([])
  })

  it('drops an item beside what it was dropped on, and a card leaving a group lands beside it', () => {
    const cards: LayoutCard[] = [{ id: 'a', x: 200, y: 200, groupId: '' }, { id: 'b', x: 600, y: 600, groupId: '' }, { id: 'g1', x: 0, y: 0, groupId: 'g' }]
    const groups: LayoutGroup[] = [{ id: 'g', x: 300, y: 300 }]
    const spot = dropSpot(cards, groups, { kind: 'card', id: 'b' }, { x: 205, y: 205 })
    const moved = cards.map((card) => (card.id === 'b' ? { ...card, ...spot } : card))
    expect(overlappingPairs(mapItems(moved, groups))).toEqual([])
    expect(Math.hypot(spot.x - 205, spot.y - 205)).toBeLessThan(60)
    // Free spot: stays where dropped.
    expect(dropSpot(cards, groups, { kind: 'card', id: 'b' }, { x: 800, y: 100 })).toEqual({ x: 800, y: 100 })
    const out = spotBesideGroup(cards, groups, 'g1', 'g')
    const ungrouped = cards.map((card) => (card.id === 'g1' ? { ...card, ...out, groupId: '' } : card))
    expect(overlappingPairs(mapItems(ungrouped, groups))).toEqual([])
    expect(out.x).toBeGreaterThan(300)
  })

  it('finds the last free places of a crowded map and gives the wanted place back when it is full', () => {
    const random = seeded(3)
    const obstacles = Array.from({ length: 400 }, () => ({ x: Math.floor(random() * 950), y: Math.floor(random() * 970), ...CARD_SIZE }))
    const spot = findFreeSpot({ x: 500, y: 500 }, CARD_SIZE, obstacles)
    expect(overlappingPairs([{ kind: 'card', id: 'new', ...spot, ...CARD_SIZE }, ...obstacles.map((o, i) => ({ kind: 'card' as const, id: `o${i}`, ...o }))])
      .filter((pair) => pair.includes('new'))).toEqual([])
    const full = [{ x: 0, y: 0, w: MAP_SIZE, h: MAP_SIZE }]
    expect(findFreeSpot({ x: 10, y: 20 }, CARD_SIZE, full)).toEqual({ x: 10, y: 20 })
  })

  it('places 300 cards in a few seconds at most, even on a busy machine', () => {
    const started = performance.now()
    workshop(11)
    expect(performance.now() - started).toBeLessThan(3_000)
  })
})

describe('cards added at the same moment', () => {
  it('the later-id recent card moves; old cards and groups stay; only my cards are mine to move', () => {
    const now = Date.parse('2026-12-02T10:00:00Z')
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString()
    const cards = [
      { id: 'a', x: 10, y: 10, groupId: '', createdAt: at(1) },
      { id: 'b', x: 12, y: 12, groupId: '', createdAt: at(1) },
      { id: 'old', x: 200, y: 200, groupId: '', createdAt: at(3600) },
      { id: 'c', x: 205, y: 205, groupId: '', createdAt: at(2) },
      { id: 'far', x: 600, y: 600, groupId: '', createdAt: at(1) },
    ]
    expect(cardsToSettle(cards, [], () => true, now)).toEqual(['b', 'c'])
    expect(cardsToSettle(cards, [], (card) => card.id === 'a', now)).toEqual([])
    // A while later nothing is recent: nobody moves anything on their own.
    expect(cardsToSettle(cards, [], () => true, now + 60_000)).toEqual([])
  })
})
