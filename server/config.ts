/** The server's settings, read once from the environment (the external contract, see README). */
import { resolve } from 'node:path'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../shared/protocol/limits.ts'

export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). Default 8080. */
  port: number
  /** Interface to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 opens it to the room's network. */
  host: string
  /** Where the SQLite file lives. Default ./data. */
  dataDir: string
  /**
   * DATABASE_URL: when set, boards live in this PostgreSQL database instead of the SQLite file
   * (server/store/open-store.ts). Holds a password: never log it.
   */
  databaseUrl: string | null
  /**
   * REDIS_URL: when set, several instances may serve the same boards at once (behind a load
   * balancer, on one PostgreSQL database): they relay commits and presence through Redis pub/sub
   * (server/relay/). Unset, this instance assumes it serves its boards alone.
   */
  redisUrl: string | null
  /** Base URL for invite links when the server is reached under another name (proxy, LAN address). */
  publicUrl: string | null
  /** Origins allowed besides the page's own (WebSocket upgrades and API calls). */
  allowedOrigins: string[]
  /** Host names the server answers to besides PUBLIC_URL's, loopback and HOST (DNS rebinding, see http/host-policy.ts). */
  allowedHosts: string[]
  /** When set, creating and importing boards need `Authorization: Bearer <ADMIN_TOKEN>`. Default none: anyone who reaches the server may (a laptop in a room). */
  adminToken: string | null
  /** Boards created or imported per client address per minute (429 beyond); 0 turns the limit off. Default 10. */
  createRatePerMinute: number
  /** Archive imports read at the same time; more get 503 with Retry-After. Default 2 (each may hold ~50 MiB). */
  maxConcurrentImports: number
  /**
   * Largest WebSocket frame accepted; above it the socket closes with 1009. Default 2 MiB
   * (shared/protocol/limits.ts): the web client cuts bigger changes into frames below that default,
   * so lowering it makes big pastes and offline edits fail until the client learns the new value.
   */
  maxMessageBytes: number
  /**
   * Open sync connections per board; more are refused with HTTP 503 before the upgrade (the client
   * retries later). Facilitators are always let in. 0 = no cap. Default 200.
   */
  maxConnectionsPerBoard: number
  /**
   * Sync connection attempts per client address (IPv6: per /64) per `connectAttemptsWindowSeconds`,
   * also the burst; beyond it HTTP 429 before the upgrade. 0 = no limit. Default 120 per 10 s: a
   * room of 30 behind one hotel NAT all reconnecting at once after a server restart or a Wi-Fi drop,
   * with phones and a projector, stays well under it; a single script looping on upgrades is held
   * to 12 a second.
   */
  connectAttemptsPerAddress: number
  connectAttemptsWindowSeconds: number
  /** Merge a board's update log after this many rows. Default 500. */
  compactAfterUpdates: number
  /** ROOM_KEEP_WARM_SECONDS: an empty room stays in memory this long (0: unload at once). Default 60. */
  roomKeepWarmSeconds: number
  /**
   * A board's document may not grow past this (bytes of its encoded state); writes beyond it are
   * refused. Default 32 MiB: a stock client still loads it on a phone; a real charter is ~100 kB.
   */
  maxBoardBytes: number
  /** The built client. */
  clientDir: string
  /** Expose the update writer's commit statistics at /api/_bench/stats (BENCH_STATS=1, for `npm run bench`). Default off. */
  benchStats: boolean
}

const positiveInt = (raw: string | undefined, fallback: number, name: string): number => {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return value
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const publicUrl = env.PUBLIC_URL?.trim() ? env.PUBLIC_URL.trim().replace(/\/+$/, '') : null
  if (publicUrl) new URL(publicUrl) // fail at start-up, not when the first link is shared
  return {
    port: positiveInt(env.PORT, 8080, 'PORT'),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    redisUrl: env.REDIS_URL?.trim() || null,
    publicUrl,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    allowedHosts: (env.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    createRatePerMinute: positiveInt(env.CREATE_RATE_PER_MINUTE, 10, 'CREATE_RATE_PER_MINUTE'),
    maxConcurrentImports: positiveInt(env.MAX_CONCURRENT_IMPORTS, 2, 'MAX_CONCURRENT_IMPORTS') || 2,
    maxMessageBytes: positiveInt(env.MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 'MAX_MESSAGE_BYTES'),
    maxConnectionsPerBoard: positiveInt(env.MAX_CONNECTIONS_PER_BOARD, 200, 'MAX_CONNECTIONS_PER_BOARD'),
    connectAttemptsPerAddress: positiveInt(env.CONNECT_ATTEMPTS_PER_ADDRESS, 120, 'CONNECT_ATTEMPTS_PER_ADDRESS'),
    connectAttemptsWindowSeconds: positiveInt(env.CONNECT_ATTEMPTS_WINDOW_SECONDS, 10, 'CONNECT_ATTEMPTS_WINDOW_SECONDS') || 10,
    compactAfterUpdates: positiveInt(env.COMPACT_AFTER_UPDATES, 500, 'COMPACT_AFTER_UPDATES') || 500,
    roomKeepWarmSeconds: positiveInt(env.ROOM_KEEP_WARM_SECONDS, 60, 'ROOM_KEEP_WARM_SECONDS'),
    maxBoardBytes: positiveInt(env.MAX_BOARD_BYTES, 32 * 1024 * 1024, 'MAX_BOARD_BYTES') || 32 * 1024 * 1024,
    clientDir: resolve(env.CLIENT_DIR?.trim() || new URL('../dist', import.meta.url).pathname),
    benchStats: env.BENCH_STATS === '1',
  }
}
