/**
 * Assembles Atelier: the store, the update writer, the rooms, the HTTP app and the WebSocket
 * transport on one Node HTTP server. A message's path from an editor to the disk:
 *   ws-transport (socket) → room-registry (holds frames while loading) → room (y-protocols)
 *   → update-writer (one transaction per event-loop turn) → store (SQLite, or PostgreSQL with
 *   DATABASE_URL) → room relays + acks, and publishes to other instances (relay/, REDIS_URL).
 */
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { ServerConfig } from './config.ts'
import { createHttpApp } from './http/app.ts'
import { hostPolicy, refuseUpgradeForHost } from './http/host-policy.ts'
import { log } from './log.ts'
import type { BoardStore } from './store/board-store.ts'
import { StoreHealth } from './store/store-health.ts'
import { openStore } from './store/open-store.ts'
import { RoomRegistry } from './sync/room-registry.ts'
import { UpdateWriter } from './sync/update-writer.ts'
import { WsTransport } from './sync/ws-transport.ts'
import { DiagnosisService } from './method/diagnosis-service.ts'
import { SnapshotService } from './snapshots/snapshot-service.ts'
import { Metrics } from './metrics/metrics.ts'
import { soloRelay, type BoardRelay } from './relay/board-relay.ts'

export interface AtelierServer {
  readonly port: number
  readonly url: string
  readonly store: BoardStore
  readonly writer: UpdateWriter
  readonly rooms: RoomRegistry
  /** Stops accepting, flushes every room, closes sockets and the store. */
  close(): Promise<void>
}

export async function startAtelierServer(config: ServerConfig): Promise<AtelierServer> {
  const store = await openStore(config)
  const metrics = new Metrics()
  const writer = new UpdateWriter(store, metrics.commitObserver)
  let relay: BoardRelay = soloRelay
  try {
    // Imported only with REDIS_URL: ioredis is about 12 MiB of memory a single instance does without.
    if (config.redisUrl) relay = await (await import('./relay/redis-relay.ts')).RedisRelay.open(config.redisUrl)
  } catch (error) {
    await store.close()
    throw error
  }
  const rooms = new RoomRegistry(store, writer, {
    compactAfterUpdates: config.compactAfterUpdates, maxBoardBytes: config.maxBoardBytes, keepWarmMs: config.roomKeepWarmSeconds * 1000,
  }, relay)
  const transport = new WsTransport({
    store,
    rooms,
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins: config.allowedOrigins,
    maxConnectionsPerBoard: config.maxConnectionsPerBoard,
    connectAttemptsPerAddress: config.connectAttemptsPerAddress,
    connectAttemptsWindowSeconds: config.connectAttemptsWindowSeconds,
  })
  metrics.watch({ boardsLoaded: () => rooms.size, connections: () => transport.connectionCount })
  const snapshots = new SnapshotService(store, rooms)
  const diagnoses = new DiagnosisService(store, rooms)
  // A board stored before: its unshared diagnoses leave the document before anyone receives it.
  rooms.onLoad((room) => diagnoses.takeOutOfDocument(room))
  const storeHealth = new StoreHealth(store, writer)
  let ready = false
  const isHostAllowed = hostPolicy({ publicUrl: config.publicUrl, allowedHosts: config.allowedHosts, listenHost: config.host })
  const app = createHttpApp({
    store,
    snapshots,
    rooms,
    diagnoses,
    publicUrl: config.publicUrl,
    allowedOrigins: config.allowedOrigins,
    clientDir: config.clientDir,
    isReady: () => ready,
    storeHealth: () => storeHealth.status(),
    isHostAllowed,
    adminToken: config.adminToken,
    maxMessageBytes: config.maxMessageBytes,
    createRatePerMinute: config.createRatePerMinute,
    maxConcurrentImports: config.maxConcurrentImports,
    benchStats: config.benchStats ? { writer } : undefined,
    metrics,
  })

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
    s.once('error', reject)
  })
  server.on('upgrade', (request, socket, head) => {
    if (!refuseUpgradeForHost(isHostAllowed, request.headers.host, socket)) transport.handleUpgrade(request, socket, head)
  })
  ready = true
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`

  let closing: Promise<void> | null = null
  const close = () => (closing ??= (async () => {
    ready = false
    transport.stopAccepting()
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
    await rooms.closeAll()
    await transport.close()
    if ('closeAllConnections' in server) server.closeAllConnections()
    await httpClosed
    await relay.close()
    await store.close()
  })())

  return { port, url, store, writer, rooms, close }
}

export async function shutdownOnSignals(server: AtelierServer): Promise<void> {
  const stop = (signal: string) => {
    log('info', 'shutting down', { signal })
    server.close().then(
      () => process.exit(0),
      (error) => {
        log('error', 'shutdown failed', { error: String(error) })
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}
