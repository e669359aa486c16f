/**
 * `GET /api/_bench/stats`, mounted only when BENCH_STATS=1: the update writer's commit statistics,
 * for `npm run bench` (tests/bench/sync-latency.bench.ts), which runs the server as a child process.
 */
import { Hono } from 'hono'
import type { UpdateWriter } from '../sync/update-writer.ts'

export interface BenchStatsResponse {
  /** Transactions committed since start (batches of non-empty updates). */
  batches: number
  /** Updates written in them. */
  updates: number
  /** Time of one batch's commit, in ms, over the batches the writer keeps (its last few thousand). 0 before any. */
  commitMs: { p50: number; p99: number; max: number; mean: number }
}

export function benchStatsRoutes(writer: Pick<UpdateWriter, 'stats'>): Hono {
  const stats = new Hono()
  stats.get('/', (c) => {
    const { batches, updates, commitMs } = writer.stats
    return c.json({ batches, updates, commitMs: summarize(commitMs) } satisfies BenchStatsResponse)
  })
  return stats
}

function summarize(samples: readonly number[]): BenchStatsResponse['commitMs'] {
  if (samples.length === 0) return { p50: 0, p99: 0, max: 0, mean: 0 }
  const sorted = [...samples].sort((a, b) => a - b)
  // Nearest rank: the smallest sample with at least p of the samples at or below it.
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)!), mean: round(mean) }
}
