import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addCard, createGroup, freePosition, listCards, listGroups } from '../../shared/board/interests.ts'
import { mapItems, overlappingPairs } from '../../shared/board/map-layout.ts'
import { addPartner, listPartners } from '../../shared/board/partners.ts'
import { actor, boardDoc, peerOf } from '../../shared/board/test-support.ts'
import { dropCard, dropGroup, groupCards, moveCardsToGroup, nudge, settleMyNewCards } from './map-actions.ts'

const fanny = actor('Fanny', 'facilitation', 'facilitator')
const data = (doc: Y.Doc) => ({ cards: listCards(doc), groups: listGroups(doc) })
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function board(cards = 20) {
  const doc = boardDoc()
  const partners = ['ADMR', 'APF', 'UNA'].map((name) => addPartner(doc, fanny, { name }))
  const ids: string[] = []
  for (let i = 0; i < cards; i++) {
    const partnerId = partners[i % 3]!
    ids.push(addCard(doc, fanny, { text: `Card ${i}`, kind: 'interest', partnerId, ...freePosition(listPartners(doc).map((p) => p.id), listCards(doc), partnerId, listGroups(doc)) }))
  }
  return { doc, ids }
}

const noOverlap = (doc: Y.Doc) => expect(overlappingPairs(mapItems(listCards(doc), listGroups(doc)))).toEqual([])

describe('map actions', () => {
  it('never put anything on anything: grouping, growing, dropping, ungrouping, keyboard moves', () => {
    const { doc, ids } = board()
    noOverlap(doc)
    const group = groupCards(doc, fanny, data(doc), ids.slice(0, 3), 'Training')
    noOverlap(doc)
    moveCardsToGroup(doc, fanny, data(doc), ids.slice(3, 9), group)
    expect(listGroups(doc)[0]!.cardIds).toHaveLength(9)
    noOverlap(doc)
    const other = listCards(doc).find((card) => card.id === ids[12])!
    dropCard(doc, fanny, data(doc), ids[13]!, { x: other.x + 2, y: other.y + 2 }, null)
    noOverlap(doc)
    dropGroup(doc, fanny, data(doc), group, { x: other.x, y: other.y })
    noOverlap(doc)
    moveCardsToGroup(doc, fanny, data(doc), ids.slice(0, 2), '')
    noOverlap(doc)
    for (let i = 0; i < 10; i++) nudge(doc, fanny, data(doc), { kind: 'card', id: ids[15]! }, [1, 0], 25)
    noOverlap(doc)
    // Dropping on a group puts the card in it and the group makes room for it.
    expect(dropCard(doc, fanny, data(doc), ids[16]!, { x: 0, y: 0 }, group)).toEqual({ kind: 'grouped', groupId: group })
    noOverlap(doc)
  })

  it('two people moving the same card and the same group at once end with the same board', () => {
    const { doc, ids } = board(12)
    const group = createGroup(doc, fanny, { name: 'G', x: 600, y: 600, cardIds: [ids[0]!] })
    const peer = peerOf(doc)
    const paul = actor('Paul', 'facilitation', 'facilitator')
    dropCard(doc, fanny, data(doc), ids[5]!, { x: 300, y: 500 }, null)
    dropCard(peer, paul, data(peer), ids[5]!, { x: 700, y: 100 }, null)
    dropGroup(doc, fanny, data(doc), group, { x: 100, y: 800 })
    moveCardsToGroup(peer, paul, data(peer), [ids[6]!, ids[7]!], group)
    nudge(doc, fanny, data(doc), { kind: 'card', id: ids[8]! }, [0, 1], 25)
    nudge(peer, paul, data(peer), { kind: 'card', id: ids[8]! }, [1, 0], 25)
    sync(doc, peer)
    expect(listCards(peer)).toEqual(listCards(doc))
    expect(listGroups(peer)).toEqual(listGroups(doc))
    expect(listGroups(doc)[0]!.cardIds.sort()).toEqual([ids[0]!, ids[6]!, ids[7]!].sort())
  })
})

describe('cards added at the same moment by two people', () => {
  it('end apart: the card with the larger id moves, on its author\'s side only', () => {
    const { doc } = board(6)
    const peer = peerOf(doc)
    const anne = actor('Anne', listPartners(doc)[0]!.id)
    const bruno = actor('Bruno', listPartners(doc)[0]!.id)
    const place = (d: Y.Doc) => freePosition(listPartners(d).map((p) => p.id), listCards(d), anne.partnerId, listGroups(d))
    const a = addCard(doc, anne, { text: 'Mine', kind: 'interest', ...place(doc) })
    const b = addCard(peer, bruno, { text: 'Theirs', kind: 'interest', ...place(peer) })
    sync(doc, peer)
    expect(overlappingPairs(mapItems(listCards(doc), listGroups(doc)))).not.toEqual([])
    const [stays] = [a, b].sort()
    const before = listCards(doc).find((card) => card.id === stays)!
    const moved = settleMyNewCards(doc, anne, data(doc)) + settleMyNewCards(peer, bruno, data(peer))
    expect(moved).toBe(1)
    sync(doc, peer)
    noOverlap(doc)
    expect(listCards(peer)).toEqual(listCards(doc))
    expect(listCards(doc).find((card) => card.id === stays)).toMatchObject({ x: before.x, y: before.y })
  })
})
