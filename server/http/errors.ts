/** Every error leaves as JSON `{ "error": message }` with its status; nothing else leaks. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { log } from '../log.ts'

export function handleError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    return c.json({ error: error.message || 'Request failed' }, error.status)
  }
  log('error', 'unhandled error in a request', { method: c.req.method, path: c.req.path, error: String(error) })
  return c.json({ error: 'Internal error' }, 500)
}

export const notFound = (c: Context): Response => c.json({ error: 'Not found' }, 404)
