/**
 * The store alone: latency of one `appendUpdates` (one transaction) until it is committed (what a
 * relay waits for) and until `durable()` says it is on disk (what an acknowledgement waits for), on
 * SQLite and on PostgreSQL, for one update and for a batch of 20, one commit at a time (as the
 * update writer calls it), and with two writers on one board at once (two instances).
 *
 *   npx tsx tests/bench/store-append.bench.ts            # starts a throwaway PostgreSQL cluster
 *   ATELIER_TEST_DATABASE_URL=postgresql://… npx tsx tests/bench/store-append.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { randomBytes } from 'node:crypto'
import type { BoardStore } from '../../server/store/board-store.ts'
import { openPostgresStore } from '../../server/store/postgres-store.ts'
import { openSqliteStore } from '../../server/store/sqlite-store.ts'
import setupPostgres from '../helpers/postgres-global-setup.ts'
import { createTestDatabase, postgresAvailable } from '../helpers/postgres.ts'

const RUNS = Number(process.env.RUNS ?? 300)
const UPDATE_BYTES = 60 // a few typed characters, as y-websocket sends them

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const row = (name: string, values: number[]) =>
  `${name.padEnd(58)} ${String(values.length).padStart(5)} ${percentile(values, 50).toFixed(2).padStart(8)} ${percentile(values, 99).toFixed(2).padStart(8)} ${Math.max(...values).toFixed(2).padStart(8)}`

async function measure(name: string, open: () => Promise<BoardStore>): Promise<void> {
  const store = await open()
  const other = await open()
  const boardId = `bench${randomBytes(4).toString('hex')}`
  await store.createBoard({ id: boardId, title: 'Bench', language: 'fr', createdAt: new Date().toISOString() }, [], new Uint8Array([0, 0]))
  /** [committed, on disk] in ms. */
  const append = async (instance: BoardStore, size: number): Promise<[number, number]> => {
    const started = performance.now()
    await instance.appendUpdates(Array.from({ length: size }, () => ({ boardId, data: randomBytes(UPDATE_BYTES) })))
    const committed = performance.now() - started
    await instance.durable()
    return [committed, performance.now() - started]
  }
  const sequential = async (instance: BoardStore, size: number) => {
    const times: [number, number][] = []
    for (let i = 0; i < RUNS; i++) times.push(await append(instance, size))
    return times
  }
  const print = (label: string, times: [number, number][]) => {
    console.log(row(`${label}, committed`, times.map(([committed]) => committed)))
    console.log(row(`${label}, on disk`, times.map(([, durable]) => durable)))
  }
  for (let i = 0; i < 20; i++) await append(store, 1) // warm-up
  print(`${name}: 1 update`, await sequential(store, 1))
  print(`${name}: batch of 20`, await sequential(store, 20))
  const [a, b] = await Promise.all([sequential(store, 1), sequential(other, 1)])
  print(`${name}: 1 update, 2 writers on one board`, [...a, ...b])
  await store.close()
  await other.close()
}

async function main(): Promise<void> {
  console.log(`appendUpdates latency in ms (committed; then on disk, durable()), ${RUNS} commits each, one at a time per writer`)
  console.log(`${'store / case'.padEnd(58)} ${'n'.padStart(5)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-store-bench-'))
  try {
    await measure('SQLite', async () => openSqliteStore(dataDir))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  if (!postgresAvailable()) return
  const teardown = setupPostgres()
  try {
    const database = await createTestDatabase()
    await measure('PostgreSQL', () => openPostgresStore(database.url))
  } finally {
    await teardown()
  }
}

await main()
