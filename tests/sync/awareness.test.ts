import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { MessageType } from '../../shared/protocol/messages.ts'
import { createBoard } from '../helpers/api.ts'
import { openRawSocket } from '../helpers/raw-socket.ts'
import { waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const names = (client: SyncClient) =>
  [...client.provider.awareness.getStates().values()].map((state) => state.user?.name).filter(Boolean).sort()

describe('presence', () => {
  const fixture = useTestServer()

  it("removes a connection's presence for everyone as soon as it closes", async () => {
    const board = await createBoard(fixture.server.url)
    const stay = fixture.connect(board.id, board.invites.facilitator)
    const leave = fixture.connect(board.id, board.invites.participant)
    stay.provider.awareness.setLocalStateField('user', { name: 'Anne' })
    leave.provider.awareness.setLocalStateField('user', { name: 'Bruno' })
    await Promise.all([waitSynced(stay), waitSynced(leave)])
    await waitFor(() => expect(names(stay)).toEqual(['Anne', 'Bruno']))

    // Kill the socket without the client saying goodbye (a laptop lid closing, Wi-Fi gone).
    leave.provider.ws?.close()
    leave.provider.shouldConnect = false
    const started = Date.now()
    await waitFor(() => expect(names(stay)).toEqual(['Anne']))
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('a client id belongs to the connection that announced it first', async () => {
    const board = await createBoard(fixture.server.url)
    const owner = fixture.connect(board.id, board.invites.participant)
    const watcher = fixture.connect(board.id, board.invites.facilitator)
    owner.provider.awareness.setLocalStateField('user', { name: 'Claire' })
    await Promise.all([waitSynced(owner), waitSynced(watcher)])
    await waitFor(() => expect(names(watcher)).toContain('Claire'))

    // Another connection tries to overwrite, then to remove, Claire's presence.
    const impostor = await openRawSocket(fixture.server.wsUrl, board.id, board.invites.participant)
    const forged = (json: string) => {
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, owner.doc.clientID)
      encoding.writeVarUint(inner, 1_000)
      encoding.writeVarString(inner, json)
      const outer = encoding.createEncoder()
      encoding.writeVarUint(outer, MessageType.Awareness)
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
      return encoding.toUint8Array(outer)
    }
    impostor.socket.send(forged(JSON.stringify({ user: { name: 'Mallory' } })))
    impostor.socket.send(forged('null'))
    // A marker from the owner shows the forged messages were processed before it.
    owner.provider.awareness.setLocalStateField('marker', 1)
    await waitFor(() => expect([...watcher.provider.awareness.getStates().values()].some((s) => s.marker === 1)).toBe(true))
    expect(names(watcher)).toContain('Claire')
    expect(names(watcher)).not.toContain('Mallory')
    impostor.socket.close()
  })

  it('shows the role the token gives, whatever the client claims', async () => {
    const board = await createBoard(fixture.server.url)
    const observer = fixture.connect(board.id, board.invites.observer)
    const watcher = fixture.connect(board.id, board.invites.facilitator)
    observer.provider.awareness.setLocalStateField('user', { name: 'Olga', role: 'facilitator' })
    await waitFor(() => {
      const olga = [...watcher.provider.awareness.getStates().values()].find((s) => s.user?.name === 'Olga')
      expect(olga?.user.role).toBe('observer')
    })
  })
})
