import { afterAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { storesUnderTest } from '../helpers/postgres.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { addCharterParagraph, lastCharterText } from '../helpers/probes.ts'

describe.each(storesUnderTest())('nothing lost: an edit another participant has seen survives kill -9 (%s)', (store) => {
  const servers: TestServer[] = []
  const clients: SyncClient[] = []
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const server of servers) await server.kill()
  })

  it('keeps every edit the other client saw, through a crash and a restart', async () => {
    const first = await startServer({ store })
    servers.push(first)
    const board = await createBoard(first.url)
    const writer = connectClient(first.wsUrl, board.id, board.invites.participant)
    const witness = connectClient(first.wsUrl, board.id, board.invites.facilitator)
    clients.push(writer, witness)
    await Promise.all([waitSynced(writer), waitSynced(witness)])

    // A burst of edits; the moment the witness has seen the last one, the server dies without warning.
    const text = addCharterParagraph(writer.doc)
    for (let i = 0; i < 200; i++) text.insert(text.length, `${i % 10}`)
    await waitFor(() => expect(lastCharterText(witness.doc)?.length).toBe(200), { interval: 1 })
    const seen = lastCharterText(witness.doc)!.toString()
    await first.kill()
    writer.provider.disconnect()
    witness.provider.disconnect()

    const second = await startServer({ dataDir: first.dataDir, databaseUrl: first.databaseUrl })
    servers.push(second)
    const reader = connectClient(second.wsUrl, board.id, board.invites.observer)
    clients.push(reader)
    await waitSynced(reader)
    expect(lastCharterText(reader.doc)?.toString()).toBe(seen)
  }, 90_000) // PostgreSQL on a loaded 2-core machine: each commit is a round trip to another process
})
