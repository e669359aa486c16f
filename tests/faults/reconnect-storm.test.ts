/**
 * 300 clients of one board (the web client's reconnect policy, 30 with presence) reconnect after a
 * server restart: they must come back spread out over time (backoff with jitter), not all in the
 * same instant, and all converge to one state, marks added right after the restart (by clients
 * still offline) and once back included. The per-board cap and the per-address attempt limit are
 * raised for the test (every client comes from 127.0.0.1). Prints the reconnection histogram
 * (500 ms buckets). About 20–40 s here; STORM_CLIENTS sets the number of clients (300).
 */
import { describe, expect, it } from 'vitest'
import { describeStorm, reconnectStorm } from './reconnect-storm.ts'

const CLIENTS = Number(process.env.STORM_CLIENTS ?? 300)

describe('a reconnection storm after a restart', () => {
  it(`spreads ${CLIENTS} clients' reconnections and converges them all`, async () => {
    const started = performance.now()
    const result = await reconnectStorm({ clients: CLIENTS, timeoutMs: 40_000 })
    console.log(`${describeStorm(result)}\n(${((performance.now() - started) / 1000).toFixed(1)} s in all)`)
    expect(result.converged).toBe(true)
    // Spread out by the jitter: back over more than half a second, and never more than 40 % of the
    // clients' sockets reaching the new server within 100 ms (without jitter every client follows
    // the same backoff and they all come in the same instant).
    expect(result.lastMs - result.firstMs).toBeGreaterThan(500)
    expect(result.attemptPeak100ms).toBeLessThanOrEqual(CLIENTS * 0.4)
  }, 120_000)
})
