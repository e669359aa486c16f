/**
 * Keeps the SQLite write-ahead log short without stalling the event loop. The server's connection
 * has wal_autocheckpoint off: SQLite would otherwise copy the log into the database file, fsyncs
 * included, inside whichever commit crossed 1,000 pages, on the event loop. Here a thread of its
 * own (sqlite-checkpoint-thread.mjs) does it with its own connection, asked after every so many
 * writes, one checkpoint at a time. The log is reused from its start once a checkpoint got all of
 * it into the database file.
 */
import { Worker } from 'node:worker_threads'
import { log } from '../log.ts'

/** Write transactions between two checkpoints (a small one writes 1–3 pages; SQLite's own default is 1,000 pages). */
const WRITES_PER_CHECKPOINT = 400
/** Or this many bytes of data written, whichever comes first. */
const BYTES_PER_CHECKPOINT = 4 * 1024 * 1024

export class SqliteCheckpoints {
  private worker: Worker | null = null
  private writes = 0
  private bytes = 0
  private running: Promise<void> | null = null
  private closed = false
  private nextId = 1

  constructor(private readonly file: string) {}

  /** Called after each write transaction with roughly how many bytes it wrote. */
  noteWrite(bytes: number): void {
    this.writes++
    this.bytes += bytes
    if (this.writes >= WRITES_PER_CHECKPOINT || this.bytes >= BYTES_PER_CHECKPOINT) this.checkpoint()
  }

  /** Asks for a checkpoint now unless one is running (the writes since it will ask again). */
  checkpoint(): void {
    if (this.running || this.closed) return
    this.writes = 0
    this.bytes = 0
    this.running = this.call('checkpoint')
      .then(() => {}, (error) => log('warn', 'a checkpoint of the SQLite log failed; the next one will retry', { error: String(error) }))
      .finally(() => { this.running = null })
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.running
    const worker = this.worker
    if (!worker) return
    await this.call('close', true).catch(() => {})
    await worker.terminate()
  }

  private call(op: 'checkpoint' | 'close', evenClosed = false): Promise<unknown> {
    if (this.closed && !evenClosed) return Promise.reject(new Error('the store is closed'))
    // Started at the first checkpoint, not with the store (a thread costs memory and start-up time);
    // started again if it died.
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const onMessage = (reply: { id: number; result?: unknown; error?: { message: string } }) => {
        if (reply.id !== id) return
        worker.off('message', onMessage)
        worker.off('exit', onExit)
        if (reply.error) reject(new Error(reply.error.message))
        else resolve(reply.result)
      }
      const onExit = (code: number) => {
        worker.off('message', onMessage)
        reject(new Error(`the SQLite checkpoint thread stopped (exit code ${code})`))
      }
      worker.on('message', onMessage)
      worker.once('exit', onExit)
      worker.postMessage({ id, op })
    })
  }

  private start(): Worker {
    const worker = new Worker(new URL('./sqlite-checkpoint-thread.mjs', import.meta.url), { workerData: { file: this.file } })
    // The server's own handles keep the process alive; an idle checkpointer must not.
    worker.unref()
    worker.on('error', (error) => log('warn', 'the SQLite checkpoint thread failed', { error: String(error) }))
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null
    })
    return worker
  }
}
