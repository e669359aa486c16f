/**
 * One board being edited live: its Y.Doc, its awareness and its connections, speaking the
 * y-protocols exchange. It knows nothing of sockets (see sync-connection.ts) nor of SQL (the
 * UpdateWriter and the store do the disk).
 *
 * The doc only ever holds committed state: a change message is validated, committed by the writer,
 * and only then applied to the doc, relayed to the others and acknowledged to its sender. So
 * whatever any client has seen (a relay or a sync step 2) is on disk, and a failed commit loses
 * nothing: the sender still has its change and sends it again when it reconnects.
 *
 * Other instances may serve the same board (server/relay/): each committed update is published
 * with its seq after it is applied here, and what others committed arrives the same way. Seqs are
 * dense per board, so a gap tells that a message was missed: the room then reads the log back from
 * the store (catchUp), as it does before each client joins when instances share boards.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { can } from '../../shared/auth/roles.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { MessageType, SyncMessageType, encodeRefused, encodeSavedThrough, type Refusal } from '../../shared/protocol/messages.ts'
import type { BoardStore, StoredUpdate } from '../store/board-store.ts'
import type { BoardRelay } from '../relay/board-relay.ts'
import { log } from '../log.ts'
import type { SyncConnection } from './sync-connection.ts'
import type { UpdateWriter } from './update-writer.ts'
import { AwarenessOwnership, readAwarenessUpdate, stampRole, writeAwarenessUpdate } from './awareness-ownership.ts'
import { DecodedUpdate, isEmptyUpdate } from './decoded-update.ts'
import { guardUpdate } from './write-guard.ts'

export interface RoomOptions {
  /** Merge the update log into one row once it has this many rows since the last merge. */
  compactAfterUpdates: number
  /** A board's document may not grow past this many bytes (its encoded state, roughly). */
  maxBoardBytes: number
  /**
   * How long an empty room stays in memory (its log already merged) before it is unloaded: people
   * who reload, or a room whose Wi-Fi drops everyone at once, come back to a warm board. 0 unloads at once.
   */
  keepWarmMs?: number
}

interface ConnectionState {
  /** Change messages received on this connection (the SavedThrough count). */
  changesReceived: number
  /** Highest count acknowledged, and the next one to send at the end of this batch. */
  changesSaved: number
  ackScheduled: boolean
  /** Whether a change of this connection passed the write guard yet. */
  accepted: boolean
  /**
   * The last change it sent before that which built on what the room lacks (typed between
   * connecting and its sync step 2, which carries it): acknowledgements wait until the room has it.
   */
  setAside: Uint8Array | null
}

function syncFrame(subtype: SyncMessageType, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, subtype)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** The origin of changes the server makes itself: relayed to every client. */
const SERVER_ORIGIN = Symbol('server')
/** The origin of changes another instance committed (or read back from the store): relayed to every client, not published again. */
const REMOTE_ORIGIN = Symbol('another instance')
/** How long a gap in the seqs may last before the room reads the missing rows from the store. */
const GAP_CATCH_UP_MS = 1_000

class ProtocolViolation extends Error {
  constructor(readonly close: CloseCode, detail: string) {
    super(detail)
  }
}

export class Room {
  private readonly ydoc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  /**
   * The stored rows, until the doc is built from them. A board loaded from one compacted row
   * answers its first fresh client with that row's bytes (they are the whole state), so the
   * client does not wait for the server to build the doc: that happens at the doc's first use.
   */
  private unbuilt: StoredUpdate[] | null = null
  /** The state vector of the one stored row, while the doc is unbuilt. */
  private unbuiltStateVector: Uint8Array | null = null
  private readonly connections = new Map<SyncConnection, ConnectionState>()
  private readonly ownership = new AwarenessOwnership<SyncConnection>()
  /** Committed updates applied in this tick, relayed together at its end. */
  private outbox: { update: Uint8Array; origin: unknown }[] = []
  /** Client ids whose presence changed this turn, relayed together. */
  private readonly awarenessOutbox = new Set<number>()
  /** Every row of the log up to this seq is in the doc. */
  private appliedThrough = 0
  /** Seqs above appliedThrough already in the doc (another instance's commit arrived before an earlier one). */
  private readonly ahead = new Set<number>()
  private gapTimer: NodeJS.Timeout | undefined
  private catchingUp: Promise<void> | null = null
  /** Until the log is read: updates other instances committed meanwhile, applied after it. */
  private early: { seq: number; update: Uint8Array }[] | null = []
  /** Awareness client ids of people connected to other instances (not ours to announce when asked). */
  private readonly remoteClients = new Set<number>()
  private rowsSinceCompaction = 0
  /** Changes the write guard accepted and the writer is committing, oldest first. */
  private readonly pending: DecodedUpdate[] = []
  /**
   * Places the server is changing in several steps (GuardInput.held): clients' writes there are
   * refused until it is done, so none lands between its steps.
   */
  readonly held = new Set<string>()
  /** The encoded size of the board, kept up to date roughly (exact after each compaction). */
  private approxBytes = 0
  private compacting: Promise<void> | null = null
  private closing = false
  /** Server-side users of the room (see RoomRegistry.withRoom): it doesn't unload under them. */
  private pins = 0

  constructor(
    readonly boardId: string,
    private readonly store: BoardStore,
    private readonly writer: UpdateWriter,
    private readonly relay: BoardRelay,
    private readonly options: RoomOptions,
    private readonly onEmpty: (room: Room) => void,
  ) {
    // The server takes no part in presence.
    this.awareness.setLocalState(null)
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => this.relayUpdate(update, origin))
    this.awareness.on('update', this.relayAwareness)
  }

  /**
   * Reads the board from the store. Subscribes to other instances' commits first, so none committed
   * between the read and the subscription is missed (those that arrive early wait for the read).
   */
  async load(): Promise<void> {
    await this.relay.subscribe(this.boardId)
    const rows = await this.store.loadUpdates(this.boardId)
    this.unbuilt = rows
    if (rows.length === 1) {
      try {
        // Kept by the compaction that merged it; else read from the row (every struct of it, so an
        // unreadable row is found here, not by a client: tens of ms for a long history).
        this.unbuiltStateVector = rows[0]!.stateVector ?? Y.encodeStateVectorFromUpdate(rows[0]!.data)
      } catch {
        this.build()
      }
    } else {
      this.build()
    }
    this.appliedThrough = rows.at(-1)?.seq ?? 0
    this.approxBytes = rows.reduce((sum, row) => sum + row.data.length, 0)
    this.rowsSinceCompaction = rows.length
    const early = this.early ?? []
    this.early = null
    for (const { seq, update } of early) this.receiveRemoteUpdate(seq, update)
    // People already on this board through other instances: ask them to say so now, not at their next renewal.
    if (this.relay.shared) this.relay.publishAwarenessQuery(this.boardId)
  }

  /** The board's document (built from the stored rows at its first use). */
  get doc(): Y.Doc {
    if (this.unbuilt) this.build()
    return this.ydoc
  }

  private build(): void {
    const rows = this.unbuilt ?? []
    this.unbuilt = null
    this.unbuiltStateVector = null
    try {
      Y.applyUpdate(this.ydoc, Y.mergeUpdates(rows.map((row) => row.data)), this)
    } catch {
      // One bad row must not make the whole board unreadable: apply the rows one by one.
      for (const row of rows) {
        try {
          Y.applyUpdate(this.ydoc, row.data, this)
        } catch (error) {
          log('error', 'skipped an unreadable stored update', { board: this.boardId, seq: row.seq, error: String(error) })
        }
      }
    }
  }

  /** An update another instance committed under `seq`. */
  receiveRemoteUpdate(seq: number, update: Uint8Array): void {
    if (this.closing) return
    if (this.early) {
      this.early.push({ seq, update })
      return
    }
    if (seq <= this.appliedThrough || this.ahead.has(seq)) return
    this.applyStored(update)
    this.markApplied(seq)
  }

  /**
   * Reads what the store has after the last seq this room holds without a gap, and applies it:
   * what another instance committed that the relay did not bring (yet). A merged row stands for
   * every seq up to its own, so after this the room holds every row up to the last one read.
   */
  catchUp(): Promise<void> {
    if (this.closing || this.early) return Promise.resolve()
    this.catchingUp ??= (async () => {
      const rows = await this.store.loadUpdates(this.boardId, this.appliedThrough)
      if (this.closing) return
      for (const row of rows) this.applyStored(row.data)
      const through = rows.at(-1)?.seq ?? 0
      if (through > this.appliedThrough) {
        this.appliedThrough = through
        for (const seq of this.ahead) if (seq <= through) this.ahead.delete(seq)
      }
      this.settleGaps()
    })().catch((error) => {
      log('error', 'could not catch up from the store', { board: this.boardId, error: String(error) })
    }).finally(() => { this.catchingUp = null })
    return this.catchingUp
  }

  get connectionCount(): number {
    return this.connections.size
  }

  pin(): void {
    this.pins++
  }

  /** Returns true when the last pin is gone. */
  unpin(): boolean {
    this.pins--
    return this.pins === 0
  }

  /** Nobody connected, no server-side user, not unloading: it may be unloaded. */
  get isIdle(): boolean {
    return this.connections.size === 0 && this.pins === 0 && !this.closing
  }

  /**
   * Merges the update log into one row now (a room that empties does, while it waits warm). True
   * once the log is that one row of the document's state (merged now, or already); false if the
   * merge failed (the log stays as it was) or the room is unloading.
   */
  async compactNow(): Promise<boolean> {
    // The last client may leave with commits still in flight: merge after them, not before.
    await this.writer.drain()
    await this.compacting
    if (this.closing) return false
    if (this.rowsSinceCompaction <= 1) return true
    const compacting = this.compact()
    this.compacting = compacting.then(() => {}).finally(() => { this.compacting = null })
    return compacting
  }

  get isClosing(): boolean {
    return this.closing
  }

  /** Starts the exchange with a new client. Returns false if the room is unloading (join another). */
  handleConnect(connection: SyncConnection): boolean {
    if (this.closing) return false
    this.connections.set(connection, { changesReceived: 0, changesSaved: 0, ackScheduled: false, accepted: false, setAside: null })
    connection.send(syncFrame(SyncMessageType.Step1, this.unbuiltStateVector ?? Y.encodeStateVector(this.doc)))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) connection.send(this.awarenessMessage(present))
    return true
  }

  handleMessage(connection: SyncConnection, frame: Uint8Array): void {
    const state = this.connections.get(connection)
    if (!state) return
    try {
      const decoder = decoding.createDecoder(frame)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.Sync:
          this.handleSync(connection, state, decoder)
          break
        case MessageType.Awareness:
          this.handleAwareness(connection, decoding.readVarUint8Array(decoder))
          break
        case MessageType.QueryAwareness:
          connection.send(this.awarenessMessage([...this.awareness.getStates().keys()]))
          break
        case MessageType.Auth:
          // Permission messages go server → client; a client sending one changes nothing.
          break
        default:
          throw new ProtocolViolation(CloseCode.UnsupportedData, `unknown message type ${type}`)
      }
    } catch (error) {
      const violation = error instanceof ProtocolViolation ? error : new ProtocolViolation(CloseCode.ProtocolError, String(error))
      log('warn', 'closing a connection that sent a bad message', {
        board: this.boardId, connection: connection.id, code: violation.close.code, detail: violation.message.slice(0, 200),
      })
      connection.close(violation.close.code, violation.close.reason)
    }
  }

  handleClose(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return
    // Tell everyone at once that this connection's people left, rather than after the 30 s timeout.
    const gone = this.ownership.release(connection)
    awarenessProtocol.removeAwarenessStates(this.awareness, gone, connection)
    // Ids whose first message (clock 0) was never applied have no meta: nothing to tell about them.
    const told = gone.filter((clientId) => this.awareness.meta.has(clientId))
    if (told.length > 0) this.relay.publishAwareness(this.boardId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, told))
    if (this.connections.size === 0 && this.pins === 0 && !this.closing) this.onEmpty(this)
  }

  /**
   * A change made by the server itself (restore, end of session…): computed on a copy of the doc,
   * committed like any client's change, then applied and relayed to every client; resolves once on disk.
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    if (this.closing) throw new Error('room is unloading')
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc))
    const updates: Uint8Array[] = []
    scratch.on('update', (update: Uint8Array) => updates.push(update))
    change(scratch)
    scratch.destroy()
    if (updates.length === 0) return
    const update = Y.mergeUpdates(updates)
    const seq = await this.writer.append(this.boardId, update)
    Y.applyUpdate(this.doc, update, SERVER_ORIGIN)
    if (seq !== -1) {
      this.rowsSinceCompaction++
      this.markApplied(seq)
      this.relay.publishUpdate(this.boardId, seq, update)
    }
    this.compactIfLong()
    await this.writer.durable()
  }

  /** The committed state of the board, encoded. */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc)
  }

  /** Closes every connection (they reconnect elsewhere or later). */
  disconnectAll(close: CloseCode): void {
    for (const connection of [...this.connections.keys()]) connection.close(close.code, close.reason)
  }

  /** Waits for pending commits, merges the log, frees memory. The room takes no connection after. */
  async unload(): Promise<void> {
    if (this.closing) return
    this.closing = true
    clearTimeout(this.gapTimer)
    await this.writer.drain()
    await this.compacting
    if (this.rowsSinceCompaction > 1) await this.compact()
    this.awareness.destroy()
    this.ydoc.destroy()
  }

  private handleSync(connection: SyncConnection, state: ConnectionState, decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    switch (subtype) {
      case SyncMessageType.Step1: {
        const stateVector = payload
        const known = Y.decodeStateVector(stateVector) // throws on malformed bytes, before we answer
        // A fresh client of a board loaded from one row and not changed since: that row is the answer.
        const whole = known.size === 0 && this.unbuiltStateVector ? this.unbuilt![0]!.data : null
        connection.send(syncFrame(SyncMessageType.Step2, whole ?? Y.encodeStateAsUpdate(this.doc, stateVector)))
        break
      }
      case SyncMessageType.Step2:
      case SyncMessageType.Update:
        // Observers' clients send a step 2 on connect like every stock client: drop it, stay connected.
        if (!can(connection.role, 'board.edit')) return
        this.receiveChange(connection, state, ++state.changesReceived, payload)
        break
      default:
        throw new ProtocolViolation(CloseCode.UnsupportedData, `unknown sync message type ${subtype}`)
    }
  }

  /**
   * The write guard takes out what this connection may not write or what would break the board
   * (write-guard.ts); the rest is committed, then applied and relayed, and acknowledged once on disk. The sender is
   * told what was taken out. Throws on a malformed update (the connection is closed with 1002).
   */
  private receiveChange(connection: SyncConnection, state: ConnectionState, count: number, payload: Uint8Array): void {
    const overLimit: Refusal | undefined = this.approxBytes + payload.length > this.options.maxBoardBytes
      ? { reason: 'limit', detail: `a board holds at most ${this.options.maxBoardBytes} bytes` }
      : undefined
    // An empty update (what a fresh client sends as its step 2) has nothing to check: a board only
    // looked at is never built.
    const result = isEmptyUpdate(payload)
      ? { update: payload, decoded: new DecodedUpdate(payload), refusals: [], missing: false }
      : guardUpdate({ doc: this.doc, pending: this.pending, connection, refuseInserts: overLimit, held: this.held }, payload)
    if (result.missing && !state.accepted) {
      // A stock client sends what it types at once but its step 2 only after our step 1: wait for it.
      state.setAside = payload
      return
    }
    if (result.missing) {
      // It builds on changes we never got (a gap in its clock): reconnecting resyncs from our state vector.
      log('warn', 'a change depends on changes the room does not have; resyncing the sender', { board: this.boardId, connection: connection.id })
      connection.close(CloseCode.OutOfSync.code, CloseCode.OutOfSync.reason)
      return
    }
    state.accepted = true
    if (result.refusals.length > 0) {
      log('warn', 'refused part of a change', { board: this.boardId, connection: connection.id, role: connection.role, refusals: JSON.stringify(result.refusals) })
      connection.send(encodeRefused(result.refusals[0]!))
    }
    this.pending.push(result.decoded)
    this.commitChange(connection, state, count, result.update, result.decoded)
  }

  private commitChange(connection: SyncConnection, state: ConnectionState, count: number, update: Uint8Array, decoded: DecodedUpdate): void {
    const settle = () => {
      const index = this.pending.indexOf(decoded)
      if (index !== -1) this.pending.splice(index, 1)
    }
    this.writer.append(this.boardId, update).then(
      (seq) => {
        settle()
        if (seq !== -1) {
          this.rowsSinceCompaction++
          this.approxBytes += update.length
          try {
            Y.applyUpdate(this.doc, update, connection)
          } catch (error) {
            log('error', 'a committed update could not be applied', { board: this.boardId, seq, error: String(error) })
          }
          if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
            log('error', 'a committed update left changes waiting for others', { board: this.boardId, seq })
          }
          this.markApplied(seq)
          this.relay.publishUpdate(this.boardId, seq, update)
        }
        this.compactIfLong()
        // Relayed at commit (kept if the process dies); acknowledged once on disk.
        this.writer.durable().then(
          () => this.acknowledge(connection, state, count),
          (error) => {
            // The sender still has it (not acknowledged) and resends it after reconnecting.
            log('error', 'could not sync a committed update to disk; the client will resend it', { board: this.boardId, error: String(error) })
            connection.close(CloseCode.InternalError.code, CloseCode.InternalError.reason)
          },
        )
      },
      (error) => {
        settle()
        // The doc never got this change; the sender still has it and resends it after reconnecting.
        log('error', 'could not commit an update; the client will resend it', { board: this.boardId, error: String(error) })
        connection.close(CloseCode.InternalError.code, CloseCode.InternalError.reason)
      },
    )
  }

  /** Acknowledges once per batch: the commit resolves every update of a batch in the same tick. */
  private acknowledge(connection: SyncConnection, state: ConnectionState, count: number): void {
    state.changesSaved = Math.max(state.changesSaved, count)
    if (state.setAside) {
      if (Y.parseUpdateMeta(Y.diffUpdate(state.setAside, Y.encodeStateVector(this.doc))).to.size > 0) return
      state.setAside = null
    }
    if (state.ackScheduled) return
    state.ackScheduled = true
    queueMicrotask(() => {
      state.ackScheduled = false
      if (this.connections.has(connection)) connection.send(encodeSavedThrough(state.changesSaved))
    })
  }

  private compactIfLong(): void {
    if (this.compacting || this.closing || this.rowsSinceCompaction < this.options.compactAfterUpdates) return
    this.compacting = this.compact().then((merged) => {
      this.compacting = null
      // Rows committed while it ran (a big batch) may already call for the next one. After a failure
      // (a full disk), the next commit tries again, not this turn: a failing store answers at once.
      if (merged) this.compactIfLong()
    })
  }

  /** Applies a committed update that did not come from a connection here (another instance, the store). */
  private applyStored(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    } catch (error) {
      log('error', 'a committed update from another instance could not be applied', { board: this.boardId, error: String(error) })
    }
    this.approxBytes += update.length
    this.rowsSinceCompaction++
  }

  /** Records that the row `seq` is in the doc; a gap that lasts makes the room read the log back. */
  private markApplied(seq: number): void {
    if (seq <= this.appliedThrough) return
    this.ahead.add(seq)
    this.settleGaps()
  }

  private settleGaps(): void {
    while (this.ahead.delete(this.appliedThrough + 1)) this.appliedThrough++
    if (this.ahead.size === 0) {
      clearTimeout(this.gapTimer)
      this.gapTimer = undefined
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined
        void this.catchUp()
      }, GAP_CATCH_UP_MS).unref()
    }
  }

  /** False if the store refused (logged; the log stays as it is). */
  private async compact(): Promise<boolean> {
    // Every row up to it is in the doc (the doc may hold later ones too: the merged row is then a superset, which is fine).
    const throughSeq = this.appliedThrough
    const merged = Y.encodeStateAsUpdate(this.doc)
    const rows = this.rowsSinceCompaction
    try {
      await this.store.compactUpdates(this.boardId, throughSeq, merged, Y.encodeStateVector(this.doc))
      this.approxBytes = merged.length
      // The merged row is one row of the log too.
      this.rowsSinceCompaction -= rows - 1
      return true
    } catch (error) {
      log('error', 'could not compact the update log; it stays as it is', { board: this.boardId, error: String(error) })
      return false
    }
  }

  /**
   * Relays go out once per batch, not once per update: a burst of 200 updates in a room of 30
   * would otherwise be 5,800 frames. The batch is merged and framed once, for everyone.
   */
  private relayUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === this) return // loading from the store
    this.outbox.push({ update, origin })
    if (this.outbox.length === 1) queueMicrotask(() => this.flushOutbox())
  }

  private flushOutbox(): void {
    const batch = this.outbox
    this.outbox = []
    const first = batch[0]!
    const frame = syncFrame(SyncMessageType.Update, batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((item) => item.update)))
    // A batch's only sender already has all of it. When several connections sent parts of a batch,
    // each gets the whole frame, its own part too (a doc applying what it holds changes nothing),
    // rather than a merge made for each of them (at 100 clients, most of the relay's CPU).
    const soleOrigin = batch.every((item) => item.origin === first.origin) ? first.origin : undefined
    for (const connection of this.connections.keys()) {
      if (connection !== soleOrigin) connection.send(frame)
    }
  }

  private handleAwareness(connection: SyncConnection, update: Uint8Array): void {
    if (!can(connection.role, 'presence.announce')) return
    const announced = readAwarenessUpdate(update).filter((entry) => {
      if (!this.remoteClients.has(entry.clientId)) return true
      // The stock client echoes everyone's presence back: an id announced through another instance
      // is not this connection's, unless its clock is newer than ours (the client itself, moved here
      // when its instance died).
      if (entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? 0)) return false
      this.remoteClients.delete(entry.clientId)
      return true
    })
    const entries = this.ownership.claim(connection, announced).map((entry) => stampRole(entry, connection.role))
    if (entries.length === 0) return
    const stamped = writeAwarenessUpdate(entries)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, connection)
    this.relay.publishAwareness(this.boardId, stamped)
  }

  /** Presence from another instance (roles already stamped there). Ids a connection here owns stay ours. */
  receiveRemoteAwareness(update: Uint8Array): void {
    if (this.closing || this.early) return
    const entries = readAwarenessUpdate(update).filter((entry) => !this.ownership.isOwned(entry.clientId))
    if (entries.length === 0) return
    for (const entry of entries) {
      if (entry.json.trim() === 'null') this.remoteClients.delete(entry.clientId)
      else this.remoteClients.add(entry.clientId)
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessUpdate(entries), REMOTE_ORIGIN)
  }

  /** Another instance opened the board: tell it who is here. */
  answerAwarenessQuery(): void {
    if (this.closing || this.early) return
    const ours = [...this.awareness.getStates().keys()].filter((clientId) => !this.remoteClients.has(clientId))
    if (ours.length > 0) this.relay.publishAwareness(this.boardId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ours))
  }

  /**
   * Presence changes (a caret per keystroke, from everyone) go out once per event-loop turn, in
   * one frame for all the people who moved, rather than one frame per person per keystroke.
   */
  private readonly relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // y-protocols drops states not renewed for 30 s (an instance that died took its people with it).
    if (origin === 'timeout') for (const clientId of removed) this.remoteClients.delete(clientId)
    if (this.awarenessOutbox.size === 0) setImmediate(() => this.flushAwareness())
    for (const clientId of [...added, ...updated, ...removed]) this.awarenessOutbox.add(clientId)
  }

  private flushAwareness(): void {
    const clientIds = [...this.awarenessOutbox]
    this.awarenessOutbox.clear()
    if (clientIds.length === 0 || this.connections.size === 0) return
    const frame = this.awarenessMessage(clientIds)
    for (const connection of this.connections.keys()) connection.send(frame)
  }

  private awarenessMessage(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }
}
