import { describe, expect, it } from 'vitest'
import type { Peer } from '../live/presence.ts'
import { othersBySection, presenceByPartner } from './presence-by-partner.ts'

let next = 1
const peer = (fields: Partial<Peer>): Peer => ({
  clientId: next++, isMe: false, name: 'X', organisation: '', color: '#123456', role: 'participant', partnerId: '',
  personId: `person-${next}-abcdefgh`, section: '', ...fields,
})

describe('presence by organisation', () => {
  it('lists every partner, counts those represented by someone who may act, merges a person’s tabs', () => {
    const alice = peer({ name: 'Alice', partnerId: 'A', personId: 'alice-person-id', section: 'values', isMe: true })
    const aliceTab = peer({ name: 'Alice', partnerId: 'A', personId: 'alice-person-id', section: 'charter' })
    const olga = peer({ name: 'Olga', partnerId: 'C', role: 'observer', section: 'interests' })
    const fanny = peer({ name: 'Fanny', partnerId: 'facilitation', role: 'facilitator', section: 'values' })
    const nobody = peer({ name: 'Nora', partnerId: '', organisation: 'Mairie' })
    const gone = peer({ name: 'Gus', partnerId: 'Z' })
    const result = presenceByPartner([alice, aliceTab, olga, fanny, nobody, gone], ['A', 'B', 'C'])
    expect(result.total).toBe(3)
    expect(result.represented).toBe(1) // A; C has only an observer; B nobody
    expect(result.partners.map((p) => [p.partnerId, p.represented, p.people.map((x) => x.name)])).toEqual([
      ['A', true, ['Alice']], ['B', false, []], ['C', false, ['Olga']],
    ])
    expect(result.partners[0]!.people[0]).toMatchObject({ isMe: true, sections: ['values', 'charter'] })
    expect(result.facilitation.map((x) => x.name)).toEqual(['Fanny'])
    expect(result.others.map((x) => x.name)).toEqual(['Nora', 'Gus'])
  })

  it('puts the others on the tabs they have open, never me (any of my tabs)', () => {
    const me = peer({ name: 'Me', personId: 'my-person-id-1', section: 'values', isMe: true })
    const myOtherTab = peer({ name: 'Me', personId: 'my-person-id-1', section: 'charter' })
    const bob = peer({ name: 'Bob', section: 'values' })
    const old = peer({ name: 'Old client', section: '' })
    const bySection = othersBySection([me, myOtherTab, bob, old])
    expect([...bySection.keys()]).toEqual(['values'])
    expect(bySection.get('values')!.map((p) => p.name)).toEqual(['Bob'])
  })
})
