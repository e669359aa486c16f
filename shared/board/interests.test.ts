import { describe, expect, it } from 'vitest'
import { addCard, createGroup, groupKind, groupsOfCards, interestsMatrix, listCards, listGroups, moveCard, removeGroup, setCardGroup } from './interests.ts'
import { addPartner } from './partners.ts'
import { closeRound, listRounds, openRound, revealDrafts, startPrivateWriting } from './rounds.ts'
import { actor, boardDoc } from './test-support.ts'
import { MAP_SIZE } from './schema.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

function board() {
  const doc = boardDoc()
  const a = addPartner(doc, facilitator, { name: 'ADMR Loire' })
  const b = addPartner(doc, facilitator, { name: 'APF France handicap' })
  const c = addPartner(doc, facilitator, { name: 'Mutualité' })
  return { doc, a, b, c, anne: actor('Anne', a), bruno: actor('Bruno', b), chloe: actor('Chloé', c) }
}

describe('group kinds', () => {
  it.each([
    [[], 'empty'],
    [[{ kind: 'interest', partnerId: 'a' }, { kind: 'brings', partnerId: 'a' }], 'specific'],
    [[{ kind: 'interest', partnerId: 'a' }, { kind: 'interest', partnerId: 'b' }], 'convergent'],
    [[{ kind: 'interest', partnerId: 'a' }, { kind: 'brings', partnerId: 'b' }], 'complementary'],
    [[{ kind: 'interest', partnerId: 'a' }, { kind: 'interest', partnerId: 'b' }, { kind: 'brings', partnerId: 'c' }], 'convergent'],
    [[{ kind: 'brings', partnerId: 'a' }, { kind: 'brings', partnerId: 'b' }], 'convergent'],
  ] as const)('%j → %s', (cards, kind) => {
    expect(groupKind(cards)).toBe(kind)
  })
})

describe('interests map', () => {
  it('keeps cards with their partner, author and position, clamped to the map', () => {
    const { doc, a, anne } = board()
    const id = addCard(doc, anne, { text: 'Mutualiser la paie', kind: 'interest', x: -50, y: 5_000 })
    expect(listCards(doc)).toEqual([expect.objectContaining({ id, partnerId: a, author: { personId: anne.personId, name: 'Anne' }, x: 0, y: MAP_SIZE })])
    moveCard(doc, anne, id, 120, 340)
    expect(listCards(doc)[0]).toMatchObject({ x: 120, y: 340 })
  })

  it('derives each group kind from its cards, and the matrix shows the same as the map', () => {
    const { doc, a, b, c, anne, bruno, chloe } = board()
    const payA = addCard(doc, anne, { text: 'Mutualiser la paie', kind: 'interest' })
    const payB = addCard(doc, bruno, { text: 'Externaliser la paie', kind: 'interest' })
    const needTraining = addCard(doc, anne, { text: 'Former nos aides à domicile au handicap', kind: 'interest' })
    const bringsTraining = addCard(doc, bruno, { text: 'Un centre de formation agréé', kind: 'brings' })
    const own = addCard(doc, chloe, { text: 'Garder notre centre de santé', kind: 'interest' })
    const loose = addCard(doc, chloe, { text: 'Idée à classer', kind: 'brings' })
    const pay = createGroup(doc, anne, { name: 'Fonctions support', cardIds: [payA, payB] })
    const training = createGroup(doc, bruno, { name: 'Formation', cardIds: [needTraining] })
    setCardGroup(doc, bruno, bringsTraining, training)
    const health = createGroup(doc, chloe, { name: 'Santé', cardIds: [own] })

    const groups = listGroups(doc)
    // (Created in the same millisecond, items are ordered by id: compare regardless of order.)
    expect(groups.map((g) => [g.name, g.kind, [...g.partnerIds].sort()]).sort()).toEqual([
      ['Fonctions support', 'convergent', [a, b].sort()],
      ['Formation', 'complementary', [a, b].sort()],
      ['Santé', 'specific', [c]],
    ])

    const matrix = interestsMatrix(doc)
    expect([...matrix.partnerIds].sort()).toEqual([a, b, c].sort())
    expect(matrix.rows.map((row) => row.group?.id ?? null).slice(0, 3).sort()).toEqual([pay, training, health].sort())
    expect(matrix.rows.at(-1)!.group).toBeNull()
    // Every card of the map is in exactly one cell, the cell of its group and partner.
    for (const card of listCards(doc)) {
      const cells = matrix.rows.flatMap((row) => Object.entries(row.cells).filter(([, cards]) => cards.some((x) => x.id === card.id)).map(([partner]) => [row.group?.id ?? '', partner]))
      expect(cells).toEqual([[card.groupId, card.partnerId]])
    }
    expect(matrix.rows.at(-1)!.cells[c]!.map((card) => card.id)).toEqual([loose])

    removeGroup(doc, facilitator, training)
    expect(listCards(doc).find((card) => card.id === bringsTraining)!.groupId).toBe('')
  })

  it('never puts a card of an open private round in the document: the server reveals drafts as cards of the round', () => {
    const { doc, a, anne, bruno } = board()
    const before = addCard(doc, anne, { text: 'Avant le tour', kind: 'interest' })
    const round = startPrivateWriting(doc, facilitator, { title: 'Vos attentes', mode: 'controlled' })
    expect(listRounds(doc)[0]).toMatchObject({ id: round, mode: 'controlled', status: 'open' })
    expect(() => startPrivateWriting(doc, facilitator)).toThrow(/already open/)
    // A card added while the round is open is an ordinary card: nothing in the document is private.
    const during = addCard(doc, bruno, { text: 'Pendant', kind: 'brings' })
    expect(listCards(doc).find((c) => c.id === during)!.roundId).toBe('')
    // Closing it as a document write is refused: its drafts are on the server.
    expect(() => closeRound(doc, facilitator, round)).toThrow(/revealing/)

    const draft = { id: 'draft-1', text: 'Mon attente', kind: 'interest' as const, partnerId: a, author: { personId: anne.personId, name: 'Anne' }, createdAt: new Date().toISOString() }
    expect(revealDrafts(doc, round, [draft], { close: false })).toEqual(['draft-1'])
    expect(revealDrafts(doc, round, [draft], { close: true })).toEqual([]) // already there: not twice
    expect(listCards(doc).map((c) => c.id)).toEqual([before, during, 'draft-1'])
    expect(listCards(doc)[2]).toMatchObject({ text: 'Mon attente', roundId: round, partnerId: a, groupId: '' })
    expect(openRound(doc, 'private-writing')).toBeNull()
  })

  it('derives the same groups from cards already read (groupsOfCards) as listGroups does', () => {
    const { doc, anne, bruno } = board()
    const one = addCard(doc, anne, { text: 'Formation', kind: 'interest' })
    const two = addCard(doc, bruno, { text: 'Formation aussi', kind: 'interest' })
    createGroup(doc, anne, { name: 'Formation', cardIds: [one, two] })
    createGroup(doc, anne, { name: 'Vide' })
    startPrivateWriting(doc, facilitator)
    addCard(doc, bruno, { text: 'Caché', kind: 'brings' })
    expect(groupsOfCards(doc, listCards(doc))).toEqual(listGroups(doc))
    expect(groupsOfCards(doc, listCards(doc))).toEqual(listGroups(doc))
  })
})
