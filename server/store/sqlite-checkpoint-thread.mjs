// The SQLite store's checkpointer (see sqlite-checkpoints.ts): copies what the write-ahead log holds
// into the database file, on a connection and a thread of its own, so that the copy and its fsyncs
// never stall the event loop. PASSIVE: it never waits for, nor blocks, the server's writes.
// Plain JavaScript, copied beside the server's bundle by the builds (a worker loads it by URL).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')

parentPort.on('message', ({ id, op }) => {
  try {
    let result
    if (op === 'checkpoint') result = db.pragma('wal_checkpoint(PASSIVE)')[0]
    else if (op === 'close') db.close()
    else throw new Error(`unknown operation ${op}`)
    parentPort.postMessage({ id, result })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } })
  }
  if (op === 'close') parentPort.close()
})
