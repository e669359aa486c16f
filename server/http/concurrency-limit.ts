/**
 * At most `max` requests in a handler at once (archive imports, which each hold up to 50 MiB while
 * they are read and checked); the others get 503 with Retry-After at once, before their body is read.
 */
import type { MiddlewareHandler } from 'hono'

export function concurrencyLimit(max: number, message = 'The server is busy: try again in a moment', retryAfterSeconds = 5): MiddlewareHandler {
  let running = 0
  return async (c, next) => {
    if (running >= max) {
      c.header('Retry-After', String(retryAfterSeconds))
      return c.json({ error: message }, 503)
    }
    running++
    try {
      await next()
    } finally {
      running--
    }
  }
}
