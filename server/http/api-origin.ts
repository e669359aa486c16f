/**
 * Cross-origin rules of the API: same-origin by default; origins in ALLOWED_ORIGINS get CORS.
 * A browser request from any other origin is refused before it runs (403 JSON).
 */
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { isOriginAllowed } from './origin-policy.ts'

export function apiOrigin(allowedOrigins: readonly string[]): MiddlewareHandler {
  const corsForAllowed = cors({
    origin: (origin) => (allowedOrigins.includes(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  })
  return async (c, next) => {
    if (!isOriginAllowed(c.req.header('origin'), c.req.header('host'), allowedOrigins)) {
      throw new HTTPException(403, { message: 'Origin not allowed' })
    }
    return corsForAllowed(c, next)
  }
}
