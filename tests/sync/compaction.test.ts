import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { storesUnderTest } from '../helpers/postgres.ts'
import { updateRowCount } from '../helpers/store-rows.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { appendEntry, entriesOf } from '../helpers/probes.ts'

const COMPACT_AFTER = 25

describe.each(storesUnderTest())('the update log is compacted past a threshold and on unload (%s)', (store) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ store, env: { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER) } })
  })
  afterAll(async () => {
    await server.stop()
  })

  /** Rows of a board's log, read from the store beside the running server. */
  const rowsOf = (boardId: string) => updateRowCount(server, boardId)

  it('keeps the log short while people type, merges it to one row when the room empties, loses nothing', async () => {
    const board = await createBoard(server.url)
    const a = connectClient(server.wsUrl, board.id, board.invites.participant)
    const b = connectClient(server.wsUrl, board.id, board.invites.participant)
    await Promise.all([waitSynced(a), waitSynced(b)])
    let maxRows = 0
    for (let i = 0; i < 300; i++) {
      const [writer, reader] = i % 2 ? [a, b] : [b, a]
      appendEntry(writer.doc, String(i))
      // Each edit is its own commit (the worst case for the log): wait until the other has it.
      await waitFor(() => expect(entriesOf(reader.doc)).toHaveLength(i + 1), { interval: 1 })
      if (i % 10 === 0) maxRows = Math.max(maxRows, await rowsOf(board.id))
    }
    expect(maxRows).toBeGreaterThan(1)
    expect(maxRows).toBeLessThanOrEqual(COMPACT_AFTER + 1)

    a.destroy()
    b.destroy()
    await waitFor(async () => expect(await rowsOf(board.id)).toBe(1))

    const reader = connectClient(server.wsUrl, board.id, board.invites.observer)
    await waitSynced(reader)
    expect(entriesOf(reader.doc).map(Number).sort((x, y) => x - y))
      .toEqual(Array.from({ length: 300 }, (_, i) => i))
    reader.destroy()
  }, 90_000) // PostgreSQL on a loaded 2-core machine: each commit is a round trip to another process
})
