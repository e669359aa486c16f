/**
 * Makes what SQLite wrote to its write-ahead log durable, off the event loop.
 *
 * The SQLite store commits with synchronous=NORMAL: a transaction is committed (atomic, seen by
 * every reader, and kept if the process dies: its pages are in the kernel's cache) as soon as its
 * frames are written to the -wal file, without an fsync. That is what lets a commit take tens of
 * microseconds on the event loop. What synchronous=FULL would add (an fsync of the WAL after every
 * commit, so it also survives the machine losing power) is done here instead: one fdatasync on
 * libuv's thread pool, shared by every commit made before it started (group sync).
 *
 * fsync works on the file, not on the descriptor: our own read-only descriptor of the -wal file
 * flushes the frames SQLite's connection wrote. SQLite keeps that file (it reuses it from its start
 * after a checkpoint, never replaces it) until its last connection closes, which is ours, at close.
 */
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs'
import { dirname } from 'node:path'

/** What sync() answers when everything written is on disk already: one promise, so callers can tell a sync from none. */
const ALREADY_SYNCED: Promise<void> = Promise.resolve()

export class WalSync {
  private fd: number | null = null
  private fdIsWal = false
  /** Bumped by every committed write transaction. */
  private written = 0
  /** The write count the last successful fdatasync covered. */
  private synced = 0
  /** The fdatasync running, and the write count it covers. */
  private running: { covers: number; done: Promise<void> } | null = null
  /** The one after it, for writes made while it runs. */
  private queued: Promise<void> | null = null
  private closed = false
  /**
   * The first fdatasync that failed. After one, the kernel may have dropped the pages it could not
   * write, so a later sync that succeeds proves nothing: every sync is refused until the server
   * restarts (SQLite then reads the log as the disk has it, and clients resend what they were not
   * told is saved).
   */
  private failure: Error | null = null

  constructor(private readonly walFile: string, private readonly dataFile: string) {}

  /** Called after each committed write transaction. */
  noteWrite(): void {
    this.written++
  }

  /** Resolves once every write noted before the call is on disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'))
    if (this.failure) return Promise.reject(this.failure)
    const target = this.written
    if (target <= this.synced) return ALREADY_SYNCED
    if (this.running && this.running.covers >= target) return this.running.done
    if (!this.running) return this.start()
    // The running sync may have started before these writes: the next one covers them, for all.
    return (this.queued ??= this.running.done.catch(() => {}).then(() => {
      this.queued = null
      return this.start()
    }))
  }

  /** Waits for the syncs asked for, then lets the descriptor go. */
  async close(): Promise<void> {
    await (this.queued ?? this.running?.done)?.catch(() => {})
    this.closed = true
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }

  private start(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    const covers = this.written
    const done = new Promise<void>((resolve, reject) => {
      let fd: number
      try {
        fd = this.descriptor()
      } catch (error) {
        reject(error)
        return
      }
      fdatasync(fd, (error) => {
        if (error) {
          this.failure ??= Object.assign(new Error(`the SQLite log could not be synced to disk (${error.message}): nothing more is acknowledged until the server restarts`), { code: error.code })
          return reject(this.failure)
        }
        this.synced = Math.max(this.synced, covers)
        resolve()
      })
    }).finally(() => {
      if (this.running?.done === done) this.running = null
    })
    this.running = { covers, done }
    return done
  }

  private descriptor(): number {
    if (this.fd !== null && this.fdIsWal) return this.fd
    try {
      return this.open(this.walFile, true)
    } catch (error) {
      // No -wal file: nothing was written through the log since it was checkpointed away (a
      // closed database); the data file holds everything. Looked for again next time.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return this.open(this.dataFile, false)
    }
  }

  private open(file: string, isWal: boolean): number {
    const fd = openSync(file, 'r')
    // Once: the folder's entry for a -wal file SQLite may just have created is on disk too (SQLite
    // does the same at its first sync of a new log).
    if (isWal) syncFolderOf(file)
    if (this.fd !== null) closeSync(this.fd)
    this.fd = fd
    this.fdIsWal = isWal
    return fd
  }
}

function syncFolderOf(file: string): void {
  const folder = openSync(dirname(file), 'r')
  try {
    fsyncSync(folder)
  } finally {
    closeSync(folder)
  }
}
