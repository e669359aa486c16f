import { describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer } from '../helpers/server.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { appendEntry, entriesOf } from '../helpers/probes.ts'

describe('SIGTERM', () => {
  it('closes sockets, flushes, exits 0, and the next start has everything', async () => {
    const server = await startServer()
    const board = await createBoard(server.url)
    const client = connectClient(server.wsUrl, board.id, board.invites.participant)
    await waitSynced(client)
    // The first close is the server's; later ones are reconnect attempts to a server that is gone.
    let closeCode = 0
    client.provider.on('connection-close', (event: CloseEvent | null) => { closeCode ||= event?.code ?? -1 })
    for (let i = 0; i < 100; i++) appendEntry(client.doc, String(i))

    expect(await server.stop()).toBe(0)
    await waitFor(() => expect(closeCode).toBe(1001))
    client.destroy()

    const restarted = await startServer({ dataDir: server.dataDir })
    const reader = connectClient(restarted.wsUrl, board.id, board.invites.observer)
    await waitSynced(reader)
    // Every change the client had sent before the signal is there (sent ones are flushed, not dropped).
    expect(entriesOf(reader.doc)).toHaveLength(100)
    reader.destroy()
    await restarted.stop()
  })
})
