/**
 * The embedded default store: one SQLite file in DATA_DIR, in WAL mode, written by this process's
 * one connection. A write transaction is committed with synchronous=NORMAL (its frames written to
 * the log: tens of microseconds, kept if the process dies), and made durable against power loss by
 * a group fdatasync on libuv's pool (sqlite-wal-sync.ts): update appends resolve when committed and
 * `durable()` tells when they are on disk; every other write resolves once on disk. Checkpoints run
 * on a thread of their own (sqlite-checkpoints.ts). No write waits on another connection's lock.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { BoardLock } from './board-lock.ts'
import { SqliteCheckpoints } from './sqlite-checkpoints.ts'
import { WalSync } from './sqlite-wal-sync.ts'
import type { BoardRecord, BoardStore, BoardContents, UpdateToAppend, DiagnosisRecord, DraftRecord, InviteRecord, LogoRecord, LogoSummary, SnapshotKind, SnapshotRecord, StoredUpdate } from './board-store.ts'
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
    revoked_at TEXT,
    -- Added after the first release (see migrateInvites): new files get them here, old ones by ALTER.
    id TEXT,
    partner_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    code_hash TEXT
  );
  CREATE INDEX IF NOT EXISTS invites_board ON invites(board_id);
  CREATE TABLE IF NOT EXISTS updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    -- A merged row's state vector (see StoredUpdate); added after the first release (migrateUpdates).
    state_vector BLOB,
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
  -- Drafts of private-writing rounds: never in the board document until revealed (server/rounds/).
  CREATE TABLE IF NOT EXISTS drafts (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    round_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (board_id, round_id, id)
  );
  -- Partners' strategic diagnoses while not shared: never in the board document (server/method/).
  CREATE TABLE IF NOT EXISTS diagnoses (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL,
    project TEXT NOT NULL,
    strengths TEXT NOT NULL,
    constraints TEXT NOT NULL,
    expectations TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (board_id, partner_id)
  );
  -- One-time steps done for a board (a migration of its document).
  CREATE TABLE IF NOT EXISTS board_marks (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    mark TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (board_id, mark)
  );
  -- Logos for the compte rendu's header (network, partners): images stay out of the board document.
  CREATE TABLE IF NOT EXISTS logos (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (board_id, key)
  );
`

export const SQLITE_FILE_NAME = 'atelier.sqlite'

/** The columns a table has in this file (older files lack those added since). */
const columnsOf = (db: Database.Database, table: string): Set<string> =>
  new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((column) => column.name))

/**
 * Files made before invites were records have rows (board_id, role, token_hash, created_at,
 * revoked_at): add the new columns and give every existing row an id. Idempotent.
 */
function migrateInvites(db: Database.Database): void {
  const columns = columnsOf(db, 'invites')
  const added: [string, string][] = [['id', 'TEXT'], ['partner_id', 'TEXT'], ['label', "TEXT NOT NULL DEFAULT ''"], ['code_hash', 'TEXT']]
  db.transaction(() => {
    for (const [name, type] of added) if (!columns.has(name)) db.exec(`ALTER TABLE invites ADD COLUMN ${name} ${type}`)
    db.exec('UPDATE invites SET id = lower(hex(randomblob(12))) WHERE id IS NULL')
  })()
  db.exec(`
    CREATE UNIQUE INDEX IF NOT EXISTS invites_id ON invites(board_id, id);
    CREATE INDEX IF NOT EXISTS invites_code ON invites(code_hash) WHERE code_hash IS NOT NULL;
  `)
}

/** Files made before merged rows kept their state vector: add the column (NULL on old rows). Idempotent. */
function migrateUpdates(db: Database.Database): void {
  if (!columnsOf(db, 'updates').has('state_vector')) db.exec('ALTER TABLE updates ADD COLUMN state_vector BLOB')
}

const toDiagnosisRecord = (row: { board_id: string; partner_id: string; project: string; strengths: string; constraints: string; expectations: string; updated_at: string }): DiagnosisRecord => ({
  boardId: row.board_id, partnerId: row.partner_id, project: row.project, strengths: row.strengths, constraints: row.constraints,
  expectations: row.expectations, updatedAt: row.updated_at,
})

export function openSqliteStore(dataDir: string): BoardStore {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, SQLITE_FILE_NAME)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // NORMAL: no fsync inside a commit (WalSync does it, off the event loop); the log is
  // checkpointed by SqliteCheckpoints' thread, never inside one of our commits.
  db.pragma('synchronous = NORMAL')
  db.pragma('wal_autocheckpoint = 0')
  // The log is reused from its start after a checkpoint; one that a burst (an import) grew is cut
  // back to this when it is (SQLite truncates the same file: WalSync's descriptor stays good).
  db.pragma('journal_size_limit = 16777216')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  migrateInvites(db)
  migrateUpdates(db)

  const insertBoard = db.prepare('INSERT INTO boards (id, title, language, created_at) VALUES (?, ?, ?, ?)')
  const insertInviteRow = db.prepare(
    'INSERT INTO invites (board_id, id, role, partner_id, label, token_hash, code_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const insertInvite = (boardId: string, invite: InviteRecord) => insertInviteRow.run(
    boardId, invite.id, invite.role, invite.partnerId, invite.label, invite.tokenHash, invite.codeHash, invite.createdAt, invite.revokedAt)
  const selectBoard = db.prepare<[string], { id: string; title: string; language: string; created_at: string }>(
    'SELECT id, title, language, created_at FROM boards WHERE id = ?')
  type InviteRow = { id: string; role: Role; partner_id: string | null; label: string; token_hash: string; code_hash: string | null; created_at: string; revoked_at: string | null }
  const INVITE_COLUMNS = 'id, role, partner_id, label, token_hash, code_hash, created_at, revoked_at'
  const selectInvites = db.prepare<[string], InviteRow>(
    `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? AND revoked_at IS NULL ORDER BY rowid`)
  const selectAllInvites = db.prepare<[string], InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? ORDER BY rowid`)
  const selectInvite = db.prepare<[string, string], InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? AND id = ?`)
  const selectInviteByCode = db.prepare<[string], InviteRow & { board_id: string }>(
    `SELECT board_id, ${INVITE_COLUMNS} FROM invites WHERE code_hash = ? AND revoked_at IS NULL`)
  const markInviteRevoked = db.prepare('UPDATE invites SET revoked_at = ? WHERE board_id = ? AND id = ? AND revoked_at IS NULL')
  const toInviteRecord = (row: InviteRow): InviteRecord => ({
    id: row.id, role: row.role, partnerId: row.partner_id, label: row.label, tokenHash: row.token_hash, codeHash: row.code_hash,
    createdAt: row.created_at, revokedAt: row.revoked_at,
  })
  const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer; state_vector: Buffer | null }>(
    'SELECT seq, data, state_vector FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq')
  const insertUpdate = db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)')
  const insertMergedUpdate = db.prepare('INSERT INTO updates (board_id, seq, data, state_vector) VALUES (?, ?, ?, ?)')

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

  type DraftRow = {
    board_id: string; round_id: string; id: string; person_id: string; partner_id: string; author_name: string
    text: string; kind: DraftRecord['kind']; created_at: string; updated_at: string
  }
  const DRAFT_COLUMNS = 'board_id, round_id, id, person_id, partner_id, author_name, text, kind, created_at, updated_at'
  const insertDraft = db.prepare(`INSERT INTO drafts (${DRAFT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const selectDrafts = db.prepare<[string, string], DraftRow>(
    `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE board_id = ? AND round_id = ? ORDER BY created_at, rowid`)
  const selectDraft = db.prepare<[string, string, string], DraftRow>(
    `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE board_id = ? AND round_id = ? AND id = ?`)
  const updateDraftRow = db.prepare('UPDATE drafts SET text = ?, kind = ?, updated_at = ? WHERE board_id = ? AND round_id = ? AND id = ?')
  const deleteDraftRow = db.prepare('DELETE FROM drafts WHERE board_id = ? AND round_id = ? AND id = ?')
  const deleteDraftsTx = db.transaction((boardId: string, roundId: string, ids: readonly string[]) => {
    for (const id of ids) deleteDraftRow.run(boardId, roundId, id)
  })
  type DiagnosisRow = { board_id: string; partner_id: string; project: string; strengths: string; constraints: string; expectations: string; updated_at: string }
  const upsertDiagnosis = db.prepare(`INSERT INTO diagnoses (board_id, partner_id, project, strengths, constraints, expectations, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (board_id, partner_id) DO UPDATE SET project = excluded.project, strengths = excluded.strengths,
    constraints = excluded.constraints, expectations = excluded.expectations, updated_at = excluded.updated_at`)
  const selectDiagnosis = db.prepare<[string, string], DiagnosisRow>('SELECT * FROM diagnoses WHERE board_id = ? AND partner_id = ?')
  const deleteDiagnosisRow = db.prepare('DELETE FROM diagnoses WHERE board_id = ? AND partner_id = ?')
  const selectMark = db.prepare<[string, string], { created_at: string }>('SELECT created_at FROM board_marks WHERE board_id = ? AND mark = ?')
  const insertMark = db.prepare('INSERT OR IGNORE INTO board_marks (board_id, mark, created_at) VALUES (?, ?, ?)')
  const toDraftRecord = (row: DraftRow): DraftRecord => ({
    boardId: row.board_id, roundId: row.round_id, id: row.id, personId: row.person_id, partnerId: row.partner_id,
    authorName: row.author_name, text: row.text, kind: row.kind, createdAt: row.created_at, updatedAt: row.updated_at,
  })

  type LogoRow = { board_id: string; key: string; type: string; width: number; height: number; updated_at: string }
  const upsertLogo = db.prepare(`INSERT INTO logos (board_id, key, type, width, height, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (board_id, key) DO UPDATE SET type = excluded.type, width = excluded.width, height = excluded.height, data = excluded.data, updated_at = excluded.updated_at`)
  const selectOne = db.prepare('SELECT 1')
  const selectLogo = db.prepare<[string, string], LogoRow & { data: Buffer }>(
    'SELECT board_id, key, type, width, height, data, updated_at FROM logos WHERE board_id = ? AND key = ?')
  const selectLogos = db.prepare<[string], LogoRow & { bytes: number }>(
    'SELECT board_id, key, type, width, height, length(data) AS bytes, updated_at FROM logos WHERE board_id = ? ORDER BY key')
  const deleteLogoRow = db.prepare('DELETE FROM logos WHERE board_id = ? AND key = ?')
  const toLogo = (row: LogoRow) => ({ boardId: row.board_id, key: row.key, type: row.type, width: row.width, height: row.height, updatedAt: row.updated_at })

  const createBoardTx = db.transaction((board: BoardRecord, invites: InviteRecord[], initialState: Uint8Array, contents: BoardContents) => {
    insertBoard.run(board.id, board.title, board.language, board.createdAt)
    for (const invite of invites) insertInvite(board.id, invite)
    insertUpdate.run(board.id, 1, initialState)
    // Given oldest first, so rowid order (the list's tie-break) matches the original board's.
    for (const { record, state } of contents.snapshots ?? []) {
      insertSnapshot.run(record.id, board.id, record.label, record.kind, record.number, record.sessionId, record.createdAt, state)
    }
    for (const logo of contents.logos ?? []) upsertLogo.run(board.id, logo.key, logo.type, logo.width, logo.height, logo.data, logo.updatedAt)
    for (const d of contents.diagnoses ?? []) upsertDiagnosis.run(board.id, d.partnerId, d.project, d.strengths, d.constraints, d.expectations, d.updatedAt)
    for (const { mark, at } of contents.marks ?? []) insertMark.run(board.id, mark, at)
  })

  const revokeInviteTx = db.transaction((boardId: string, inviteId: string, revokedAt: string, replacement: InviteRecord | undefined) => {
    const revoked = markInviteRevoked.run(revokedAt, boardId, inviteId).changes === 1
    if (revoked && replacement) insertInvite(boardId, replacement)
    const row = selectInvite.get(boardId, inviteId)
    return row ? toInviteRecord(row) : null
  })

  const selectLastSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE board_id = ?')
  const deleteUpdatesThrough = db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?')
  // IMMEDIATE: the write lock is taken before MAX(seq) is read, so no other process on the same file
  // can be given the same seq, nor compact in between.
  const appendTx = db.transaction((updates: UpdateToAppend[]) => {
    const next = new Map<string, number>()
    return updates.map(({ boardId, data }) => {
      const seq = (next.get(boardId) ?? selectLastSeq.get(boardId)?.seq ?? 0) + 1
      next.set(boardId, seq)
      insertUpdate.run(boardId, seq, data)
      return seq
    })
  })
  const compactTx = db.transaction((boardId: string, throughSeq: number, merged: Uint8Array, stateVector: Uint8Array | null) => {
    deleteUpdatesThrough.run(boardId, throughSeq)
    // The merged row takes the place of the last row it replaces, so later rows stay after it.
    insertMergedUpdate.run(boardId, throughSeq, merged, stateVector)
  })

  const wal = new WalSync(`${file}-wal`, file)
  const checkpoints = new SqliteCheckpoints(file)
  /** After every committed write transaction. */
  const wrote = (bytes: number) => {
    wal.noteWrite()
    checkpoints.noteWrite(bytes)
  }
  /** Runs a write transaction; resolves with its result once it is on disk. */
  const durably = async <T>(write: () => T, bytes = 0): Promise<T> => {
    const result = write()
    wrote(bytes)
    await wal.sync()
    return result
  }

  const lock = new BoardLock()
  return {
    withBoardLock: (boardId, task) => lock.run(boardId, task),
    async createBoard(board, invites, initialState, contents = {}) {
      const bytes = initialState.byteLength + (contents.snapshots ?? []).reduce((sum, s) => sum + s.state.byteLength, 0)
      await durably(() => createBoardTx(board, invites, initialState, contents), bytes)
    },
    async getBoard(id) {
      const row = selectBoard.get(id)
      return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at } : null
    },
    async invitesOf(boardId) {
      return selectInvites.all(boardId).map(toInviteRecord)
    },
    async listInvites(boardId) {
      return selectAllInvites.all(boardId).map(toInviteRecord)
    },
    async createInvite(boardId, invite) {
      await durably(() => insertInvite(boardId, invite))
    },
    async revokeInvite(boardId, inviteId, revokedAt, replacement) {
      return durably(() => revokeInviteTx(boardId, inviteId, revokedAt, replacement))
    },
    async findInviteByCode(codeHash) {
      const row = selectInviteByCode.get(codeHash)
      return row ? { boardId: row.board_id, invite: toInviteRecord(row) } : null
    },
    async loadUpdates(boardId, afterSeq = 0): Promise<StoredUpdate[]> {
      return selectUpdates.all(boardId, afterSeq).map((row) => row.state_vector
        ? { seq: row.seq, data: new Uint8Array(row.data), stateVector: new Uint8Array(row.state_vector) }
        : { seq: row.seq, data: new Uint8Array(row.data) })
    },
    async appendUpdates(updates) {
      if (updates.length === 0) return []
      const seqs = appendTx.immediate(updates)
      wrote(updates.reduce((sum, u) => sum + u.data.byteLength, 0))
      return seqs
    },
    durable: () => wal.sync(),
    async compactUpdates(boardId, throughSeq, merged, stateVector) {
      // Not waited on to be on disk: until it is, the rows it replaces are there (it is atomic).
      compactTx.immediate(boardId, throughSeq, merged, stateVector ?? null)
      wrote(merged.byteLength)
    },
    async createSnapshot(snapshot, state) {
      await durably(() => insertSnapshot.run(snapshot.id, snapshot.boardId, snapshot.label, snapshot.kind, snapshot.number, snapshot.sessionId, snapshot.createdAt, state), state.byteLength)
    },
    async listSnapshots(boardId) {
      return selectSnapshots.all(boardId).map(toSnapshotRecord)
    },
    async getSnapshot(boardId, snapshotId) {
      const row = selectSnapshot.get(boardId, snapshotId)
      return row ? { record: toSnapshotRecord(row), state: new Uint8Array(row.state) } : null
    },
    async createDraft(d) {
      await durably(() => insertDraft.run(d.boardId, d.roundId, d.id, d.personId, d.partnerId, d.authorName, d.text, d.kind, d.createdAt, d.updatedAt))
    },
    async listDrafts(boardId, roundId) {
      return selectDrafts.all(boardId, roundId).map(toDraftRecord)
    },
    async getDraft(boardId, roundId, draftId) {
      const row = selectDraft.get(boardId, roundId, draftId)
      return row ? toDraftRecord(row) : null
    },
    async updateDraft(boardId, roundId, draftId, fields) {
      return durably(() => updateDraftRow.run(fields.text, fields.kind, fields.updatedAt, boardId, roundId, draftId).changes === 1)
    },
    async deleteDrafts(boardId, roundId, draftIds) {
      await durably(() => deleteDraftsTx(boardId, roundId, draftIds))
    },
    async putDiagnosis(d) {
      await durably(() => upsertDiagnosis.run(d.boardId, d.partnerId, d.project, d.strengths, d.constraints, d.expectations, d.updatedAt))
    },
    async getDiagnosis(boardId, partnerId) {
      const row = selectDiagnosis.get(boardId, partnerId)
      return row ? toDiagnosisRecord(row) : null
    },
    async deleteDiagnosis(boardId, partnerId) {
      return durably(() => deleteDiagnosisRow.run(boardId, partnerId).changes === 1)
    },
    async markedAt(boardId, mark) {
      return selectMark.get(boardId, mark)?.created_at ?? null
    },
    async setMark(boardId, mark, at) {
      await durably(() => insertMark.run(boardId, mark, at))
    },
    async putLogo(logo) {
      await durably(() => upsertLogo.run(logo.boardId, logo.key, logo.type, logo.width, logo.height, logo.data, logo.updatedAt), logo.data.byteLength)
    },
    async getLogo(boardId, key): Promise<LogoRecord | null> {
      const row = selectLogo.get(boardId, key)
      return row ? { ...toLogo(row), data: new Uint8Array(row.data) } : null
    },
    async listLogos(boardId): Promise<LogoSummary[]> {
      return selectLogos.all(boardId).map((row) => ({ ...toLogo(row), bytes: row.bytes }))
    },
    async deleteLogo(boardId, key) {
      return durably(() => deleteLogoRow.run(boardId, key).changes === 1)
    },
    async ping() {
      selectOne.get()
    },
    async close() {
      await checkpoints.close()
      await wal.close()
      // The last connection to close checkpoints the whole log into the file (fsyncs included).
      if (db.open) db.close()
    },
  }
}
