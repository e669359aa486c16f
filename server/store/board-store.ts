/**
 * Everything Atelier keeps on disk goes through this interface, so SQLite (the embedded default,
 * sqlite-store.ts) and PostgreSQL (DATABASE_URL, postgres-store.ts) implement the same contract,
 * checked by one suite (board-store.contract.ts). open-store.ts picks one.
 */
import type { Role } from '../../shared/auth/roles.ts'

export interface BoardRecord {
  id: string
  title: string
  language: string
  /** ISO 8601 */
  createdAt: string
}

export interface InviteRecord {
  id: string
  role: Role
  /** The partner a participant link is bound to, or null for a generic link. */
  partnerId: string | null
  /** What the facilitator called it ("Phones in the room"); '' when unnamed. */
  label: string
  /** sha256 of the token; the token itself is never stored. */
  tokenHash: string
  /** sha256 of the normalised join code (shared/auth/join-code.ts), or null (links made before codes existed). */
  codeHash: string | null
  /** ISO 8601 */
  createdAt: string
  /** ISO 8601, or null while the link works. */
  revokedAt: string | null
}

/** One row of a board's update log: a Yjs update, in commit order. */
export interface StoredUpdate {
  seq: number
  data: Uint8Array
  /**
   * The Yjs state vector of `data`, kept with a merged row by its compaction: a room loaded from
   * that one row answers new clients without decoding it. Absent on other rows.
   */
  stateVector?: Uint8Array
}

export interface UpdateToAppend {
  boardId: string
  data: Uint8Array
}

export type SnapshotKind = 'iteration' | 'named' | 'restore-point'

export interface SnapshotRecord {
  id: string
  boardId: string
  label: string
  kind: SnapshotKind
  /** Iteration number (1, 2, …) for iterations, else null. */
  number: number | null
  /** The session an iteration closes, else null. */
  sessionId: string | null
  /** ISO 8601 */
  createdAt: string
}

/** A draft of a private-writing round: kept here, outside the board document, until revealed. */
export interface DraftRecord {
  boardId: string
  roundId: string
  id: string
  /** Derived by the server from the writer's person key (shared/auth/person.ts). */
  personId: string
  partnerId: string
  authorName: string
  text: string
  kind: 'interest' | 'brings'
  /** ISO 8601 */
  createdAt: string
  updatedAt: string
}

/**
 * A partner's strategic diagnosis while it is not shared: kept here, outside the board document,
 * until the partner shares it (server/method/diagnosis-service.ts).
 */
export interface DiagnosisRecord {
  boardId: string
  partnerId: string
  project: string
  strengths: string
  constraints: string
  expectations: string
  /** ISO 8601 */
  updatedAt: string
}

/** A logo for the compte rendu's header (shared/api/logos.ts): kept beside the board, never in its document. */
export interface LogoRecord {
  boardId: string
  /** 'network' or 'partner/<partnerId>' (logoKey). */
  key: string
  /** 'image/png' or 'image/jpeg', as read from the bytes (server/logos/logo-image.ts). */
  type: string
  width: number
  height: number
  data: Uint8Array
  /** ISO 8601 */
  updatedAt: string
}

/** A logo without its bytes, and how many there are. */
export type LogoSummary = Omit<LogoRecord, 'data'> & { bytes: number }

/** What a board is created with besides its document (an import brings the first three), in the same transaction. */
export interface BoardContents {
  /** Oldest first. */
  snapshots?: { record: SnapshotRecord; state: Uint8Array }[]
  /** Their boardId is the new board's. */
  logos?: LogoRecord[]
  diagnoses?: DiagnosisRecord[]
  /** One-time steps it needs not (see markedAt), and as of when. */
  marks?: { mark: string; at: string }[]
}

export interface BoardStore {
  /**
   * Creates the board, its invites, its first document state and what else it comes with (an
   * imported board's snapshots, logos, diagnoses), in one transaction: one that fails leaves nothing.
   */
  createBoard(board: BoardRecord, invites: InviteRecord[], initialState: Uint8Array, contents?: BoardContents): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  /** The active (not revoked) invites of a board. */
  invitesOf(boardId: string): Promise<InviteRecord[]>
  /** Every invite of a board, revoked ones included, oldest first. */
  listInvites(boardId: string): Promise<InviteRecord[]>
  createInvite(boardId: string, invite: InviteRecord): Promise<void>
  /**
   * Marks an active invite revoked at `revokedAt` and, in the same transaction, creates `replacement`
   * if given (regenerating a link). Resolves to the invite as it now is, or null if the board has no
   * invite with that id. An invite already revoked stays as it was (and no replacement is created).
   */
  revokeInvite(boardId: string, inviteId: string, revokedAt: string, replacement?: InviteRecord): Promise<InviteRecord | null>
  /** The active invite whose join code has this hash, on any board. */
  findInviteByCode(codeHash: string): Promise<{ boardId: string; invite: InviteRecord } | null>
  /**
   * The update log of a board, oldest first; with `afterSeq`, only the rows after it (an instance
   * catching up on what others committed: a merged row stands for every seq up to its own).
   */
  loadUpdates(boardId: string, afterSeq?: number): Promise<StoredUpdate[]>
  /**
   * Appends updates of any boards in ONE transaction. Resolves once it is committed: every reader
   * sees it and it survives this process dying; `durable()` tells when it also survives the machine
   * losing power. Resolves to the seq given to each update, in order. Seqs of a board increase in
   * commit order and are never given twice, even with several processes writing to one database.
   */
  appendUpdates(updates: UpdateToAppend[]): Promise<number[]>
  /**
   * Resolves once every update appended before the call is on disk (fsync), rejects if that failed.
   * Every other write of this interface resolves only once on disk. PostgreSQL (synchronous_commit
   * on) is there at commit; SQLite syncs its log off the event loop, once for many commits.
   */
  durable(): Promise<void>
  /**
   * Replaces the rows of a board up to `throughSeq` by one merged update (stored under `throughSeq`),
   * atomically. Rows appended after `throughSeq` (a concurrent write, from this process or another)
   * are kept. `merged` must hold every row up to `throughSeq`: the caller's document must have them.
   * `stateVector`, that of `merged`, is kept with it (see StoredUpdate).
   */
  compactUpdates(boardId: string, throughSeq: number, merged: Uint8Array, stateVector?: Uint8Array): Promise<void>
  /** Keeps a snapshot: the encoded Yjs state of the board at that moment. */
  createSnapshot(snapshot: SnapshotRecord, state: Uint8Array): Promise<void>
  /** Newest first. */
  listSnapshots(boardId: string): Promise<SnapshotRecord[]>
  getSnapshot(boardId: string, snapshotId: string): Promise<{ record: SnapshotRecord; state: Uint8Array } | null>
  /** Keeps a new draft. */
  createDraft(draft: DraftRecord): Promise<void>
  /** The drafts of a round, oldest first. */
  listDrafts(boardId: string, roundId: string): Promise<DraftRecord[]>
  getDraft(boardId: string, roundId: string, draftId: string): Promise<DraftRecord | null>
  /** Rewrites a draft's text and kind; false when there is no such draft. */
  updateDraft(boardId: string, roundId: string, draftId: string, fields: Pick<DraftRecord, 'text' | 'kind' | 'updatedAt'>): Promise<boolean>
  /** Deletes drafts (revealed, or withdrawn by their author), in one transaction. */
  deleteDrafts(boardId: string, roundId: string, draftIds: readonly string[]): Promise<void>
  /** Keeps a partner's unshared diagnosis, replacing the one kept for that partner. */
  putDiagnosis(diagnosis: DiagnosisRecord): Promise<void>
  getDiagnosis(boardId: string, partnerId: string): Promise<DiagnosisRecord | null>
  /** False when there was none. */
  deleteDiagnosis(boardId: string, partnerId: string): Promise<boolean>
  /** When a one-time step (e.g. a migration of the board document) was done for this board (ISO 8601), or null. */
  markedAt(boardId: string, mark: string): Promise<string | null>
  /** Records that it was done at `at`; marking again keeps the first time. */
  setMark(boardId: string, mark: string, at: string): Promise<void>
  /** Keeps a logo, replacing the board's logo under the same key. */
  putLogo(logo: LogoRecord): Promise<void>
  getLogo(boardId: string, key: string): Promise<LogoRecord | null>
  /** A board's logos, without their bytes, by key. */
  listLogos(boardId: string): Promise<LogoSummary[]>
  /** False when there was none. */
  deleteLogo(boardId: string, key: string): Promise<boolean>
  /**
   * Runs `task` while no other task holding this board's lock runs: in this process, and with
   * PostgreSQL in every process sharing the database (an advisory lock), so that numbering an
   * iteration, restoring or revealing a round stays one at a time with several instances. SQLite is
   * served by one process: its lock is this process's.
   */
  withBoardLock<T>(boardId: string, task: () => Promise<T>): Promise<T>
  /**
   * Resolves once the store answered a trivial query (PostgreSQL: a round trip on a pooled
   * connection; SQLite: a read of its file), rejects if it cannot: /healthz asks it while no
   * commit has told (an idle server whose database went away).
   */
  ping(): Promise<void>
  close(): Promise<void>
}
