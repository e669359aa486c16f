/** One log line per API request: method, path without its query, status and time. Never a header. */
import type { MiddlewareHandler } from 'hono'
import { log } from '../log.ts'

export const requestLog = (): MiddlewareHandler => async (c, next) => {
  const started = performance.now()
  await next()
  log('info', 'request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) })
}
