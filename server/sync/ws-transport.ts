/**
 * Carries sync sessions over `ws`: checks each upgrade (path, origin, board, token) before a single
 * byte of the board is sent, then forwards frames between the socket and the room registry.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { STATUS_CODES } from 'node:http'
import { WebSocketServer, type WebSocket, type RawData } from 'ws'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { SYNC_TOKEN_PARAM, boardIdFromSyncPath } from '../../shared/protocol/sync-url.ts'
import { can } from '../../shared/auth/roles.ts'
import { PERSON_KEY_PATTERN, SYNC_PERSON_PARAM, personIdFromKey } from '../../shared/auth/person.ts'
import { resolveBoardAccess } from '../auth/board-access.ts'
import type { BoardStore } from '../store/board-store.ts'
import { isOriginAllowed } from '../http/origin-policy.ts'
import { log, pathOnly } from '../log.ts'
import { RateLimiter } from '../http/rate-limit.ts'
import type { RoomRegistry } from './room-registry.ts'
import { BoardConnections, upgradeAddress } from './connection-limits.ts'
import type { ConnectionIdentity, SyncConnection } from './sync-connection.ts'

export interface WsTransportOptions {
  store: BoardStore
  rooms: RoomRegistry
  maxMessageBytes: number
  allowedOrigins: readonly string[]
  /** Open sockets per board (facilitators always get in); 0 = no cap. */
  maxConnectionsPerBoard?: number
  /** Upgrade attempts per client address per `connectAttemptsWindowSeconds`; 0 = no limit. */
  connectAttemptsPerAddress?: number
  connectAttemptsWindowSeconds?: number
}

/** Seconds between pings; a socket that misses one is dropped (its presence goes with it). */
const HEARTBEAT_MS = 30_000
/** Retry-After of an upgrade refused while the store does not answer. */
const STORE_DOWN_RETRY_SECONDS = 5
/** Retry-After of a board-full refusal (clients retry on their own backoff anyway). */
const BOARD_FULL_RETRY_SECONDS = 10

export class WsTransport {
  private readonly wss: WebSocketServer
  private readonly heartbeat: NodeJS.Timeout
  private accepting = true
  private nextId = 1
  /** Whether each socket answered the last ping. */
  private readonly answeredPing = new Map<WebSocket, boolean>()
  private readonly attempts: RateLimiter | null
  private readonly boardConnections: BoardConnections

  constructor(private readonly options: WsTransportOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false })
    const attempts = options.connectAttemptsPerAddress ?? 0
    this.attempts = attempts > 0
      ? new RateLimiter({ limit: attempts, windowMs: (options.connectAttemptsWindowSeconds ?? 10) * 1000 })
      : null
    this.boardConnections = new BoardConnections(options.maxConnectionsPerBoard ?? 0)
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_MS).unref()
  }

  /** The http server's 'upgrade' listener. */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy())
    // Counted before anything costs us a token check or a database read; refused attempts count too.
    const attempt = this.attempts?.take(upgradeAddress(request))
    if (attempt && !attempt.ok) {
      return refuse(socket, 429, 'Too many connection attempts: try again later', { 'Retry-After': String(attempt.retryAfterSeconds) })
    }
    this.authorizeUpgrade(request).then(
      (decision) => {
        if (!decision.ok) return refuse(socket, decision.status, decision.message)
        // Checked and counted in the same turn as the upgrade completes (ws calls back synchronously).
        if (decision.identity.role !== 'facilitator' && !this.boardConnections.hasRoom(decision.boardId)) {
          log('warn', 'board full, upgrade refused', { board: decision.boardId, open: this.boardConnections.count(decision.boardId) })
          return refuse(socket, 503, 'This board has too many connections: try again later', { 'Retry-After': String(BOARD_FULL_RETRY_SECONDS) })
        }
        this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, decision.boardId, decision.identity))
      },
      (error) => {
        // The store could not answer (database down, disk gone): a passing outage, not the client's fault.
        log('warn', 'upgrade failed: the store did not answer', { path: pathOnly(request.url), error: String(error) })
        refuse(socket, 503, 'The board store is unavailable: try again later', { 'Retry-After': String(STORE_DOWN_RETRY_SECONDS) })
      },
    )
  }

  /** Stops taking new sockets (shutdown). */
  stopAccepting(): void {
    this.accepting = false
  }

  /** Sockets open now (for /metrics). */
  get connectionCount(): number {
    return this.wss.clients.size
  }

  /**
   * Lets sockets finish the close handshake the rooms started (so clients see 1001 and reconnect
   * at once), then drops whatever is left after `graceMs`.
   */
  async close(graceMs = 2_000): Promise<void> {
    clearInterval(this.heartbeat)
    const open = [...this.wss.clients].filter((ws) => ws.readyState !== ws.CLOSED)
    await Promise.race([
      Promise.all(open.map((ws) => new Promise((resolve) => ws.once('close', resolve)))),
      new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
    ])
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }

  private async authorizeUpgrade(request: IncomingMessage): Promise<
    { ok: true; boardId: string; identity: ConnectionIdentity } | { ok: false; status: number; message: string }
  > {
    if (!this.accepting) return { ok: false, status: 503, message: 'Server is shutting down' }
    const url = new URL(request.url ?? '/', 'http://localhost')
    const boardId = boardIdFromSyncPath(url.pathname)
    if (!boardId) return { ok: false, status: 404, message: 'Not found' }
    if (!isOriginAllowed(request.headers.origin, request.headers.host, this.options.allowedOrigins)) {
      return { ok: false, status: 403, message: 'Origin not allowed' }
    }
    const access = await resolveBoardAccess(this.options.store, boardId, url.searchParams.get(SYNC_TOKEN_PARAM))
    if (!access.ok) {
      return access.reason === 'not-found'
        ? { ok: false, status: 404, message: 'Board not found' }
        : { ok: false, status: 401, message: 'Missing or invalid token' }
    }
    if (!can(access.role, 'board.read')) return { ok: false, status: 403, message: 'Forbidden' }
    const personKey = url.searchParams.get(SYNC_PERSON_PARAM)
    if (personKey !== null && !PERSON_KEY_PATTERN.test(personKey)) return { ok: false, status: 400, message: 'Malformed person key' }
    const identity: ConnectionIdentity = {
      role: access.role,
      inviteId: access.invite.id,
      partnerId: access.invite.partnerId,
      personId: personKey === null ? null : personIdFromKey(personKey),
    }
    return { ok: true, boardId, identity }
  }

  private accept(ws: WebSocket, boardId: string, identity: ConnectionIdentity): void {
    const id = `c${this.nextId++}`
    const connection: SyncConnection = {
      id,
      ...identity,
      send(frame) {
        if (ws.readyState === ws.OPEN) ws.send(frame, (error) => { if (error) ws.terminate() })
      },
      close(code, reason) {
        ws.close(code, reason)
        // A client that ignores the close handshake must not keep the room open.
        setTimeout(() => ws.terminate(), 5_000).unref()
      },
    }
    const session = this.options.rooms.connect(boardId, connection)
    this.boardConnections.add(boardId)
    this.answeredPing.set(ws, true)
    ws.on('pong', () => this.answeredPing.set(ws, true))
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Once we close a socket (a revoked link, a bad frame) nothing more it sends is taken.
      if (ws.readyState !== ws.OPEN) return
      if (!isBinary) {
        connection.close(CloseCode.UnsupportedData.code, 'Text frames are not part of the protocol')
        return
      }
      session.receive(toUint8Array(data))
    })
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for an oversize frame); we only log it.
      log('warn', 'sync socket error', { board: boardId, connection: id, code: error.code ?? null, detail: error.message })
    })
    ws.on('close', () => {
      this.answeredPing.delete(ws)
      this.boardConnections.remove(boardId)
      session.close()
    })
    log('info', 'sync connected', { board: boardId, connection: id, role: identity.role })
  }

  private checkAlive(): void {
    for (const [ws, answered] of this.answeredPing) {
      if (!answered) {
        ws.terminate()
        continue
      }
      this.answeredPing.set(ws, false)
      ws.ping()
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Answers a refused upgrade with a plain HTTP response and a JSON message. */
function refuse(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) return void socket.destroy()
  const body = JSON.stringify({ error: message })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
    Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
