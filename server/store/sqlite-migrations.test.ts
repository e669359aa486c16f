import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { resolveBoardAccess } from '../auth/board-access.ts'
import { hashToken } from '../auth/tokens.ts'
import { issueInvite } from '../invites/invite-service.ts'
import { SQLITE_FILE_NAME, openSqliteStore } from './sqlite-store.ts'

/** A data folder holding a SQLite file as an older release left it: `schema`, then `fill`. */
function oldDataDir(schema: string, fill: (db: Database.Database) => void): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-migrate-'))
  const old = new Database(join(dataDir, SQLITE_FILE_NAME))
  old.exec(schema)
  fill(old)
  old.close()
  return dataDir
}

describe('invites in a SQLite file made before invites were records', () => {
  it('adds the new columns, gives every row an id, and keeps the old tokens working', async () => {
    const dataDir = oldDataDir(`
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE invites (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE, role TEXT NOT NULL,
        token_hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE INDEX invites_board ON invites(board_id);
    `, (old) => {
      old.prepare('INSERT INTO boards VALUES (?, ?, ?, ?)').run('oldBoard01', 'Ancien', 'fr', '2025-01-02T03:04:05.000Z')
      const insert = old.prepare('INSERT INTO invites VALUES (?, ?, ?, ?, ?)')
      insert.run('oldBoard01', 'facilitator', hashToken('old-facilitator-token'), '2025-01-02T03:04:05.000Z', null)
      insert.run('oldBoard01', 'participant', hashToken('old-participant-token'), '2025-01-02T03:04:05.000Z', null)
      insert.run('oldBoard01', 'observer', hashToken('old-revoked-token'), '2025-01-02T03:04:05.000Z', '2025-02-01T00:00:00.000Z')
    })

    for (let opening = 0; opening < 2; opening++) { // idempotent
      const store = openSqliteStore(dataDir)
      // The first three are the old rows (the second opening also sees the invite added by the first).
      const all = (await store.listInvites('oldBoard01')).slice(0, 3)
      expect(all.map((invite) => invite.role)).toEqual(['facilitator', 'participant', 'observer'])
      for (const invite of all) {
        expect(invite.id).toMatch(/^[0-9a-f]{24}$/)
        expect(invite).toMatchObject({ partnerId: null, label: '', codeHash: null })
      }
      expect(new Set(all.map((invite) => invite.id)).size).toBe(3)
      expect(all[2]!.revokedAt).toBe('2025-02-01T00:00:00.000Z')
      expect((await store.invitesOf('oldBoard01')).slice(0, 2).map((invite) => invite.role)).toEqual(['facilitator', 'participant'])

      const access = await resolveBoardAccess(store, 'oldBoard01', 'old-participant-token')
      expect(access).toMatchObject({ ok: true, role: 'participant', invite: { id: all[1]!.id, partnerId: null } })
      expect(await resolveBoardAccess(store, 'oldBoard01', 'old-revoked-token')).toEqual({ ok: false, reason: 'unauthorized' })

      // New invites (with codes) live beside the migrated ones.
      const issued = issueInvite({ role: 'participant', partnerId: 'partnerX', label: 'X' })
      await store.createInvite('oldBoard01', issued.record)
      expect(await resolveBoardAccess(store, 'oldBoard01', issued.code.toLowerCase())).toMatchObject({ ok: true, invite: { partnerId: 'partnerX' } })
      expect((await store.findInviteByCode(issued.record.codeHash!))?.boardId).toBe('oldBoard01')
      await store.revokeInvite('oldBoard01', issued.record.id, new Date().toISOString())
      expect(await store.findInviteByCode(issued.record.codeHash!)).toBeNull()
      await store.close()
    }
  })
})

describe('the update log in a SQLite file made before merged rows kept their state vector', () => {
  it('adds the column, reads the old rows as they were, and keeps the state vector of the next compaction', async () => {
    const dataDir = oldDataDir(`
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE updates (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
    `, (old) => {
      old.prepare('INSERT INTO boards VALUES (?, ?, ?, ?)').run('oldBoard01', 'Ancien', 'fr', '2025-01-02T03:04:05.000Z')
      old.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('oldBoard01', 1, Buffer.from('merged-before'))
    })

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
