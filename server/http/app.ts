/**
 * The HTTP side of Atelier as one Hono app: health, the JSON API, then the built client. Transport
 * and sockets are elsewhere (server.ts), so route tests can call `app.request()` directly.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ServerConfigResponse } from '../../shared/api/boards.ts'
import type { BoardStore } from '../store/board-store.ts'
import type { UpdateWriter } from '../sync/update-writer.ts'
import { apiOrigin } from './api-origin.ts'
import { benchStatsRoutes } from './bench-stats-routes.ts'
import { boardsRoutes } from './boards-routes.ts'
import { snapshotsRoutes } from './snapshots-routes.ts'
import { exportsRoutes } from './exports-routes.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { SnapshotService } from '../snapshots/snapshot-service.ts'
import { clientRoutes } from './client-routes.ts'
import { handleError, notFound } from './errors.ts'
import { requestLog } from './request-log.ts'
import { securityHeaders } from './security-headers.ts'

export interface HttpAppOptions {
  store: BoardStore
  snapshots: SnapshotService
  rooms: RoomRegistry
  publicUrl: string | null
  allowedOrigins: readonly string[]
  clientDir: string
  /** False while starting or shutting down: /healthz answers 503. */
  isReady: () => boolean
  /** Set (BENCH_STATS=1) to serve this writer's commit statistics at /api/_bench/stats, for `npm run bench`. */
  benchStats?: { writer: Pick<UpdateWriter, 'stats'> }
}

const API_BODY_LIMIT = 64 * 1024

export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono()
  app.onError(handleError)
  app.use(securityHeaders())

  app.get('/healthz', (c) => (options.isReady() ? c.json({ status: 'ok' }) : c.json({ status: 'unavailable' }, 503)))

  const api = new Hono()
  api.use(requestLog())
  api.use(apiOrigin(options.allowedOrigins))
  // Before the general body limit: archive imports are large and set their own.
  api.route('/boards', exportsRoutes(options.store, options.rooms, options.snapshots))
  api.use(bodyLimit({ maxSize: API_BODY_LIMIT, onError: (c) => c.json({ error: 'Request body too large' }, 413) }))
  api.get('/config', (c) => c.json({ publicUrl: options.publicUrl } satisfies ServerConfigResponse))
  api.route('/boards', boardsRoutes(options.store))
  api.route('/boards', snapshotsRoutes(options.store, options.snapshots))
  if (options.benchStats) api.route('/_bench/stats', benchStatsRoutes(options.benchStats.writer))
  api.all('*', notFound)
  app.route('/api', api)

  app.all('/sync/*', (c) => c.json({ error: 'This is a WebSocket endpoint' }, 426))
  app.route('/', clientRoutes(options.clientDir))
  app.notFound(notFound)
  return app
}
