/**
 * The set check (set-check.ts) against two instances serving one board through Redis, on one
 * PostgreSQL database, clients spread over both: one of the two killed with SIGKILL 20 times during
 * the writes (its clients reconnect to the other while it restarts). Nothing acknowledged or seen
 * by anyone, on either instance, may be lost; nothing may come back twice.
 * FAULT_SEED, FAULT_KILLS and FAULT_BUDGET_SECONDS as in kill-set-check.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { postgresAvailable } from '../helpers/postgres.ts'
import { redisAvailable } from '../helpers/redis.ts'
import { describeResult, runSetCheck } from './set-check.ts'
import { twoInstances, type TwoInstances } from './two-instances.ts'

const SEED = Number(process.env.FAULT_SEED ?? 0x5e7c4ec)
const KILLS = Number(process.env.FAULT_KILLS ?? 20)
const BUDGET_MS = Number(process.env.FAULT_BUDGET_SECONDS ?? 75) * 1000

describe.skipIf(!(postgresAvailable() && redisAvailable()))('set check: one of two instances (PostgreSQL + Redis) killed -9 during the writes', () => {
  let target: TwoInstances | null = null
  afterAll(async () => { await target?.close() })

  it(`loses no acknowledged or seen mark through ${KILLS} kills (seed ${SEED})`, async () => {
    target = await twoInstances({ COMPACT_AFTER_UPDATES: '40' })
    const result = await runSetCheck(target, {
      seed: SEED, faults: KILLS, budgetMs: BUDGET_MS, log: process.env.FAULT_VERBOSE ? (line) => console.log(`[two instances] ${line}`) : undefined,
    })
    console.log(describeResult('kill -9 set check on two instances', result))
    if (result.slowRecoveries > 0) console.log(`  ${result.slowRecoveries} times the clients were slow to come back`)

    const failure = `seed ${SEED}: ${JSON.stringify({ acknowledgedLost: result.acknowledgedLost.slice(0, 20), seenLost: result.seenLost.slice(0, 20), duplicates: result.duplicates.slice(0, 20) })}`
    expect(result.faults.length).toBeGreaterThanOrEqual(Math.min(KILLS, 3))
    expect(result.refusals).toEqual([])
    expect(result.acknowledged, 'the writers got acknowledgements between the kills').toBeGreaterThan(result.faults.length * 10)
    expect(result.acknowledgedLost, failure).toEqual([])
    expect(result.seenLost, failure).toEqual([])
    expect(result.duplicates, failure).toEqual([])
    expect(result.unexpected, failure).toEqual([])
  }, BUDGET_MS + 180_000)
})
