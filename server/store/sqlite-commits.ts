/**
 * The SQLite store's update-log writes (appends and compactions), run on a thread of their own
 * (sqlite-commit-thread.mjs) with its own connection to the file. better-sqlite3 is synchronous:
 * on the main thread every commit's fsync stalled every board's sockets for its whole length; here
 * the event loop relays and reads while the disk works, and the UpdateWriter's next batch gathers
 * meanwhile (group commit). A commit resolves only once SQLite returned from it (synchronous=FULL).
 */
import { Worker } from 'node:worker_threads'
import type { UpdateToAppend } from './board-store.ts'

type Operation =
  | { op: 'append'; args: { updates: UpdateToAppend[] } }
  | { op: 'compact'; args: { boardId: string; throughSeq: number; merged: Uint8Array } }
  | { op: 'close'; args: Record<string, never> }

interface Waiting {
  worker: Worker
  resolve(result: unknown): void
  reject(error: unknown): void
}

export class SqliteCommits {
  private worker: Worker | null = null
  private nextId = 1
  private readonly waiting = new Map<number, Waiting>()
  private closed = false

  constructor(private readonly file: string) {
    // Started now, not at the first edit (a thread takes tens of ms to start).
    this.worker = this.start()
  }

  /** Resolves to each update's seq once the transaction is on disk. */
  append(updates: UpdateToAppend[]): Promise<number[]> {
    // A received frame is often a view into a larger socket buffer, which posting would copy whole.
    const compact = updates.map(({ boardId, data }) => ({ boardId, data: data.byteLength === data.buffer.byteLength ? data : data.slice() }))
    return this.call({ op: 'append', args: { updates: compact } }) as Promise<number[]>
  }

  compact(boardId: string, throughSeq: number, merged: Uint8Array): Promise<void> {
    return this.call({ op: 'compact', args: { boardId, throughSeq, merged } }) as Promise<void>
  }

  /** After what was asked before it; the thread closes its connection and ends. */
  async close(): Promise<void> {
    if (this.closed) return
    const worker = this.worker
    await (worker ? this.call({ op: 'close', args: {} }).catch(() => {}) : undefined)
    this.closed = true
    await worker?.terminate()
  }

  private call(operation: Operation): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the store is closed'))
    // A thread that died (a bug, not a full disk: SQLite errors come back as replies) is started again.
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject })
      worker.postMessage({ id, ...operation })
    })
  }

  private start(): Worker {
    const worker = new Worker(new URL('./sqlite-commit-thread.mjs', import.meta.url), { workerData: { file: this.file } })
    // The server's own handles keep the process alive; an idle commit thread must not.
    worker.unref()
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
      const waiting = this.waiting.get(id)
      this.waiting.delete(id)
      if (error) waiting?.reject(Object.assign(new Error(error.message), { code: error.code }))
      else waiting?.resolve(result)
    })
    const stopped = (error: unknown) => {
      if (this.worker === worker) this.worker = null
      // What this thread had not answered may not be on disk: its callers are told it failed.
      for (const [id, waiting] of this.waiting) {
        if (waiting.worker !== worker) continue
        this.waiting.delete(id)
        waiting.reject(error)
      }
    }
    worker.on('error', stopped)
    worker.on('exit', (code) => stopped(new Error(`the SQLite commit thread stopped (exit code ${code})`)))
    return worker
  }
}
