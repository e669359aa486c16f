/**
 * What /healthz says of the store. A failed commit says it at once (the update writer); an idle
 * server has no commit to fail, so the store is also asked directly (BoardStore.ping), at most
 * once per `cacheMs` however often an orchestrator probes, and given `timeoutMs` to answer: a
 * database that went away while nobody was writing turns the instance unhealthy within seconds,
 * and a load balancer stops sending it new clients.
 */
import type { BoardStore } from './board-store.ts'

export type StoreHealthStatus = 'ok' | 'store-not-writable' | 'store-unreachable'

export interface StoreHealthOptions {
  /** How long an answer of the store stands. Default 2 s. */
  cacheMs?: number
  /** How long the store has to answer a ping. Default 2 s. */
  timeoutMs?: number
}

export class StoreHealth {
  private checked: { at: number; reachable: boolean } | null = null
  private pinging: Promise<boolean> | null = null
  private readonly cacheMs: number
  private readonly timeoutMs: number

  constructor(
    private readonly store: Pick<BoardStore, 'ping'>,
    private readonly writer: { readonly writable: boolean },
    options: StoreHealthOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 2_000
    this.timeoutMs = options.timeoutMs ?? 2_000
  }

  async status(): Promise<StoreHealthStatus> {
    if (!this.writer.writable) return 'store-not-writable'
    return (await this.reachable()) ? 'ok' : 'store-unreachable'
  }

  private async reachable(): Promise<boolean> {
    if (this.checked && performance.now() - this.checked.at < this.cacheMs) return this.checked.reachable
    // Probes that arrive together share one ping.
    this.pinging ??= this.ping().then((reachable) => {
      this.checked = { at: performance.now(), reachable }
      this.pinging = null
      return reachable
    })
    return this.pinging
  }

  private async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), this.timeoutMs) })
    try {
      return await Promise.race([this.store.ping().then(() => true, () => false), timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
