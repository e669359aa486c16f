import { describe, expect, it } from 'vitest'
import { AwarenessOwnership, type AwarenessEntry, type AwarenessOwner } from './awareness-ownership.ts'

const owner = (): AwarenessOwner & { closed: { code: number; reason: string }[] } => {
  const closed: { code: number; reason: string }[] = []
  return { closed, close: (code, reason) => closed.push({ code, reason }) }
}
const entry = (clientId: number, state: unknown = { user: { name: `n${clientId}` } }, clock = 1): AwarenessEntry =>
  ({ clientId, clock, json: JSON.stringify(state) })
const ids = (entries: AwarenessEntry[]) => entries.map((e) => e.clientId)

describe('AwarenessOwnership', () => {
  it('keeps a client id for the connection that announced it first', () => {
    const ownership = new AwarenessOwnership()
    const [a, b] = [owner(), owner()]
    expect(ids(ownership.claim(a, [entry(1)]))).toEqual([1])
    expect(ids(ownership.claim(b, [entry(1), entry(2)]))).toEqual([2])
    expect(ids(ownership.claim(a, [entry(1, null, 2)]))).toEqual([1])
    expect(ownership.release(a)).toEqual([1])
    expect(ids(ownership.claim(b, [entry(1)]))).toEqual([1])
  })

  it("drops others' entries silently: the stock client echoes everyone's presence", () => {
    const ownership = new AwarenessOwnership()
    const connections = Array.from({ length: 30 }, owner)
    connections.forEach((c, i) => ownership.claim(c, [entry(i + 1)]))
    const everyone = connections.map((_, i) => entry(i + 1, { user: { name: 'x' } }, 5))
    for (let round = 0; round < 50; round++) {
      expect(ids(ownership.claim(connections[0]!, everyone))).toEqual([1])
    }
    expect(connections[0]!.closed).toEqual([])
  })

  it('a removal never claims an id: someone who left can come back with it', () => {
    const ownership = new AwarenessOwnership()
    const [leaver, echo, back] = [owner(), owner(), owner()]
    ownership.claim(leaver, [entry(7)])
    ownership.release(leaver)
    // Another stock client echoes the removal it was told about.
    expect(ownership.claim(echo, [entry(7, null, 2)])).toEqual([])
    expect(ids(ownership.claim(back, [entry(7, { user: { name: 'back' } }, 3)]))).toEqual([7])
  })

  it('caps the client ids one connection owns', () => {
    const ownership = new AwarenessOwnership({ maxClientsPerConnection: 4, maxStateBytes: 4096, maxOffences: 10 })
    const a = owner()
    expect(ids(ownership.claim(a, [1, 2, 3, 4, 5, 6].map((id) => entry(id))))).toEqual([1, 2, 3, 4])
    // Its own ids stay writable; the ids it was refused are free for others.
    expect(ids(ownership.claim(a, [entry(4, { user: {} }, 2), entry(9)]))).toEqual([4])
    expect(ids(ownership.claim(owner(), [entry(5)]))).toEqual([5])
  })

  it('drops a state bigger than the limit, even for an id it owns', () => {
    const ownership = new AwarenessOwnership({ maxClientsPerConnection: 4, maxStateBytes: 100, maxOffences: 10 })
    const a = owner()
    expect(ids(ownership.claim(a, [entry(1, { big: 'é'.repeat(60) })]))).toEqual([]) // 120 bytes of UTF-8
    expect(ids(ownership.claim(a, [entry(1, { small: 'é'.repeat(30) })]))).toEqual([1])
    expect(ids(ownership.claim(a, [entry(1, { big: 'x'.repeat(200) }, 2)]))).toEqual([])
  })

  it('closes a connection that keeps breaking the limits with 1008, not one that broke them a few times', () => {
    const ownership = new AwarenessOwnership({ maxClientsPerConnection: 1, maxStateBytes: 4096, maxOffences: 3 })
    const a = owner()
    ownership.claim(a, [entry(1)])
    for (let i = 0; i < 3; i++) ownership.claim(a, [entry(100 + i)])
    expect(a.closed).toEqual([])
    ownership.claim(a, [entry(200)])
    expect(a.closed).toEqual([{ code: 1008, reason: 'Presence over its limits' }])
  })
})
