/**
 * How server instances serving the same boards tell each other what happened: a committed update
 * (with its seq), presence, a revoked link, the room's join link. One instance alone uses
 * `soloRelay` (nothing to tell); with REDIS_URL, `RedisRelay` (redis-relay.ts) carries it over Redis
 * pub/sub.
 *
 * The relay is a shortcut, never the source of truth: every update it carries is already committed
 * to the store, and an instance that may have missed some (a gap in the seqs, the relay down for a
 * while, a client arriving from another instance) reads them back from the store (Room.catchUp).
 * So a lost relay message delays an edit; it never loses it.
 */
import type { JoinLinkRecord } from './relay-messages.ts'

/** What the relay tells the instance. */
export interface RelayListener {
  /** Another instance committed this update of a board under this seq. */
  update(boardId: string, seq: number, update: Uint8Array): void
  /** Presence changed on another instance (an encoded awareness update, roles already stamped). */
  awareness(boardId: string, update: Uint8Array): void
  /** An instance that just opened the board asks for the presence of everyone connected elsewhere. */
  awarenessQuery(boardId: string): void
  /** A link of the board was revoked on another instance: close its sockets here too. */
  inviteRevoked(boardId: string, inviteId: string): void
  /** The facilitator registered (or cleared, null) the join link shown in the room, on another instance. */
  joinLink(boardId: string, link: JoinLinkRecord | null): void
  /** Messages may have been missed (the relay was unreachable): catch every open board up from the store. */
  resync(): void
}

export interface BoardRelay {
  /** True when other instances may serve the same boards (a room then catches up from the store before each client joins). */
  readonly shared: boolean
  /** Adds a listener (the room registry for boards, the room service for join links). */
  listen(listener: Partial<RelayListener>): void
  /**
   * Starts receiving a board's messages. Resolves once the subscription is confirmed, or after a
   * short wait when the relay is unreachable (the board is served anyway; `resync` follows).
   */
  subscribe(boardId: string): Promise<void>
  unsubscribe(boardId: string): void
  publishUpdate(boardId: string, seq: number, update: Uint8Array): void
  publishAwareness(boardId: string, update: Uint8Array): void
  publishAwarenessQuery(boardId: string): void
  publishInviteRevoked(boardId: string, inviteId: string): void
  publishJoinLink(boardId: string, link: JoinLinkRecord | null): void
  close(): Promise<void>
}

/** One instance alone: nobody to tell. */
export const soloRelay: BoardRelay = {
  shared: false,
  listen() {},
  async subscribe() {},
  unsubscribe() {},
  publishUpdate() {},
  publishAwareness() {},
  publishAwarenessQuery() {},
  publishInviteRevoked() {},
  publishJoinLink() {},
  async close() {},
}
