import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE_NAME, openSqliteStore } from './sqlite-store.ts'

describe('the update log in a SQLite file made before merged rows kept their state vector', () => {
  it('adds the column, reads the old rows as they were, and keeps the state vector of the next compaction', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-migrate-updates-'))
    const old = new Database(join(dataDir, SQLITE_FILE_NAME))
    old.exec(`
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE updates (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
    `)
    old.prepare('INSERT INTO boards VALUES (?, ?, ?, ?)').run('oldBoard01', 'Ancien', 'fr', '2025-01-02T03:04:05.000Z')
    old.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('oldBoard01', 1, Buffer.from('merged-before'))
    old.close()

    for (let opening = 0; opening < 2; opening++) { // idempotent
      const store = openSqliteStore(dataDir)
      const rows = await store.loadUpdates('oldBoard01')
      if (opening === 0) {
        expect(rows).toEqual([{ seq: 1, data: new Uint8Array(Buffer.from('merged-before')) }])
        await store.appendUpdates([{ boardId: 'oldBoard01', data: new Uint8Array([7]) }])
        await store.compactUpdates('oldBoard01', 2, new Uint8Array([1, 7]), new Uint8Array([9]))
      } else {
        expect(rows).toEqual([{ seq: 2, data: new Uint8Array([1, 7]), stateVector: new Uint8Array([9]) }])
      }
      await store.close()
    }
  })
})
