/**
 * What `GET /metrics` tells Prometheus (prom-client): boards loaded, open sync connections,
 * updates committed (rate() gives updates/s), commit latency, sync-to-disk latency, store errors, plus Node's own
 * process metrics (memory, CPU, event-loop lag). Gauges are read when scraped, not kept up to date.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { CommitObserver } from '../sync/update-writer.ts'

export interface MetricsSources {
  boardsLoaded(): number
  connections(): number
}

export class Metrics {
  readonly registry = new Registry()
  private readonly updates = new Counter({ name: 'atelier_updates_committed_total', help: 'Document updates committed to the store', registers: [this.registry] })
  private readonly commits = new Histogram({
    name: 'atelier_commit_seconds',
    help: 'Time of one store transaction (every update of one event-loop turn)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  private readonly syncs = new Histogram({
    name: 'atelier_sync_seconds',
    help: 'Time acknowledgements waited for the log to be on disk (one fsync shared by the commits before it; none with PostgreSQL)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  private readonly storeErrors = new Counter({ name: 'atelier_store_errors_total', help: 'Store transactions that failed (disk full, database down)', registers: [this.registry] })

  /** Given to the update writer. */
  readonly commitObserver: CommitObserver = {
    committed: (updates, ms) => {
      this.updates.inc(updates)
      this.commits.observe(ms / 1000)
    },
    synced: (ms) => this.syncs.observe(ms / 1000),
    failed: () => this.storeErrors.inc(),
  }

  constructor() {
    // Event-loop lag sampled every 100 ms: prom-client's default (10 ms) wakes an idle server 100
    // times a second, which cost about 7 ms of CPU a second here; a stall that matters still shows.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 })
  }

  /** The live figures the server reads when scraped (known once the rooms and sockets exist). */
  watch(sources: MetricsSources): void {
    new Gauge({ name: 'atelier_boards_loaded', help: 'Boards whose room is in memory', registers: [this.registry], collect() { this.set(sources.boardsLoaded()) } })
    new Gauge({ name: 'atelier_connections', help: 'Open sync connections', registers: [this.registry], collect() { this.set(sources.connections()) } })
  }
}
