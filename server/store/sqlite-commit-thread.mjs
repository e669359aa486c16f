// The SQLite store's commit thread (see sqlite-commits.ts): appends and compactions of the update
// log run here, on a connection of their own, so that a commit's fsync (milliseconds on a real disk)
// never stalls the server's event loop. synchronous=FULL: a commit is on disk before its reply is
// posted, and nothing is relayed or acknowledged before that reply.
// Plain JavaScript, copied beside the server's bundle by the builds (a worker loads it by URL).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')

const selectLastSeq = db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE board_id = ?')
const insertUpdate = db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)')
const deleteUpdatesThrough = db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?')

// IMMEDIATE: the write lock is taken before MAX(seq) is read, so no other connection (the main
// thread's, or another process's on the same file) can be given the same seq, nor compact in between.
const append = db.transaction((updates) => {
  const next = new Map()
  return updates.map(({ boardId, data }) => {
    const seq = (next.get(boardId) ?? selectLastSeq.get(boardId)?.seq ?? 0) + 1
    next.set(boardId, seq)
    insertUpdate.run(boardId, seq, data)
    return seq
  })
})

const compact = db.transaction((boardId, throughSeq, merged) => {
  deleteUpdatesThrough.run(boardId, throughSeq)
  // The merged row takes the place of the last row it replaces, so later rows stay after it.
  insertUpdate.run(boardId, throughSeq, merged)
})

parentPort.on('message', ({ id, op, args }) => {
  try {
    let result
    if (op === 'append') result = append.immediate(args.updates)
    else if (op === 'compact') compact.immediate(args.boardId, args.throughSeq, args.merged)
    else if (op === 'close') db.close()
    else throw new Error(`unknown operation ${op}`)
    parentPort.postMessage({ id, result })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } })
  }
  if (op === 'close') parentPort.close()
})
