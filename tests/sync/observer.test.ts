import { describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { addMark, hasMark, marksOf } from '../helpers/probes.ts'

describe('observers read, are seen, and never write', () => {
  const fixture = useTestServer()

  it('drops observer updates (also after a restart), keeps it connected, relays its presence', async () => {
    const board = await createBoard(fixture.server.url)
    const participant = fixture.connect(board.id, board.invites.participant)
    const observer = fixture.connect(board.id, board.invites.observer)
    await Promise.all([waitSynced(participant), waitSynced(observer)])

    // The observer receives the participant's edits…
    addMark(participant.doc, 'from-participant')
    await waitFor(() => expect(hasMark(observer.doc, 'from-participant')).toBe(true))

    // …announces itself (the facilitator must see who watches)…
    observer.provider.awareness.setLocalStateField('user', { name: 'Observer Olga' })
    await waitFor(() => {
      const names = [...participant.provider.awareness.getStates().values()].map((s) => s.user?.name)
      expect(names).toContain('Observer Olga')
    })

    // …but its own edits go nowhere, and it stays connected.
    addMark(observer.doc, 'from-observer')
    addMark(participant.doc, 'after')
    await waitFor(() => expect(hasMark(observer.doc, 'after')).toBe(true))
    expect(hasMark(participant.doc, 'from-observer')).toBe(false)
    expect(observer.provider.wsconnected).toBe(true)

    // Nothing of it was stored: a restart and a fresh reader don't have it.
    observer.provider.disconnect()
    participant.provider.disconnect()
    await fixture.restart()
    const reader = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(reader)
    expect(marksOf(reader.doc).sort()).toEqual(['after', 'from-participant'])

    // The observer reconnects to the new server and, with its sync step 2, retries its change: dropped again.
    const again = fixture.connect(board.id, board.invites.observer, observer.doc)
    await waitSynced(again)
    addMark(reader.doc, 'last')
    await waitFor(() => expect(hasMark(again.doc, 'last')).toBe(true))
    expect(hasMark(reader.doc, 'from-observer')).toBe(false)
  })
})
