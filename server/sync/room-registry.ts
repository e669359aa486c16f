/**
 * Opens, shares and unloads rooms. A room loads behind a lock (one load per board, however many
 * clients arrive at once); frames a client sends while its room loads are held and replayed in
 * order, never answered from an empty doc. When the last client leaves, the room's log is merged
 * and the room stays warm a while (keepWarmMs), then is flushed and unloaded; a client arriving
 * while it unloads waits and gets a freshly loaded room.
 *
 * It is also where the relay between instances (server/relay/) meets the rooms: what other
 * instances commit or announce goes to this instance's room of that board, if it has one open.
 */
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { BoardStore } from '../store/board-store.ts'
import type { BoardRelay } from '../relay/board-relay.ts'
import { log } from '../log.ts'
import { Room, type RoomOptions } from './room.ts'
import type { SyncConnection } from './sync-connection.ts'
import type { UpdateWriter } from './update-writer.ts'

/** What the transport calls for one connection. */
export interface SyncSession {
  receive(frame: Uint8Array): void
  close(): void
}

/** Frames held per connection while its room loads; beyond this the client is flooding us. */
const MAX_HELD_FRAMES = 1_000

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>()
  /** The same rooms, from the moment they exist (still loading included): where relay messages go. */
  private readonly live = new Map<string, Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  /** Every connection of each board, joined or waiting for its room (to close them by invite). */
  private readonly open = new Map<string, Set<SyncConnection>>()
  /** Empty rooms kept warm, and the timer that will unload each. */
  private readonly idle = new Map<string, NodeJS.Timeout>()
  /** Run on each room once loaded, before any client or server user gets it (see onLoad). */
  private readonly loadHooks: ((room: Room) => Promise<void>)[] = []

  constructor(
    private readonly store: BoardStore,
    private readonly writer: UpdateWriter,
    private readonly options: RoomOptions,
    /** Also what the room service tells other instances through. */
    readonly relay: BoardRelay,
  ) {
    relay.listen({
      update: (boardId, seq, update) => this.live.get(boardId)?.receiveRemoteUpdate(seq, update),
      awareness: (boardId, update) => this.live.get(boardId)?.receiveRemoteAwareness(update),
      awarenessQuery: (boardId) => this.live.get(boardId)?.answerAwarenessQuery(),
      inviteRevoked: (boardId, inviteId) => this.closeInviteConnections(boardId, inviteId, CloseCode.InviteRevoked),
      resync: () => {
        for (const room of this.live.values()) {
          void room.catchUp()
          this.relay.publishAwarenessQuery(room.boardId)
        }
      },
    })
  }

  /**
   * Adds a step run on every room after it loads and before anyone is given it (a server change that
   * brings a board stored before up to date: nobody receives the document as it was). A step that
   * fails makes the load fail: clients are told the board is unavailable and retry.
   */
  onLoad(hook: (room: Room) => Promise<void>): void {
    this.loadHooks.push(hook)
  }

  connect(boardId: string, connection: SyncConnection): SyncSession {
    let room: Room | null = null
    let closed = false
    const held: Uint8Array[] = []
    const open = this.open.get(boardId) ?? new Set<SyncConnection>()
    this.open.set(boardId, open.add(connection))

    const join = async (): Promise<void> => {
      for (;;) {
        const candidate = await this.acquire(boardId)
        if (closed) return
        // It may come from another instance (which died, or the balancer moved it) with edits this
        // one has not had from the relay yet: read the log first, so its changes find what they build on.
        if (this.relay.shared) await candidate.catchUp()
        if (closed) return
        if (candidate.handleConnect(connection)) {
          room = candidate
          for (const frame of held.splice(0)) candidate.handleMessage(connection, frame)
          return
        }
        // The room began unloading between load and join: wait for it and load it again.
      }
    }
    join().catch((error) => {
      log('error', 'could not load a board', { board: boardId, error: String(error) })
      connection.close(CloseCode.RoomUnavailable.code, CloseCode.RoomUnavailable.reason)
    })

    return {
      receive(frame) {
        if (room) room.handleMessage(connection, frame)
        else if (held.length < MAX_HELD_FRAMES) held.push(frame)
        else connection.close(CloseCode.TooManyMessages.code, CloseCode.TooManyMessages.reason)
      },
      close: () => {
        closed = true
        open.delete(connection)
        if (open.size === 0 && this.open.get(boardId) === open) this.open.delete(boardId)
        room?.handleClose(connection)
      },
    }
  }

  /**
   * Runs `use` on a board's room (loading it if nobody is connected), for the server's own reads
   * and changes. A room loaded only for this is unloaded after, unless someone joined meanwhile.
   */
  async withRoom<T>(boardId: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    for (;;) {
      const room = await this.acquire(boardId)
      if (room.isClosing) continue
      room.pin()
      try {
        // Another instance may have committed a moment ago (a session ended there): read it first.
        if (this.relay.shared) await room.catchUp()
        return await use(room)
      } finally {
        if (room.unpin() && room.isIdle) this.roomEmptied(room)
      }
    }
  }

  /**
   * Closes every open socket of the board that connected with this invite link (just revoked),
   * including those whose room is still loading.
   */
  disconnectInvite(boardId: string, inviteId: string, close: CloseCode): void {
    this.closeInviteConnections(boardId, inviteId, close)
    this.relay.publishInviteRevoked(boardId, inviteId)
  }

  private closeInviteConnections(boardId: string, inviteId: string, close: CloseCode): void {
    for (const connection of [...(this.open.get(boardId) ?? [])]) {
      if (connection.inviteId === inviteId) connection.close(close.code, close.reason)
    }
  }

  /** Rooms in memory now (loaded or loading). */
  get size(): number {
    return this.rooms.size
  }

  /** Closes every connection and waits until every room is flushed and unloaded. */
  async closeAll(): Promise<void> {
    for (const timer of this.idle.values()) clearTimeout(timer)
    this.idle.clear()
    const rooms = await Promise.allSettled([...this.rooms.values()])
    for (const result of rooms) {
      if (result.status !== 'fulfilled') continue
      result.value.disconnectAll(CloseCode.GoingAway)
      if (!result.value.isClosing) this.unload(result.value)
    }
    await Promise.allSettled([...this.unloading.values()])
    // Frames a closing socket had already delivered may still be queued behind the unloads: at
    // shutdown nothing new arrives, so wait until the writer is idle (then the store closes).
    do await this.writer.drain()
    while (!this.writer.idle)
  }

  private async acquire(boardId: string): Promise<Room> {
    for (let pending = this.unloading.get(boardId); pending; pending = this.unloading.get(boardId)) await pending
    clearTimeout(this.idle.get(boardId))
    this.idle.delete(boardId)
    let room = this.rooms.get(boardId)
    if (!room) {
      const loading = new Room(boardId, this.store, this.writer, this.relay, this.options, (empty) => this.roomEmptied(empty))
      this.live.set(boardId, loading)
      room = loading.load().then(async () => {
        for (const hook of this.loadHooks) await hook(loading)
        return loading
      })
      this.rooms.set(boardId, room)
      room.catch(() => {
        this.rooms.delete(boardId)
        if (this.live.get(boardId) === loading) this.live.delete(boardId)
        this.relay.unsubscribe(boardId)
      })
    }
    return room
  }

  /** The last client left: merge the log now, unload later unless someone comes back. */
  private roomEmptied(room: Room): void {
    const keepWarmMs = this.options.keepWarmMs ?? 0
    if (keepWarmMs <= 0) return this.unload(room)
    clearTimeout(this.idle.get(room.boardId))
    void room.compactNow()
    this.idle.set(room.boardId, setTimeout(() => {
      this.idle.delete(room.boardId)
      if (room.isIdle) this.unload(room)
    }, keepWarmMs).unref())
  }

  private unload(room: Room): void {
    this.rooms.delete(room.boardId)
    if (this.live.get(room.boardId) === room) this.live.delete(room.boardId)
    this.relay.unsubscribe(room.boardId)
    const done = room.unload()
      .catch((error) => log('error', 'could not unload a board cleanly', { board: room.boardId, error: String(error) }))
      .finally(() => this.unloading.delete(room.boardId))
    this.unloading.set(room.boardId, done)
  }
}
