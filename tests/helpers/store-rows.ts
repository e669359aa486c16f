/** Reads a running test server's store directly (SQLite file beside it, or its PostgreSQL database). */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { withClient } from './postgres.ts'
import type { TestServer } from './server.ts'

/** How many rows a board's update log has now (SQLite: read-only beside the server; WAL allows it). */
export async function updateRowCount(server: Pick<TestServer, 'dataDir' | 'databaseUrl'>, boardId: string): Promise<number> {
  if (server.databaseUrl) {
    return withClient(server.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM updates WHERE board_id = $1', [boardId])
      return rows[0]!.n
    })
  }
  const db = new Database(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?').get(boardId) as { n: number }).n
  } finally {
    db.close()
  }
}
