import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { appendEntry, entriesOf } from '../helpers/probes.ts'

const COMPACT_AFTER = 25

describe('the update log is compacted past a threshold and on unload', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER) } })
  })
  afterAll(async () => {
    await server.stop()
  })

  /** Rows of a board's log, read from the SQLite file beside the running server (WAL allows it). */
  const rowsOf = (boardId: string) => {
    const db = new Database(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true })
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?').get(boardId) as { n: number }).n
    } finally {
      db.close()
    }
  }

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
      if (i % 10 === 0) maxRows = Math.max(maxRows, rowsOf(board.id))
    }
    expect(maxRows).toBeGreaterThan(1)
    expect(maxRows).toBeLessThanOrEqual(COMPACT_AFTER + 1)

    a.destroy()
    b.destroy()
    await waitFor(() => expect(rowsOf(board.id)).toBe(1))

    const reader = connectClient(server.wsUrl, board.id, board.invites.observer)
    await waitSynced(reader)
    expect(entriesOf(reader.doc).map(Number).sort((x, y) => x - y))
      .toEqual(Array.from({ length: 300 }, (_, i) => i))
    reader.destroy()
  })
})
