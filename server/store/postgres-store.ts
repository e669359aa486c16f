/**
 * The store on PostgreSQL (DATABASE_URL), for hosting many boards and running several server
 * processes on one database. Same contract as the SQLite store (board-store.contract.ts runs
 * against both).
 *
 * Sequence numbers: `boards.last_seq` is the board's counter. An append bumps it with
 * `UPDATE … SET last_seq = last_seq + n`, which also row-locks the board until COMMIT, and inserts
 * the rows under the range it freed, in the same statement (one round trip for a one-board batch).
 * So two processes appending to one board are serialized there: each gets a distinct range, and a
 * board's seqs follow commit order (a reader never sees seq n+1 committed before n). A batch that
 * touches several boards first locks them in id order, in one transaction, so two batches never
 * deadlock. (A global bigserial would not lock, but its numbers follow allocation, not commit
 * order: a row could commit under a seq lower than rows already read and compacted.)
 * Compaction takes the same row lock, deletes `seq <= throughSeq` only and puts the merged row at
 * `throughSeq`: rows another process appended after `throughSeq` are never touched, and two
 * compactions of one board never interleave.
 *
 * Durability: every write transaction commits with synchronous_commit on (asked for at connection
 * start and checked at open): when a promise resolves, the commit is flushed to the WAL on disk.
 */
import { Pool, type PoolClient, type QueryResultRow } from 'pg'
import { log } from '../log.ts'
import { BoardLock } from './board-lock.ts'
import type { BoardRecord, BoardStore, DiagnosisRecord, DraftRecord, InviteRecord, LogoRecord, LogoSummary, SnapshotKind, SnapshotRecord, UpdateToAppend } from './board-store.ts'
import type { Role } from '../../shared/auth/roles.ts'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS boards (
    id text PRIMARY KEY,
    title text NOT NULL,
    language text NOT NULL,
    created_at text NOT NULL,
    -- The last seq given to one of the board's updates (see appendUpdates).
    last_seq bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS invites (
    -- Insertion order (SQLite's rowid): lists are oldest first.
    ord bigint GENERATED ALWAYS AS IDENTITY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id text NOT NULL,
    role text NOT NULL,
    partner_id text,
    label text NOT NULL DEFAULT '',
    token_hash text NOT NULL,
    code_hash text,
    created_at text NOT NULL,
    revoked_at text,
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS invites_code ON invites (code_hash) WHERE code_hash IS NOT NULL;
  CREATE TABLE IF NOT EXISTS updates (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  -- A merged row's state vector (see StoredUpdate); added after the first release.
  ALTER TABLE updates ADD COLUMN IF NOT EXISTS state_vector bytea;
  CREATE TABLE IF NOT EXISTS snapshots (
    ord bigint GENERATED ALWAYS AS IDENTITY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id text NOT NULL,
    label text NOT NULL,
    kind text NOT NULL,
    number integer,
    session_id text,
    created_at text NOT NULL,
    state bytea NOT NULL,
    -- Per board: an imported board keeps its snapshot ids (its sessions refer to them).
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots (board_id, created_at);
  CREATE TABLE IF NOT EXISTS drafts (
    ord bigint GENERATED ALWAYS AS IDENTITY,
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    round_id text NOT NULL,
    id text NOT NULL,
    person_id text NOT NULL,
    partner_id text NOT NULL,
    author_name text NOT NULL,
    text text NOT NULL,
    kind text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (board_id, round_id, id)
  );
  -- Partners' strategic diagnoses while not shared: never in the board document (server/method/).
  CREATE TABLE IF NOT EXISTS diagnoses (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    partner_id text NOT NULL,
    project text NOT NULL,
    strengths text NOT NULL,
    constraints text NOT NULL,
    expectations text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (board_id, partner_id)
  );
  -- One-time steps done for a board (a migration of its document).
  CREATE TABLE IF NOT EXISTS board_marks (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    mark text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (board_id, mark)
  );
  -- Logos for the compte rendu's header (network, partners): images stay out of the board document.
  CREATE TABLE IF NOT EXISTS logos (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    key text NOT NULL,
    type text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    data bytea NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (board_id, key)
  );
`
/** Two processes opening a fresh database at once would race on CREATE TABLE IF NOT EXISTS. */
const SCHEMA_LOCK = 0x4154454c // "ATEL"
/** Rows per append statement (2 parameters each; PostgreSQL takes at most 65,535). */
const ROWS_PER_INSERT = 1000

type InviteRow = { id: string; role: Role; partner_id: string | null; label: string; token_hash: string; code_hash: string | null; created_at: string; revoked_at: string | null }
const INVITE_COLUMNS = 'id, role, partner_id, label, token_hash, code_hash, created_at, revoked_at'
const toInviteRecord = (row: InviteRow): InviteRecord => ({
  id: row.id, role: row.role, partnerId: row.partner_id, label: row.label, tokenHash: row.token_hash, codeHash: row.code_hash,
  createdAt: row.created_at, revokedAt: row.revoked_at,
})
const inviteValues = (boardId: string, i: InviteRecord) => [boardId, i.id, i.role, i.partnerId, i.label, i.tokenHash, i.codeHash, i.createdAt, i.revokedAt]
const INSERT_INVITE = `INSERT INTO invites (board_id, ${INVITE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

type SnapshotRow = { id: string; board_id: string; label: string; kind: SnapshotKind; number: number | null; session_id: string | null; created_at: string }
const SNAPSHOT_COLUMNS = 'id, board_id, label, kind, number, session_id, created_at'
const toSnapshotRecord = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id, boardId: row.board_id, label: row.label, kind: row.kind, number: row.number, sessionId: row.session_id, createdAt: row.created_at,
})
const INSERT_SNAPSHOT = `INSERT INTO snapshots (${SNAPSHOT_COLUMNS}, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
const snapshotValues = (s: SnapshotRecord, state: Uint8Array) => [s.id, s.boardId, s.label, s.kind, s.number, s.sessionId, s.createdAt, bytes(state)]

type DraftRow = {
  board_id: string; round_id: string; id: string; person_id: string; partner_id: string; author_name: string
  text: string; kind: DraftRecord['kind']; created_at: string; updated_at: string
}
type DiagnosisRow = { board_id: string; partner_id: string; project: string; strengths: string; constraints: string; expectations: string; updated_at: string }
const toDiagnosisRecord = (row: DiagnosisRow): DiagnosisRecord => ({
  boardId: row.board_id, partnerId: row.partner_id, project: row.project, strengths: row.strengths, constraints: row.constraints,
  expectations: row.expectations, updatedAt: row.updated_at,
})
const DRAFT_COLUMNS = 'board_id, round_id, id, person_id, partner_id, author_name, text, kind, created_at, updated_at'
const toDraftRecord = (row: DraftRow): DraftRecord => ({
  boardId: row.board_id, roundId: row.round_id, id: row.id, personId: row.person_id, partnerId: row.partner_id,
  authorName: row.author_name, text: row.text, kind: row.kind, createdAt: row.created_at, updatedAt: row.updated_at,
})

type LogoRow = { board_id: string; key: string; type: string; width: number; height: number; updated_at: string }
const toLogo = (row: LogoRow) => ({ boardId: row.board_id, key: row.key, type: row.type, width: row.width, height: row.height, updatedAt: row.updated_at })

/** pg sends a Buffer as binary; a plain Uint8Array would go through its text encoding. */
const bytes = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)
/** bytea comes back as a Buffer: hand out a plain Uint8Array over the same memory. */
/** durable()'s answer: one promise, so callers can tell there is never a sync to wait for. */
const ON_DISK_AT_COMMIT: Promise<void> = Promise.resolve()
const INSERT_MARK = 'INSERT INTO board_marks (board_id, mark, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING'
const UPSERT_DIAGNOSIS = `INSERT INTO diagnoses (board_id, partner_id, project, strengths, constraints, expectations, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (board_id, partner_id) DO UPDATE SET project = EXCLUDED.project,
  strengths = EXCLUDED.strengths, constraints = EXCLUDED.constraints, expectations = EXCLUDED.expectations, updated_at = EXCLUDED.updated_at`
const diagnosisValues = (d: DiagnosisRecord) => [d.boardId, d.partnerId, d.project, d.strengths, d.constraints, d.expectations, d.updatedAt]
const UPSERT_LOGO = `INSERT INTO logos (board_id, key, type, width, height, data, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (board_id, key) DO UPDATE SET type = excluded.type, width = excluded.width, height = excluded.height, data = excluded.data, updated_at = excluded.updated_at`
const logoValues = (logo: LogoRecord) => [logo.boardId, logo.key, logo.type, logo.width, logo.height, bytes(logo.data), logo.updatedAt]
const fromBytea = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/** Logs a connection's error without the error object itself: pg attaches the client, password included. */
const logConnectionError = (error: Error & { code?: string }) => {
  log('error', 'PostgreSQL connection error', { code: error.code ?? null, error: error.message })
}

/**
 * One statement that bumps each board's counter (row-locking it until COMMIT), takes the range it
 * frees and inserts the rows under it, numbered in the order given.
 */
async function appendStatement(db: Pick<PoolClient, 'query'>, updates: UpdateToAppend[]): Promise<{ board_id: string; seq: string }[]> {
  const values = updates.flatMap(({ boardId, data }) => [boardId, bytes(data)])
  const rows = updates.map((_, i) => `($${i * 2 + 1}::text, $${i * 2 + 2}::bytea, ${i})`).join(', ')
  const { rows: given } = await db.query<{ board_id: string; seq: string }>(`
    WITH input (board_id, data, ord) AS (VALUES ${rows}),
    counts AS (SELECT board_id, count(*) AS n FROM input GROUP BY board_id),
    alloc AS (
      UPDATE boards AS b SET last_seq = b.last_seq + counts.n FROM counts WHERE b.id = counts.board_id
      RETURNING b.id, b.last_seq - counts.n AS base
    )
    INSERT INTO updates (board_id, seq, data)
    SELECT input.board_id, alloc.base + row_number() OVER (PARTITION BY input.board_id ORDER BY input.ord), input.data
      FROM input JOIN alloc ON alloc.id = input.board_id
    RETURNING board_id, seq`, values)
  // A board that does not exist gets no counter row, so none of its updates: refuse the batch.
  if (given.length !== updates.length) throw new Error(`appendUpdates: no board ${updates.find((u) => !given.some((g) => g.board_id === u.boardId))?.boardId}`)
  return given
}

/** Each update's seq, in the order given: a board's seqs go to its updates in order. */
function seqsInOrder(updates: UpdateToAppend[], given: { board_id: string; seq: string }[]): number[] {
  const byBoard = new Map<string, number[]>()
  for (const row of given) {
    const seqs = byBoard.get(row.board_id) ?? []
    seqs.push(Number(row.seq))
    byBoard.set(row.board_id, seqs)
  }
  for (const seqs of byBoard.values()) seqs.sort((a, b) => a - b)
  const next = new Map<string, number>()
  return updates.map(({ boardId }) => {
    const k = next.get(boardId) ?? 0
    next.set(boardId, k + 1)
    return byBoard.get(boardId)![k]!
  })
}

/** The first key of our advisory locks (the second is the board id's hash): "ATLR", apart from other applications' locks. */
const BOARD_LOCK_CLASS = 0x41544c52

export interface PostgresStoreOptions {
  /** Connections in the pool. Default 10. */
  maxConnections?: number
}

export async function openPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<BoardStore> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // A database that does not answer must fail a commit (clients resend), not hang the writer.
    // (Also the longest wait for a free connection of the pool: loads queue behind commits.)
    connectionTimeoutMillis: 10_000,
    query_timeout: 30_000,
    keepAlive: true,
    // Asked for every connection, whatever the server's default: a commit is on disk when it returns.
    options: '-c synchronous_commit=on',
    application_name: 'atelier',
  })
  let closing: Promise<void> | null = null
  // An 'error' event nobody listens to would end the process. A connection the server drops (restart,
  // failover, idle timeout) is only logged: the query that needed it rejects (the update writer then
  // closes its sockets with 1011 and /healthz says 503), and the pool opens a new one for the next.
  // pg-pool forwards an idle client's error to the pool but listens on checked-out clients not at
  // all: one listener on every client covers both (the pool's own is then left with nothing to do).
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', (error) => { if (!closing) logConnectionError(error) }))

  const localLock = new BoardLock()
  /** Board marks found set (they never change): see markedAt. */
  const marks = new Map<string, string>()
  const query = <R extends QueryResultRow>(text: string, values?: unknown[]) => pool.query<R>(text, values)

  /** Runs `work` in one transaction on one connection; a connection left in doubt is discarded. */
  const transaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.release()
      return result
    } catch (error) {
      const rolledBack = await client.query('ROLLBACK').then(() => true, () => false)
      client.release(rolledBack ? undefined : (error instanceof Error ? error : new Error(String(error))))
      throw error
    }
  }

  try {
    await transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK])
      await client.query(SCHEMA)
    })
    const { rows: [settings] } = await query<{ synchronous_commit: string; fsync: string }>(
      "SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('fsync') AS fsync")
    if (settings?.synchronous_commit === 'off') throw new Error('synchronous_commit is off for Atelier\'s connections: commits would not be durable before they are relayed')
    if (settings?.fsync === 'off') log('warn', 'PostgreSQL runs with fsync off: a power loss can lose edits that people saw')
  } catch (error) {
    closing = pool.end().catch(() => {})
    await closing
    throw error
  }

  const insertUpdate = (client: PoolClient, boardId: string, seq: number, data: Uint8Array) =>
    client.query('INSERT INTO updates (board_id, seq, data) VALUES ($1, $2, $3)', [boardId, seq, bytes(data)])

  return {
    async createBoard(board: BoardRecord, invites, initialState, contents = {}) {
      await transaction(async (client) => {
        await client.query('INSERT INTO boards (id, title, language, created_at, last_seq) VALUES ($1, $2, $3, $4, 1)',
          [board.id, board.title, board.language, board.createdAt])
        for (const invite of invites) await client.query(INSERT_INVITE, inviteValues(board.id, invite))
        await insertUpdate(client, board.id, 1, initialState)
        // Given oldest first, so insertion order (the list's tie-break) matches the original board's.
        for (const { record, state } of contents.snapshots ?? []) await client.query(INSERT_SNAPSHOT, snapshotValues({ ...record, boardId: board.id }, state))
        for (const logo of contents.logos ?? []) await client.query(UPSERT_LOGO, logoValues({ ...logo, boardId: board.id }))
        for (const d of contents.diagnoses ?? []) await client.query(UPSERT_DIAGNOSIS, diagnosisValues({ ...d, boardId: board.id }))
        for (const { mark, at } of contents.marks ?? []) await client.query(INSERT_MARK, [board.id, mark, at])
      })
    },
    async getBoard(id) {
      const { rows: [row] } = await query<{ id: string; title: string; language: string; created_at: string }>(
        'SELECT id, title, language, created_at FROM boards WHERE id = $1', [id])
      return row ? { id: row.id, title: row.title, language: row.language, createdAt: row.created_at } : null
    },
    async invitesOf(boardId) {
      const { rows } = await query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 AND revoked_at IS NULL ORDER BY ord`, [boardId])
      return rows.map(toInviteRecord)
    },
    async listInvites(boardId) {
      const { rows } = await query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 ORDER BY ord`, [boardId])
      return rows.map(toInviteRecord)
    },
    async createInvite(boardId, invite) {
      await query(INSERT_INVITE, inviteValues(boardId, invite))
    },
    async revokeInvite(boardId, inviteId, revokedAt, replacement) {
      return transaction(async (client) => {
        const revoked = await client.query('UPDATE invites SET revoked_at = $1 WHERE board_id = $2 AND id = $3 AND revoked_at IS NULL',
          [revokedAt, boardId, inviteId])
        if (revoked.rowCount === 1 && replacement) await client.query(INSERT_INVITE, inviteValues(boardId, replacement))
        const { rows: [row] } = await client.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 AND id = $2`, [boardId, inviteId])
        return row ? toInviteRecord(row) : null
      })
    },
    async findInviteByCode(codeHash) {
      const { rows: [row] } = await query<InviteRow & { board_id: string }>(
        `SELECT board_id, ${INVITE_COLUMNS} FROM invites WHERE code_hash = $1 AND revoked_at IS NULL ORDER BY ord LIMIT 1`, [codeHash])
      return row ? { boardId: row.board_id, invite: toInviteRecord(row) } : null
    },
    async loadUpdates(boardId, afterSeq = 0) {
      const { rows } = await query<{ seq: string; data: Buffer; state_vector: Buffer | null }>(
        'SELECT seq, data, state_vector FROM updates WHERE board_id = $1 AND seq > $2 ORDER BY seq', [boardId, afterSeq])
      return rows.map((row) => row.state_vector
        ? { seq: Number(row.seq), data: fromBytea(row.data), stateVector: fromBytea(row.state_vector) }
        : { seq: Number(row.seq), data: fromBytea(row.data) })
    },
    // synchronous_commit on (checked at start): a commit is on disk when it returns.
    durable: () => ON_DISK_AT_COMMIT,
    async appendUpdates(updates: UpdateToAppend[]) {
      if (updates.length === 0) return []
      const boardIds = [...new Set(updates.map((update) => update.boardId))].sort()
      // The usual batch (one board, one statement): its own transaction, one round trip.
      if (boardIds.length === 1 && updates.length <= ROWS_PER_INSERT) return seqsInOrder(updates, await appendStatement(pool, updates))
      return transaction(async (client) => {
        // Several boards: take their locks in one order first, so two processes' batches cannot deadlock.
        await client.query('SELECT id FROM boards WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [boardIds])
        const given: { board_id: string; seq: string }[] = []
        for (let start = 0; start < updates.length; start += ROWS_PER_INSERT) given.push(...await appendStatement(client, updates.slice(start, start + ROWS_PER_INSERT)))
        return seqsInOrder(updates, given)
      })
    },
    async compactUpdates(boardId, throughSeq, merged, stateVector) {
      await transaction(async (client) => {
        // The append lock: no other compaction of this board runs between the DELETE and the INSERT.
        await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [boardId])
        await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [boardId, throughSeq])
        // The merged row takes the place of the last row it replaces, so later rows stay after it.
        await client.query('INSERT INTO updates (board_id, seq, data, state_vector) VALUES ($1, $2, $3, $4)',
          [boardId, throughSeq, bytes(merged), stateVector ? bytes(stateVector) : null])
      })
    },
    async createSnapshot(snapshot, state) {
      await query(INSERT_SNAPSHOT, snapshotValues(snapshot, state))
    },
    async listSnapshots(boardId) {
      const { rows } = await query<SnapshotRow>(
        `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE board_id = $1 ORDER BY created_at DESC, ord DESC`, [boardId])
      return rows.map(toSnapshotRecord)
    },
    async getSnapshot(boardId, snapshotId) {
      const { rows: [row] } = await query<SnapshotRow & { state: Buffer }>(
        `SELECT ${SNAPSHOT_COLUMNS}, state FROM snapshots WHERE board_id = $1 AND id = $2`, [boardId, snapshotId])
      return row ? { record: toSnapshotRecord(row), state: fromBytea(row.state) } : null
    },
    async createDraft(d) {
      await query(`INSERT INTO drafts (${DRAFT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [d.boardId, d.roundId, d.id, d.personId, d.partnerId, d.authorName, d.text, d.kind, d.createdAt, d.updatedAt])
    },
    async listDrafts(boardId, roundId) {
      const { rows } = await query<DraftRow>(
        `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE board_id = $1 AND round_id = $2 ORDER BY created_at, ord`, [boardId, roundId])
      return rows.map(toDraftRecord)
    },
    async getDraft(boardId, roundId, draftId) {
      const { rows: [row] } = await query<DraftRow>(
        `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE board_id = $1 AND round_id = $2 AND id = $3`, [boardId, roundId, draftId])
      return row ? toDraftRecord(row) : null
    },
    async updateDraft(boardId, roundId, draftId, fields) {
      const result = await query('UPDATE drafts SET text = $1, kind = $2, updated_at = $3 WHERE board_id = $4 AND round_id = $5 AND id = $6',
        [fields.text, fields.kind, fields.updatedAt, boardId, roundId, draftId])
      return result.rowCount === 1
    },
    async deleteDrafts(boardId, roundId, draftIds) {
      if (draftIds.length === 0) return
      // One statement: all or nothing.
      await query('DELETE FROM drafts WHERE board_id = $1 AND round_id = $2 AND id = ANY($3::text[])', [boardId, roundId, [...draftIds]])
    },
    async putDiagnosis(d) {
      await query(UPSERT_DIAGNOSIS, diagnosisValues(d))
    },
    async getDiagnosis(boardId, partnerId) {
      const { rows: [row] } = await query<DiagnosisRow>('SELECT * FROM diagnoses WHERE board_id = $1 AND partner_id = $2', [boardId, partnerId])
      return row ? toDiagnosisRecord(row) : null
    },
    async deleteDiagnosis(boardId, partnerId) {
      const result = await query('DELETE FROM diagnoses WHERE board_id = $1 AND partner_id = $2', [boardId, partnerId])
      return (result.rowCount ?? 0) === 1
    },
    async markedAt(boardId, mark) {
      // A mark never changes once set (first time kept): asked on every room load and snapshot read,
      // it costs a round trip only until it is found. (Not found is asked again: another instance may set it.)
      const key = `${boardId}\u0000${mark}`
      const known = marks.get(key)
      if (known !== undefined) return known
      const { rows: [row] } = await query<{ created_at: string }>('SELECT created_at FROM board_marks WHERE board_id = $1 AND mark = $2', [boardId, mark])
      if (row) marks.set(key, row.created_at)
      return row?.created_at ?? null
    },
    async setMark(boardId, mark, at) {
      await query(INSERT_MARK, [boardId, mark, at])
    },
    async putLogo(logo) {
      await query(UPSERT_LOGO, logoValues(logo))
    },
    async getLogo(boardId, key): Promise<LogoRecord | null> {
      const { rows: [row] } = await query<LogoRow & { data: Buffer }>(
        'SELECT board_id, key, type, width, height, data, updated_at FROM logos WHERE board_id = $1 AND key = $2', [boardId, key])
      return row ? { ...toLogo(row), data: fromBytea(row.data) } : null
    },
    async listLogos(boardId): Promise<LogoSummary[]> {
      const { rows } = await query<LogoRow & { bytes: number }>(
        'SELECT board_id, key, type, width, height, octet_length(data)::integer AS bytes, updated_at FROM logos WHERE board_id = $1 ORDER BY key COLLATE "C"', [boardId])
      return rows.map((row) => ({ ...toLogo(row), bytes: row.bytes }))
    },
    async deleteLogo(boardId, key) {
      const result = await query('DELETE FROM logos WHERE board_id = $1 AND key = $2', [boardId, key])
      return result.rowCount === 1
    },
    withBoardLock(boardId, task) {
      // Ours first (tasks of this process queue here, holding no connection), then the database's.
      return localLock.run(boardId, async () => {
        const client = await pool.connect()
        try {
          await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [BOARD_LOCK_CLASS, boardId])
        } catch (error) {
          client.release(true)
          throw error
        }
        try {
          return await task()
        } finally {
          // A connection whose unlock fails is dropped: the database releases its locks with it.
          const unlocked = await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [BOARD_LOCK_CLASS, boardId]).then(() => true, () => false)
          client.release(!unlocked)
        }
      })
    },
    async ping() {
      await query('SELECT 1')
    },
    async close() {
      await (closing ??= pool.end())
    },
  }
}
