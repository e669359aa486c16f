import { describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('observers read, are seen, and never write', () => {
  const fixture = useTestServer()

  it('drops observer updates (also after a restart), keeps it connected, relays its presence', async () => {
    const board = await createBoard(fixture.server.url)
    const participant = fixture.connect(board.id, board.invites.participant)
    const observer = fixture.connect(board.id, board.invites.observer)
    await Promise.all([waitSynced(participant), waitSynced(observer)])

    // The observer receives the participant's edits…
    participant.doc.getMap('probe').set('from-participant', 1)
    await waitFor(() => expect(observer.doc.getMap('probe').get('from-participant')).toBe(1))

    // …announces itself (the facilitator must see who watches)…
    observer.provider.awareness.setLocalStateField('user', { name: 'Observer Olga' })
    await waitFor(() => {
      const names = [...participant.provider.awareness.getStates().values()].map((s) => s.user?.name)
      expect(names).toContain('Observer Olga')
    })

    // …but its own edits go nowhere, and it stays connected.
    observer.doc.getMap('probe').set('from-observer', 1)
    participant.doc.getMap('probe').set('after', 2)
    await waitFor(() => expect(observer.doc.getMap('probe').get('after')).toBe(2))
    expect(participant.doc.getMap('probe').has('from-observer')).toBe(false)
    expect(observer.provider.wsconnected).toBe(true)

    // Nothing of it was stored: a restart and a fresh reader don't have it.
    observer.provider.disconnect()
    participant.provider.disconnect()
    await fixture.restart()
    const reader = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(reader)
    expect(reader.doc.getMap('probe').toJSON()).toEqual({ 'from-participant': 1, after: 2 })

    // The observer reconnects to the new server and, with its sync step 2, retries its change: dropped again.
    const again = fixture.connect(board.id, board.invites.observer, observer.doc)
    await waitSynced(again)
    reader.doc.getMap('probe').set('last', 3)
    await waitFor(() => expect(again.doc.getMap('probe').get('last')).toBe(3))
    expect(reader.doc.getMap('probe').has('from-observer')).toBe(false)
  })
})
