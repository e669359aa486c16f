/**
 * Two people editing at once never lose a stance, a card or a vote: every operation runs on two
 * docs, then their updates are delivered to each other in random orders (seeded, so a failure can
 * be replayed), and both docs must converge with everything in them.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, createGroup, listCards, listGroups, moveCard, setCardGroup } from './interests.ts'
import { addPartner } from './partners.ts'
import { castVote, listRounds, startDotVote } from './rounds.ts'
import { actor, boardDoc, deliver, peerOf, recordUpdates, seeded, shuffle } from './test-support.ts'
import { listValues, moveValue, proposeValue, setStance } from './values.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

describe.each(Array.from({ length: 12 }, (_, seed) => seed + 1))('concurrent board edits (seed %i)', (seed) => {
  it('converge without losing a stance, a card or a vote', () => {
    const random = seeded(seed)
    const left = boardDoc()
    const a = addPartner(left, facilitator, { name: 'ADMR' })
    const b = addPartner(left, facilitator, { name: 'APF' })
    const shared = proposeValue(left, facilitator, { text: 'Transparence' })
    const round = startDotVote(left, facilitator, { votesPerVoter: 5, scope: 'person', target: 'values' })
    const group = createGroup(left, facilitator, { name: 'Paie' })
    const right = peerOf(left)
    const fromLeft = recordUpdates(left)
    const fromRight = recordUpdates(right)
    const anne = actor('Anne', a)
    const bruno = actor('Bruno', b)

    // Interleaved, unsynchronised work on both sides.
    const leftCards: string[] = []
    const rightCards: string[] = []
    for (let i = 0; i < 10; i++) {
      leftCards.push(addCard(left, anne, { text: `A${i}`, kind: i % 2 ? 'brings' : 'interest', x: random() * 1000, y: random() * 1000 }))
      rightCards.push(addCard(right, bruno, { text: `B${i}`, kind: 'interest' }))
      if (random() < 0.5) setCardGroup(left, anne, leftCards[i]!, group)
      if (random() < 0.5) setCardGroup(right, bruno, rightCards[i]!, group)
      moveCard(right, bruno, rightCards[i]!, random() * 1000, random() * 1000)
    }
    setStance(left, anne, shared, a, 'reservation', 'Sous réserve')
    setStance(right, bruno, shared, b, 'object', 'Pas encore')
    const leftValue = proposeValue(left, anne, { text: 'Reconnaissance' })
    const rightValue = proposeValue(right, bruno, { text: 'Non-exclusivité' })
    moveValue(left, anne, shared, 1)
    moveValue(right, bruno, shared, 0)
    setStance(right, bruno, shared, b, 'agree')
    castVote(left, anne, round, shared)
    castVote(right, bruno, round, shared)
    castVote(right, bruno, round, rightValue)

    // Deliver each side's updates to the other in a random order, in random chunks.
    deliver(right, shuffle(fromLeft, random))
    deliver(left, shuffle(fromRight, random))

    expect(Y.encodeStateVector(left)).toEqual(Y.encodeStateVector(right))
    for (const doc of [left, right]) {
      const values = listValues(doc)
      expect(values.map((v) => v.id).sort()).toEqual([shared, leftValue, rightValue].sort())
      const value = values.find((v) => v.id === shared)!
      expect(value.stances[a]).toMatchObject({ kind: 'reservation', text: 'Sous réserve' })
      expect(value.stances[b]!.kind).toBe('agree')
      expect(value.status).toBe('adopted')
      expect(listCards(doc).map((c) => c.text).sort()).toEqual([...leftCards, ...rightCards].map((_, i) => (i < 10 ? `A${i}` : `B${i - 10}`)).sort())
      expect(listRounds(doc)[0]!.votes).toHaveLength(3)
    }
    expect(listValues(left)).toEqual(listValues(right))
    expect(listGroups(left)).toEqual(listGroups(right))
  })
})
