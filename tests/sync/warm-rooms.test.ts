/**
 * A room whose last client leaves stays warm for ROOM_KEEP_WARM_SECONDS (its log already merged),
 * so a reload or a room-wide Wi-Fi drop comes back to a board in memory; then it is unloaded.
 * Seen through /metrics (atelier_boards_loaded) and the SQLite file.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { appendEntry, entriesOf } from '../helpers/probes.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

const ADMIN = 'warm-rooms-admin-token-0123456789'

describe('rooms stay warm a while after their last client leaves', () => {
  const fixture = useTestServer({ env: { ADMIN_TOKEN: ADMIN, ROOM_KEEP_WARM_SECONDS: '2' } })
  const loaded = async () => {
    const text = await (await fetch(`${fixture.server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text()
    return Number(/^atelier_boards_loaded (\d+)/m.exec(text)![1])
  }
  const rowsOf = (boardId: string) => {
    const db = new Database(join(fixture.server.dataDir, SQLITE_FILE_NAME), { readonly: true })
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?').get(boardId) as { n: number }).n
    } finally {
      db.close()
    }
  }

  it('merges the log at once, keeps the room for the delay, takes a returning client, then unloads', async () => {
    const response = await fetch(`${fixture.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ title: 'Au chaud', language: 'fr' }),
    })
    const board = (await response.json()) as CreateBoardResponse
    const first = fixture.connect(board.id, board.invites.participant)
    await waitSynced(first)
    for (let i = 0; i < 20; i++) appendEntry(first.doc, `e${i}`)
    await waitFor(() => expect(rowsOf(board.id)).toBeGreaterThan(1))
    first.destroy()

    await waitFor(() => expect(rowsOf(board.id)).toBe(1)) // merged as soon as the room empties
    expect(await loaded()).toBe(1) // but still in memory

    const back = fixture.connect(board.id, board.invites.participant)
    await waitSynced(back)
    expect(entriesOf(back.doc)).toHaveLength(20)
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(await loaded()).toBe(1) // someone is here: the timer of the first departure did not unload it
    back.destroy()

    await waitFor(async () => expect(await loaded()).toBe(0), { timeout: 6_000 })
    const later = fixture.connect(board.id, board.invites.observer)
    await waitSynced(later)
    expect(entriesOf(later.doc)).toHaveLength(20)
  })
})
