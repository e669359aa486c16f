/**
 * Counts failed attempts per client address over a sliding window (guessing join codes): past the
 * limit, the address is refused with 429 until its oldest failure leaves the window. Successes are
 * not counted. Memory is bounded: beyond `maxAddresses` the stalest address is forgotten. Keyed by
 * rate-limit.ts `clientAddress` (IPv6 by /64).
 */

export interface FailureLimitOptions {
  maxFailures: number
  windowMs: number
  maxAddresses?: number
  now?: () => number
}

export class FailureLimit {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly options: FailureLimitOptions) {}

  /** Seconds until this address may try again, or 0 if it may now. */
  retryAfter(address: string): number {
    const recent = this.recent(address)
    if (recent.length < this.options.maxFailures) return 0
    return Math.max(1, Math.ceil((recent[0]! + this.options.windowMs - this.now()) / 1000))
  }

  recordFailure(address: string): void {
    const recent = this.recent(address)
    recent.push(this.now())
    // Re-inserted last: Map order is then "least recently failed first", for eviction.
    this.failures.delete(address)
    this.failures.set(address, recent)
    const max = this.options.maxAddresses ?? 10_000
    while (this.failures.size > max) this.failures.delete(this.failures.keys().next().value!)
  }

  private recent(address: string): number[] {
    const since = this.now() - this.options.windowMs
    const recent = (this.failures.get(address) ?? []).filter((time) => time > since)
    if (recent.length === 0) this.failures.delete(address)
    return recent
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}
