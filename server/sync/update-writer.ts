/**
 * Commits document updates before anyone sees them, by group commit: every update of every room
 * enqueued while a commit is in flight (or during the event-loop turn that starts one) goes to the
 * store in the next ONE transaction, then each caller's promise resolves, in enqueue order. Commits
 * never overlap, so the order in the log is the order of arrival. A commit is what a relay waits
 * for (kept if the process dies); `durable()` is what an acknowledgement waits for (on disk: kept if
 * the machine loses power). SQLite commits in tens of microseconds on the event loop and syncs its
 * log once for many commits off it; PostgreSQL's commit is durable and its driver asynchronous, so
 * a batch gathers while the database works on the previous one.
 */
import type { BoardStore, UpdateToAppend } from '../store/board-store.ts'
import { isEmptyUpdate } from './decoded-update.ts'

/** An update with nothing in it: no structs, no deletions. */
const EMPTY_UPDATE = new Uint8Array([0, 0])

interface Pending extends UpdateToAppend {
  resolve: (seq: number) => void
  reject: (error: unknown) => void
}


/** Told of every commit (for /metrics): how many updates it wrote and how long it took, or that it failed. */
export interface CommitObserver {
  committed(updates: number, ms: number): void
  /** A sync to disk that acknowledgements waited for (one per sync, however many waited), and how long. */
  synced(ms: number): void
  failed(): void
}

export class UpdateWriter {
  private queue: Pending[] = []
  private scheduled = false
  /** The commit in flight, if any: the next batch waits for it, gathering everything that arrives meanwhile. */
  private committing: Promise<void> | null = null
  /** Sizes of the last batches, for the bench and metrics. */
  readonly stats = { batches: 0, updates: 0, commitMs: [] as number[] }
  private lastCommitFailed = false

  /**
   * False from a failed commit (disk full, file not writable) until a commit succeeds: /healthz
   * answers 503 meanwhile. Clients whose change could not be saved are closed with 1011 and resend
   * it on reconnect, so the first commit after the store recovers turns this back. False for good
   * after a failed sync to disk (see WalSync): only a restart can be trusted then.
   */
  get writable(): boolean {
    return !this.lastCommitFailed && !this.syncFailed
  }

  /** A sync to disk failed: nothing is acknowledged any more until the server restarts. */
  private syncFailed = false

  constructor(private readonly store: BoardStore, private readonly observer?: CommitObserver) {}

  /** Resolves with the update's seq (or -1 for an empty update, not written) once it is durable. */
  append(boardId: string, data: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ boardId, data, resolve, reject })
      if (!this.scheduled && !this.committing) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /**
   * Resolves once every update committed so far is on disk (the store's `durable()`: at commit for
   * PostgreSQL, a shared fsync for SQLite). Relays go out at commit, acknowledgements after this.
   */
  durable(): Promise<void> {
    const sync = this.store.durable()
    if (!this.syncsSeen.has(sync)) {
      // Many callers share one sync: it is timed, or its failure counted, once.
      this.syncsSeen.add(sync)
      const started = performance.now()
      sync.then(() => this.observer?.synced(performance.now() - started), () => {
        // Until restart (see WalSync): /healthz says 503 from now on.
        this.syncFailed = true
        this.observer?.failed()
      })
    }
    return sync
  }

  private readonly syncsSeen = new WeakSet<Promise<void>>()

  /**
   * Resolves once everything enqueued so far is committed (or failed), whatever arrives after: an
   * empty marker queued behind it (never written) resolves with its batch. Waiting for the writer to
   * be idle instead could wait forever while other boards keep it busy (group commit).
   */
  async drain(): Promise<void> {
    if (this.idle) return
    await this.append('', EMPTY_UPDATE).catch(() => {})
  }

  /** Nothing queued, nothing committing. */
  get idle(): boolean {
    return this.queue.length === 0 && !this.scheduled && !this.committing
  }

  private flush(): void {
    this.scheduled = false
    if (this.committing) return
    const batch = this.queue
    this.queue = []
    if (batch.length === 0) return
    this.committing = this.commit(batch).finally(() => {
      this.committing = null
      // What arrived during this commit is the next batch, at once.
      this.flush()
    })
  }

  private async commit(batch: Pending[]): Promise<void> {
    const toWrite = batch.filter((p) => !isEmptyUpdate(p.data))
    const started = performance.now()
    let seqs: number[]
    try {
      seqs = toWrite.length > 0
        ? await this.store.appendUpdates(toWrite.map(({ boardId, data }) => ({ boardId, data })))
        : []
    } catch (error) {
      this.lastCommitFailed = true
      this.observer?.failed()
      for (const p of batch) p.reject(error)
      return
    }
    if (toWrite.length > 0) this.lastCommitFailed = false
    this.recordBatch(toWrite.length, performance.now() - started)
    const seqOf = new Map(toWrite.map((p, i) => [p, seqs[i]!]))
    for (const p of batch) p.resolve(seqOf.get(p) ?? -1)
  }

  private recordBatch(size: number, ms: number): void {
    if (size === 0) return
    this.observer?.committed(size, ms)
    this.stats.batches++
    this.stats.updates += size
    this.stats.commitMs.push(ms)
    if (this.stats.commitMs.length > 10_000) this.stats.commitMs.splice(0, 5_000)
  }
}
