/**
 * The HTTP side of Atelier as one Hono app: health, the JSON API, then the built client. Transport
 * and sockets are elsewhere (server.ts), so route tests can call `app.request()` directly.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { every } from 'hono/combine'
import type { ServerConfigResponse } from '../../shared/api/boards.ts'
import type { BoardStore } from '../store/board-store.ts'
import type { StoreHealthStatus } from '../store/store-health.ts'
import type { UpdateWriter } from '../sync/update-writer.ts'
import { apiOrigin } from './api-origin.ts'
import { benchStatsRoutes } from './bench-stats-routes.ts'
import { boardsRoutes } from './boards-routes.ts'
import { invitesRoutes } from './invites-routes.ts'
import { joinRoutes } from './join-routes.ts'
import { InviteService } from '../invites/invite-service.ts'
import { snapshotsRoutes } from './snapshots-routes.ts'
import { roundsRoutes } from './rounds-routes.ts'
import { roomRoutes, timeRoutes } from './room-routes.ts'
import { RoomService } from '../room/room-service.ts'
import { DraftService } from '../rounds/draft-service.ts'
import type { DiagnosisService } from '../method/diagnosis-service.ts'
import { diagnosesRoutes } from './diagnoses-routes.ts'
import { exportsRoutes } from './exports-routes.ts'
import { logosRoutes } from './logos-routes.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { SnapshotService } from '../snapshots/snapshot-service.ts'
import { clientRoutes } from './client-routes.ts'
import { metricsRoutes } from './metrics-routes.ts'
import type { Metrics } from '../metrics/metrics.ts'
import { requireAdminToken } from './admin-token.ts'
import { concurrencyLimit } from './concurrency-limit.ts'
import { hostCheck } from './host-policy.ts'
import { RateLimiter, rateLimit } from './rate-limit.ts'
import { handleError, notFound } from './errors.ts'
import { requestLog } from './request-log.ts'
import { securityHeaders } from './security-headers.ts'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../shared/protocol/limits.ts'

export interface HttpAppOptions {
  store: BoardStore
  snapshots: SnapshotService
  rooms: RoomRegistry
  /** Partners' diagnoses while not shared (kept by the server, out of the board document). */
  diagnoses: DiagnosisService
  publicUrl: string | null
  allowedOrigins: readonly string[]
  clientDir: string
  /** False while starting or shutting down: /healthz answers 503. */
  isReady: () => boolean
  /** What the store's health is (store/store-health.ts): anything but 'ok' and /healthz answers 503. Default always 'ok'. */
  storeHealth?: () => Promise<StoreHealthStatus>
  /** Whether a `Host` header names this server (DNS rebinding, see host-policy.ts). Default: any. */
  isHostAllowed?: (host: string | null | undefined) => boolean
  /** ADMIN_TOKEN: when set, creating and importing boards need it. */
  adminToken?: string | null
  /** The largest sync frame (MAX_MESSAGE_BYTES): clients cut bigger changes below it. */
  maxMessageBytes?: number
  /** Boards created or imported per client address per minute; 0 = no limit. Default 10. */
  createRatePerMinute?: number
  /** Archive imports read at once; more get 503. Default 2. */
  maxConcurrentImports?: number
  /** Set (BENCH_STATS=1) to serve this writer's commit statistics at /api/_bench/stats, for `npm run bench`. */
  benchStats?: { writer: Pick<UpdateWriter, 'stats'> }
  /** Served at /metrics (Prometheus) when the server has an ADMIN_TOKEN. */
  metrics?: Metrics
}

const API_BODY_LIMIT = 64 * 1024

export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono()
  app.onError(handleError)
  app.use(securityHeaders())
  // The health check answers under any name (an orchestrator probes by IP); it tells nothing.
  if (options.isHostAllowed) app.use(hostCheck(options.isHostAllowed, ['/healthz', '/metrics']))

  app.get('/healthz', async (c) => {
    if (!options.isReady()) return c.json({ status: 'unavailable' }, 503)
    const store = options.storeHealth ? await options.storeHealth() : 'ok'
    if (store !== 'ok') return c.json({ status: store }, 503)
    return c.json({ status: 'ok' })
  })

  // Scraped by IP like the health check; the admin token guards it (metrics-routes.ts).
  if (options.metrics) app.route('/metrics', metricsRoutes(options.metrics, options.adminToken ?? null))

  const invites = new InviteService(options.store, options.rooms)
  const api = new Hono()
  api.use(requestLog())
  api.use(apiOrigin(options.allowedOrigins))
  // Creating a board and importing one: rate-limited per address (every attempt counts, so a
  // guessed ADMIN_TOKEN is limited too), then the admin token when the server has one.
  const createRate = options.createRatePerMinute ?? 10
  const creation = every(
    ...(createRate > 0 ? [rateLimit(new RateLimiter({ limit: createRate, windowMs: 60_000 }), 'Too many boards created from this address: try again later')] : []),
    requireAdminToken(options.adminToken ?? null),
  )
  api.post('/boards', creation)
  api.post('/boards/import', creation, concurrencyLimit(options.maxConcurrentImports ?? 2, 'Other imports are running: try again in a moment'))
  // Before the general body limit: archive imports are large and set their own.
  api.route('/boards', exportsRoutes(options.store, options.rooms, options.snapshots, options.publicUrl))
  // Logos are uploaded as images up to 256 kB: their route reads and limits its own body.
  api.route('/boards', logosRoutes(options.store, options.rooms))
  api.use(bodyLimit({ maxSize: API_BODY_LIMIT, onError: (c) => c.json({ error: 'Request body too large' }, 413) }))
  api.get('/config', (c) => c.json({
    publicUrl: options.publicUrl,
    adminTokenRequired: Boolean(options.adminToken),
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  } satisfies ServerConfigResponse))
  api.route('/boards', boardsRoutes(options.store, options.publicUrl))
  api.route('/boards', invitesRoutes(options.store, invites, options.publicUrl))
  api.route('/join', joinRoutes(invites))
  api.route('/boards', snapshotsRoutes(options.store, options.snapshots))
  api.route('/boards', roundsRoutes(options.store, new DraftService(options.store, options.rooms)))
  api.route('/boards', diagnosesRoutes(options.store, options.diagnoses))
  api.route('/boards', roomRoutes(options.store, new RoomService(options.store, options.rooms)))
  api.route('/time', timeRoutes())
  if (options.benchStats) api.route('/_bench/stats', benchStatsRoutes(options.benchStats.writer))
  api.all('*', notFound)
  app.route('/api', api)

  app.all('/sync/*', (c) => c.json({ error: 'This is a WebSocket endpoint' }, 426))
  app.route('/', clientRoutes(options.clientDir))
  app.notFound(notFound)
  return app
}
