/**
 * A small token-bucket rate limiter per key (a client address), bounded in memory: it keeps at
 * most `maxKeys` buckets and forgets the least recently seen one first (a forgotten key starts
 * again with a full bucket, which errs on the side of letting people work).
 */
import { isIP } from 'node:net'
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

export interface RateLimiterOptions {
  /** Requests allowed per window, also the burst size. */
  limit: number
  windowMs: number
  /** Buckets kept at most. Default 10,000 (well under a megabyte). */
  maxKeys?: number
  now?: () => number
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number }

interface Bucket {
  tokens: number
  at: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly perMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.limit > 0) || !(options.windowMs > 0)) throw new Error('RateLimiter needs a positive limit and window')
    this.perMs = options.limit / options.windowMs
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** Takes one request's token for `key`, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now()
    const previous = this.buckets.get(key)
    const tokens = previous
      ? Math.min(this.options.limit, previous.tokens + (now - previous.at) * this.perMs)
      : this.options.limit
    // Re-inserting moves the key to the end: the Map's first key is the least recently seen.
    this.buckets.delete(key)
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now })
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) }
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now })
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!)
    return { ok: true }
  }

  get size(): number {
    return this.buckets.size
  }
}

/**
 * The address a request comes from, as a rate-limit key: IPv4 as is (IPv4-mapped IPv6 unwrapped),
 * IPv6 by its /64 (one host usually owns a whole /64). Behind a reverse proxy every client shares
 * the proxy's address; limit there instead.
 */
export function clientAddress(c: Context): string {
  let address: string | undefined
  try {
    address = getConnInfo(c).remote.address
  } catch {
    address = undefined // app.request() in tests: no socket
  }
  if (!address) return 'unknown'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (isIP(address) === 6) return `${expandIpv6(address).slice(0, 4).join(':')}::/64`
  return address
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const fill = address.includes('::') ? Array(Math.max(0, 8 - left.length - right.length)).fill('0') : []
  return [...left, ...fill, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
}

/** Answers 429 JSON with Retry-After when the caller's address is over the limit. */
export function rateLimit(limiter: RateLimiter, message = 'Too many requests: try again later'): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.take(clientAddress(c))
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds))
      return c.json({ error: message }, 429)
    }
    await next()
  }
}
