/**
 * `GET /metrics`, in Prometheus's text format, only with `Authorization: Bearer <ADMIN_TOKEN>`.
 * A server without ADMIN_TOKEN (a laptop in a room) has no /metrics at all: 404.
 */
import { Hono } from 'hono'
import type { Metrics } from '../metrics/metrics.ts'
import { bearerToken, isAdminToken } from './admin-token.ts'

export function metricsRoutes(metrics: Metrics, adminToken: string | null): Hono {
  const routes = new Hono()
  routes.get('/', async (c) => {
    if (adminToken === null) return c.json({ error: 'Metrics are served only when the server has an ADMIN_TOKEN' }, 404)
    if (!isAdminToken(adminToken, bearerToken(c.req.header('authorization')))) {
      c.header('WWW-Authenticate', 'Bearer realm="atelier-admin"')
      return c.json({ error: 'Metrics need the server\u2019s admin token' }, 401)
    }
    c.header('Content-Type', metrics.registry.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.registry.metrics())
  })
  return routes
}
