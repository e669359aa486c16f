import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addPartner } from './partners.ts'
import { castVote, closeRound, countedVotes, listRounds, startDotVote, voteResults, votesLeft, withdrawVote } from './rounds.ts'
import { actor, boardDoc, peerOf } from './test-support.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

describe('dot voting', () => {
  it('gives N votes per person, counts them when closed, and keeps the results', () => {
    const doc = boardDoc()
    const a = addPartner(doc, facilitator, { name: 'ADMR' })
    const anne = actor('Anne', a)
    const alain = actor('Alain', a)
    const round = startDotVote(doc, facilitator, { title: 'Priorités', votesPerVoter: 2, scope: 'person', target: 'groups' })
    castVote(doc, anne, round, 'g1')
    castVote(doc, anne, round, 'g1')
    expect(() => castVote(doc, anne, round, 'g2')).toThrow(/No votes left/)
    castVote(doc, alain, round, 'g2')
    withdrawVote(doc, anne, round, 'g1')
    castVote(doc, anne, round, 'g2')
    closeRound(doc, facilitator, round)
    expect(() => castVote(doc, alain, round, 'g2')).toThrow(/closed/)
    const [kept] = listRounds(doc)
    expect(voteResults(kept!)).toEqual([{ targetId: 'g2', votes: 2 }, { targetId: 'g1', votes: 1 }])
  })

  it('per partner, everyone of a partner shares its votes, and offline overspending is not counted', () => {
    const doc = boardDoc()
    const a = addPartner(doc, facilitator, { name: 'ADMR' })
    const round = startDotVote(doc, facilitator, { votesPerVoter: 1, scope: 'partner', target: 'values' })
    const peer = peerOf(doc)
    // Two people of the same partner vote at the same time on two devices.
    castVote(doc, actor('Anne', a), round, 'v1')
    castVote(peer, actor('Alain', a), round, 'v2')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const [onDoc] = listRounds(doc)
    const [onPeer] = listRounds(peer)
    expect(onDoc!.votes).toHaveLength(2) // both stored: nothing lost
    expect(countedVotes(onDoc!)).toHaveLength(1) // one counted, the same on both
    expect(voteResults(onDoc!)).toEqual(voteResults(onPeer!))
    expect(votesLeft(onDoc!, actor('Anne', a))).toBe(0)
    expect(() => castVote(doc, facilitator, round, 'v1')).toThrow(/partners vote/)
  })

  it('only the facilitator opens and closes rounds, with a sane number of votes', () => {
    const doc = boardDoc()
    expect(() => startDotVote(doc, actor('Anne', 'x'), { votesPerVoter: 3, scope: 'person', target: 'groups' })).toThrow(/facilitator/)
    expect(() => startDotVote(doc, facilitator, { votesPerVoter: 0, scope: 'person', target: 'groups' })).toThrow(/Between/)
  })
})
