/**
 * Knows whether my changes are on the server's disk. The server acknowledges, per socket, how many
 * change frames (sync step 2 and updates) it has committed (`SavedThrough`, see shared/protocol);
 * we count the change frames we send on the same socket, through a WebSocket subclass given to
 * y-websocket. Changes made while no socket is open are "unsent" until a new socket carries them
 * (y-websocket sends them in its sync step 2 on connect).
 *
 * The same subclass cuts a change frame bigger than the server's frame limit (offline edits of
 * megabytes, a big paste) into several update frames below it (shared/protocol/split-update.ts);
 * each counts as one change message, as the server counts them.
 */
import { isChangeMessage } from '../../shared/protocol/messages.ts'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../shared/protocol/limits.ts'
import { splitChangeFrame } from '../../shared/protocol/split-update.ts'

export interface SaveTrackerOptions {
  /** The server's largest frame (`maxMessageBytes`); default the server's default. */
  maxMessageBytes?: number
  /** The WebSocket class to extend; default the browser's (Node tests pass `ws`). */
  WebSocket?: typeof WebSocket
}

export class SaveTracker {
  private socket: WebSocket | null = null
  private sent = 0
  private acknowledged = 0
  private unsent = false
  private listeners = new Set<() => void>()

  /** A WebSocket class that reports its change frames to this tracker. */
  readonly WebSocketClass: typeof WebSocket

  /** Change frames above this are cut; set it from the server's `maxMessageBytes` when known. */
  maxMessageBytes: number

  constructor({ maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES, WebSocket: Base = WebSocket }: SaveTrackerOptions = {}) {
    const tracker = this
    this.maxMessageBytes = maxMessageBytes
    this.WebSocketClass = class CountingWebSocket extends Base {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        tracker.onSocket(this)
      }

      override send(data: Parameters<WebSocket['send']>[0]): void {
        if (!(data instanceof Uint8Array) || !isChangeMessage(data)) return super.send(data)
        for (const frame of splitChangeFrame(data, tracker.maxMessageBytes)) {
          super.send(frame as Uint8Array<ArrayBuffer>)
          tracker.onChangeSent(this)
        }
      }
    }
  }

  /** True when everything I changed is committed by the server. */
  get saved(): boolean {
    return !this.unsent && this.acknowledged >= this.sent
  }

  /** A local change happened; if no socket is open it waits for the next one. */
  noteLocalChange(socketOpen: boolean): void {
    if (!socketOpen && !this.unsent) {
      this.unsent = true
      this.emit()
    }
  }

  /** From the SavedThrough message of the current socket. */
  onSavedThrough(count: number): void {
    if (count > this.acknowledged) {
      this.acknowledged = Math.min(count, this.sent)
      this.emit()
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private onSocket(socket: WebSocket): void {
    // What the last socket sent but never saw acknowledged goes again in the next sync step 2.
    if (this.sent > this.acknowledged) this.unsent = true
    // Counts restart from 1 on every socket, on both sides.
    this.socket = socket
    this.sent = 0
    this.acknowledged = 0
    this.emit()
  }

  private onChangeSent(socket: WebSocket): void {
    if (socket !== this.socket) return
    this.sent += 1
    // The first change frame on a socket is the sync step 2 with everything the server lacks.
    this.unsent = false
    this.emit()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}
