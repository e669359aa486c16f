/**
 * ADMIN_TOKEN: when the server has one, creating and importing boards need
 * `Authorization: Bearer <ADMIN_TOKEN>` (401 JSON otherwise). Compared in constant time (both sides
 * hashed first, so their lengths leak nothing either). Without one, anyone who reaches the server may.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

export function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null
  return match ? match[1]! : null
}

export function isAdminToken(expected: string, given: string | null): boolean {
  return timingSafeEqual(digest(expected), digest(given ?? '')) && given !== null
}

export function requireAdminToken(adminToken: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (adminToken !== null && !isAdminToken(adminToken, bearerToken(c.req.header('authorization')))) {
      c.header('WWW-Authenticate', 'Bearer realm="atelier-admin"')
      return c.json({ error: 'This server needs its admin token to create or import boards' }, 401)
    }
    await next()
  }
}
