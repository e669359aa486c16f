/**
 * A second process writing to the store (for the two-writer contract test): opens the store the
 * server would (DATA_DIR or DATABASE_URL), appends COUNT updates "<TAG>:<i>" to BOARD_ID one commit
 * at a time (2 ms apart), compacts through its own last seq every COMPACT_EVERY appends (0: never), and prints
 * {"seqs": [...], "compactions": [...]} on stdout (after "ready" once its store is open).
 */
import { readConfig } from '../../server/config.ts'
import { openStore } from '../../server/store/open-store.ts'

const boardId = process.env.BOARD_ID!
const count = Number(process.env.COUNT)
const compactEvery = Number(process.env.COMPACT_EVERY ?? 0)
const tag = process.env.TAG ?? 'child'
const store = await openStore(readConfig())
process.stdout.write('ready\n')
const seqs: number[] = []
const compactions: number[] = []
const encoder = new TextEncoder()
for (let i = 0; i < count; i++) {
  const [seq] = await store.appendUpdates([{ boardId, data: encoder.encode(`${tag}:${i}`) }])
  seqs.push(seq!)
  if (compactEvery > 0 && (i + 1) % compactEvery === 0) {
    await store.compactUpdates(boardId, seq!, encoder.encode(`${tag}-merged:${seq}`))
    compactions.push(seq!)
  }
  // Commits come one event-loop turn apart in the server, not back to back: leave the other
  // process a gap (SQLite's busy handler is not fair: a writer that never pauses starves it).
  await new Promise((resolve) => setTimeout(resolve, 2))
}
await store.close()
process.stdout.write(JSON.stringify({ seqs, compactions }) + '\n')
