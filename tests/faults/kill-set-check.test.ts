/**
 * The set check (set-check.ts) against one server killed with SIGKILL 20 times during the writes
 * and restarted on the same data each time, on SQLite and on PostgreSQL: no acknowledged mark and
 * no mark an observer saw may be lost, none may come back twice. On SQLite the file must also pass
 * `PRAGMA integrity_check` at the end.
 *
 * FAULT_SEED replays a run (the kill moments and write intervals; timing does the rest),
 * FAULT_KILLS sets the number of kills (20), FAULT_BUDGET_SECONDS the time after which no new kill
 * starts (75 per store: a restart takes ~1 s on an idle 2-core machine, 10–30 s on one loaded
 * fifteen times over; the figures printed say how many kills there were). About 45–60 s per store
 * when the machine is not overloaded.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { storesUnderTest } from '../helpers/postgres.ts'
import { describeResult, runSetCheck } from './set-check.ts'
import { singleInstance, type SingleInstance } from './single-instance.ts'

const SEED = Number(process.env.FAULT_SEED ?? 0x5e7c4ec)
const KILLS = Number(process.env.FAULT_KILLS ?? 20)
const BUDGET_MS = Number(process.env.FAULT_BUDGET_SECONDS ?? 75) * 1000

describe.each(storesUnderTest())('set check: %s server killed -9 during the writes', (store) => {
  let target: SingleInstance | null = null
  afterAll(async () => { await target?.close() })

  it(`loses no acknowledged or seen mark through ${KILLS} kills (seed ${SEED})`, async () => {
    // Compaction every 40 rows: kills also land during merges of the log.
    target = await singleInstance(store, { COMPACT_AFTER_UPDATES: '40' })
    const result = await runSetCheck(target, {
      seed: SEED, faults: KILLS, budgetMs: BUDGET_MS, log: process.env.FAULT_VERBOSE ? (line) => console.log(`[${store}] ${line}`) : undefined,
    })
    console.log(describeResult(`kill -9 set check on ${store}`, result))
    if (result.slowRecoveries > 0) console.log(`  ${result.slowRecoveries} times no acknowledgement came within 10 s of a kill (or not every client was back at the end within 20 s)`)

    const failure = `seed ${SEED}: ${JSON.stringify({ acknowledgedLost: result.acknowledgedLost.slice(0, 20), seenLost: result.seenLost.slice(0, 20), duplicates: result.duplicates.slice(0, 20) })}`
    expect(result.faults.length).toBeGreaterThanOrEqual(Math.min(KILLS, 3))
    expect(result.refusals).toEqual([])
    expect(result.acknowledged, 'the writers got acknowledgements between the kills').toBeGreaterThan(result.faults.length * 10)
    expect(result.acknowledgedLost, failure).toEqual([])
    expect(result.seenLost, failure).toEqual([])
    expect(result.duplicates, failure).toEqual([])
    expect(result.unexpected, failure).toEqual([])

    if (store === 'sqlite') {
      await target.close()
      const db = new Database(join(target.server.dataDir, SQLITE_FILE_NAME))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      } finally {
        db.close()
      }
    }
  }, BUDGET_MS + 150_000)
})
