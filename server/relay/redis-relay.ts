/**
 * The relay between instances over Redis pub/sub (REDIS_URL): one channel per open board (its
 * committed updates and presence) and one for the whole deployment (revoked links, join links).
 * Two connections, as Redis requires: one subscribed, one publishing.
 *
 * Redis down: publishing fails at once (no offline queue: stale presence replayed minutes later is
 * worse than none), each instance keeps serving its own clients, and when Redis is back every open
 * board catches up from the store (`resync`). Messages are at most once; the store is the truth.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { log } from '../log.ts'
import type { BoardRelay, RelayListener } from './board-relay.ts'
import { decodeRelayMessage, encodeRelayMessage, type JoinLinkRecord, type RelayMessage } from './relay-messages.ts'

const PREFIX = 'atelier:'
const EVERYONE = `${PREFIX}instances`
const boardChannel = (boardId: string) => `${PREFIX}board:${boardId}`
/** How long opening a board waits for its subscription when Redis is unreachable. */
const SUBSCRIBE_WAIT_MS = 1_000

export class RedisRelay implements BoardRelay {
  readonly shared = true
  /** Tells our own messages apart (Redis delivers them back to us). */
  private readonly instanceId = randomBytes(8).toString('hex')
  private readonly subscriber: Redis
  private readonly publisher: Redis
  private listeners: Partial<RelayListener>[] = []
  private readyOnce = false

  private constructor(url: string) {
    const retryStrategy = (attempt: number) => Math.min(200 * attempt, 2_000) + Math.floor(Math.random() * 250)
    this.subscriber = new Redis(url, { retryStrategy, maxRetriesPerRequest: null, lazyConnect: true })
    this.publisher = new Redis(url, { retryStrategy, enableOfflineQueue: false, lazyConnect: true })
    for (const [name, connection] of [['subscriber', this.subscriber], ['publisher', this.publisher]] as const) {
      // ioredis reconnects by itself; an 'error' listener keeps its errors from crashing the process.
      connection.on('error', (error: Error) => log('warn', 'redis connection error', { connection: name, error: error.message }))
    }
    this.subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => this.receive(payload))
    this.subscriber.on('ready', () => {
      // ioredis has subscribed again to every channel; what was published meanwhile is lost to us.
      if (this.readyOnce) {
        log('info', 'redis is back: catching every open board up from the store')
        for (const listener of this.listeners) listener.resync?.()
      }
      this.readyOnce = true
    })
  }

  /** Connects both connections; fails (the server does not start) if Redis can't be reached now. */
  static async open(url: string): Promise<RedisRelay> {
    const relay = new RedisRelay(url)
    await Promise.all([relay.subscriber.connect(), relay.publisher.connect()])
    await relay.subscriber.subscribe(EVERYONE)
    return relay
  }

  listen(listener: Partial<RelayListener>): void {
    this.listeners.push(listener)
  }

  async subscribe(boardId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const confirmed = this.subscriber.subscribe(boardChannel(boardId)).then(() => true, () => false)
    const waited = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS).unref() })
    const ok = await Promise.race([confirmed, waited])
    clearTimeout(timer)
    if (!ok) log('warn', 'redis: serving a board before its subscription is confirmed', { board: boardId })
  }

  unsubscribe(boardId: string): void {
    this.subscriber.unsubscribe(boardChannel(boardId)).catch(() => {})
  }

  publishUpdate(boardId: string, seq: number, update: Uint8Array): void {
    this.publish(boardChannel(boardId), { kind: 'update', boardId, seq, update })
  }

  publishAwareness(boardId: string, update: Uint8Array): void {
    this.publish(boardChannel(boardId), { kind: 'awareness', boardId, update })
  }

  publishAwarenessQuery(boardId: string): void {
    this.publish(boardChannel(boardId), { kind: 'awareness-query', boardId })
  }

  publishInviteRevoked(boardId: string, inviteId: string): void {
    this.publish(EVERYONE, { kind: 'invite-revoked', boardId, inviteId })
  }

  publishJoinLink(boardId: string, link: JoinLinkRecord | null): void {
    this.publish(EVERYONE, { kind: 'join-link', boardId, link })
  }

  async close(): Promise<void> {
    this.listeners = []
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()])
    this.subscriber.disconnect()
    this.publisher.disconnect()
  }

  private publish(channel: string, message: RelayMessage): void {
    const bytes = encodeRelayMessage(this.instanceId, message)
    this.publisher.publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((error: Error) => {
      // Others catch up from the store when they notice (a gap in seqs, or Redis coming back).
      log('warn', 'redis: could not publish', { kind: message.kind, board: message.boardId, error: error.message })
    })
  }

  private receive(payload: Buffer): void {
    let decoded: ReturnType<typeof decodeRelayMessage>
    try {
      decoded = decodeRelayMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
    } catch (error) {
      log('warn', 'redis: ignored a message that is not ours', { error: String(error) })
      return
    }
    if (decoded.from === this.instanceId) return
    const message = decoded.message
    for (const listener of this.listeners) {
      try {
        switch (message.kind) {
          case 'update': listener.update?.(message.boardId, message.seq, message.update); break
          case 'awareness': listener.awareness?.(message.boardId, message.update); break
          case 'awareness-query': listener.awarenessQuery?.(message.boardId); break
          case 'invite-revoked': listener.inviteRevoked?.(message.boardId, message.inviteId); break
          case 'join-link': listener.joinLink?.(message.boardId, message.link); break
        }
      } catch (error) {
        log('error', 'redis: could not handle a message', { kind: message.kind, board: message.boardId, error: String(error) })
      }
    }
  }
}
