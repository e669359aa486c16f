/** The embedded default store: one SQLite file in DATA_DIR, in WAL mode. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { BoardRecord, BoardStore, InviteRecord, SnapshotKind, SnapshotRecord, StoredUpdate, UpdateToAppend } from './board-store.ts'
import type { Role } from '../../shared/auth/roles.ts'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS invites (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX IF NOT EXISTS invites_board ON invites(board_id);
  CREATE TABLE IF NOT EXISTS updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS snapshots (
    id TEXT NOT NULL,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    number INTEGER,
    session_id TEXT,
    created_at TEXT NOT NULL,
    state BLOB NOT NULL,
    -- Per board: an imported board keeps its snapshot ids (its sessions refer to them).
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots(board_id, created_at);
`

export const SQLITE_FILE_NAME = 'atelier.sqlite'

export function openSqliteStore(dataDir: string): BoardStore {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, SQLITE_FILE_NAME))
  db.pragma('journal_mode = WAL')
  // FULL: a commit is on disk before we relay it ("nothing lost" holds even on power loss).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)

  const insertBoard = db.prepare('INSERT INTO boards (id, title, language, created_at) VALUES (?, ?, ?, ?)')
  const insertInvite = db.prepare('INSERT INTO invites (board_id, role, token_hash, created_at) VALUES (?, ?, ?, ?)')
  const selectBoard = db.prepare<[string], { id: string; title: string; language: string; created_at: string }>(
    'SELECT id, title, language, created_at FROM boards WHERE id = ?')
  const selectInvites = db.prepare<[string], { role: Role; token_hash: string }>(
    'SELECT role, token_hash FROM invites WHERE board_id = ? AND revoked_at IS NULL')
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq')
  const selectLastSeq = db.prepare<[string], { seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM updates WHERE board_id = ?')
  const insertUpdate = db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)')
  const deleteUpdatesThrough = db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?')

  type SnapshotRow = { id: string; board_id: string; label: string; kind: SnapshotKind; number: number | null; session_id: string | null; created_at: string }
  const SNAPSHOT_COLUMNS = 'id, board_id, label, kind, number, session_id, created_at'
  const insertSnapshot = db.prepare(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS}, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const selectSnapshots = db.prepare<[string], SnapshotRow>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`)
  const selectSnapshot = db.prepare<[string, string], SnapshotRow & { state: Buffer }>(
    `SELECT ${SNAPSHOT_COLUMNS}, state FROM snapshots WHERE board_id = ? AND id = ?`)
  const toSnapshotRecord = (row: SnapshotRow): SnapshotRecord => ({
    id: row.id, boardId: row.board_id, label: row.label, kind: row.kind, number: row.number, sessionId: row.session_id, createdAt: row.created_at,
  })

  const createBoardTx = db.transaction((board: BoardRecord, invites: InviteRecord[], initialState: Uint8Array, snapshots: { record: SnapshotRecord; state: Uint8Array }[]) => {
    insertBoard.run(board.id, board.title, board.language, board.createdAt)
    for (const invite of invites) insertInvite.run(board.id, invite.role, invite.tokenHash, board.createdAt)
    insertUpdate.run(board.id, 1, initialState)
    // Given oldest first, so rowid order (the list's tie-break) matches the original board's.
    for (const { record, state } of snapshots) {
      insertSnapshot.run(record.id, board.id, record.label, record.kind, record.number, record.sessionId, record.createdAt, state)
    }
  })

  const appendTx = db.transaction((updates: UpdateToAppend[]) => {
    const next = new Map<string, number>()
    return updates.map(({ boardId, data }) => {
      const seq = (next.get(boardId) ?? selectLastSeq.get(boardId)?.seq ?? 0) + 1
      next.set(boardId, seq)
      insertUpdate.run(boardId, seq, data)
      return seq
    })
  })

  const compactTx = db.transaction((boardId: string, throughSeq: number, merged: Uint8Array) => {
    deleteUpdatesThrough.run(boardId, throughSeq)
    // The merged row takes the place of the last row it replaces, so later rows stay after it.
    insertUpdate.run(boardId, throughSeq, merged)
  })

  return {
    async createBoard(board, invites, initialState, snapshots = []) {
      createBoardTx(board, invites, initialState, snapshots)
    },
    async getBoard(id) {
      const row = selectBoard.get(id)
      return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at } : null
    },
    async invitesOf(boardId) {
      return selectInvites.all(boardId).map((row) => ({ role: row.role, tokenHash: row.token_hash }))
    },
    async loadUpdates(boardId): Promise<StoredUpdate[]> {
      return selectUpdates.all(boardId).map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }))
    },
    async appendUpdates(updates) {
      return appendTx(updates)
    },
    async compactUpdates(boardId, throughSeq, merged) {
      compactTx(boardId, throughSeq, merged)
    },
    async createSnapshot(snapshot, state) {
      insertSnapshot.run(snapshot.id, snapshot.boardId, snapshot.label, snapshot.kind, snapshot.number, snapshot.sessionId, snapshot.createdAt, state)
    },
    async listSnapshots(boardId) {
      return selectSnapshots.all(boardId).map(toSnapshotRecord)
    },
    async getSnapshot(boardId, snapshotId) {
      const row = selectSnapshot.get(boardId, snapshotId)
      return row ? { record: toSnapshotRecord(row), state: new Uint8Array(row.state) } : null
    },
    async close() {
      if (db.open) db.close()
    },
  }
}
