/**
 * How fast a board's client reconnects. y-websocket (3.1) resets its backoff as soon as a
 * connection syncs and never waits more than 2.5 s, so a server that accepts, syncs and then closes
 * (1011 when it could not save, 4503 when the board is unavailable) is hit about 5 times a second by
 * every client, all in step. This policy counts connections that did not last (closed before
 * `stableMs`) and delays the next one exponentially, with jitter, up to `capMs`:
 *
 *   attempt 0 (first connection)          → at once
 *   attempt 1 (after a connection that lasted, e.g. a server restart) → 0.5–1 × 500 ms
 *   attempt n                              → 0.5–1 × min(capMs, 500 ms × 2^(n-1))
 *
 * It applies through a WebSocket class (y-websocket's `WebSocketPolyfill`) whose sockets wait that
 * delay before the real socket opens; y-websocket's own short backoff comes on top.
 */

export interface ReconnectPolicyOptions {
  /** Delay of attempt 1, before jitter. Default 500 ms. */
  baseMs: number
  /** Longest delay, before jitter. Default 30 s. */
  capMs: number
  /** A connection open at least this long counts as good: the next attempt starts again at 1. Default 10 s. */
  stableMs: number
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicyOptions = { baseMs: 500, capMs: 30_000, stableMs: 10_000 }

/**
 * The delay before attempt `attempt` (0 = the first connection), from a random source in [0, 1):
 * "equal jitter", between half and all of the capped exponential delay, so clients spread out
 * without any of them retrying much sooner than the policy says.
 */
export function reconnectDelay(attempt: number, random: () => number, options: ReconnectPolicyOptions = DEFAULT_RECONNECT_POLICY): number {
  if (attempt <= 0) return 0
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt - 1, 30))
  return Math.round(ceiling * (0.5 + 0.5 * random()))
}

/** Counts attempts from how the previous connections ended. */
export class ReconnectBackoff {
  /** 0 until the first connection closes. */
  private attempt = 0

  constructor(
    private readonly options: ReconnectPolicyOptions = DEFAULT_RECONNECT_POLICY,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next connection starts. */
  nextDelay(): number {
    return reconnectDelay(this.attempt, this.random, this.options)
  }

  /** A connection ended; `openedForMs` is null when it never opened. */
  closed(openedForMs: number | null): void {
    this.attempt = openedForMs !== null && openedForMs >= this.options.stableMs ? 1 : this.attempt + 1
  }

  get attempts(): number {
    return this.attempt
  }
}

type WebSocketConstructor = typeof WebSocket
type Handler<E extends Event> = ((this: WebSocket, event: E) => unknown) | null

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill`: each socket waits the backoff's delay,
 * then opens a real `Base` socket and forwards everything. Before it opens it is CONNECTING; closing
 * it then cancels the wait. One class per provider (its backoff is that provider's history).
 */
export function withReconnectBackoff(Base: WebSocketConstructor, backoff = new ReconnectBackoff(), now: () => number = () => Date.now()): WebSocketConstructor {
  class BackedOffWebSocket extends EventTarget {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3

    readonly url: string
    onopen: Handler<Event> = null
    onmessage: Handler<MessageEvent> = null
    onerror: Handler<Event> = null
    onclose: Handler<CloseEvent> = null
    private socket: WebSocket | null = null
    private timer: ReturnType<typeof setTimeout> | null = null
    private closedBeforeOpening = false
    private openedAt: number | null = null
    private type: BinaryType = 'blob'

    constructor(url: string | URL, private readonly protocols?: string | string[]) {
      super()
      this.url = String(url)
      const delay = backoff.nextDelay()
      if (delay === 0) this.open()
      else this.timer = setTimeout(() => this.open(), delay)
    }

    get readyState(): number {
      if (this.closedBeforeOpening) return this.CLOSED
      return this.socket ? this.socket.readyState : this.CONNECTING
    }

    get binaryType(): BinaryType {
      return this.socket ? this.socket.binaryType : this.type
    }

    set binaryType(value: BinaryType) {
      this.type = value
      if (this.socket) this.socket.binaryType = value
    }

    get bufferedAmount(): number {
      return this.socket?.bufferedAmount ?? 0
    }

    get protocol(): string {
      return this.socket?.protocol ?? ''
    }

    get extensions(): string {
      return this.socket?.extensions ?? ''
    }

    send(data: Parameters<WebSocket['send']>[0]): void {
      if (!this.socket) throw new DOMException('The socket is not open yet', 'InvalidStateError')
      this.socket.send(data)
    }

    close(code?: number, reason?: string): void {
      if (this.socket) return this.socket.close(code, reason)
      if (this.closedBeforeOpening) return
      // Still waiting: nothing to close but the wait.
      if (this.timer !== null) clearTimeout(this.timer)
      this.closedBeforeOpening = true
      backoff.closed(null)
      const event = Object.assign(new Event('close'), { code: code ?? 1000, reason: reason ?? '', wasClean: true })
      queueMicrotask(() => this.emit('close', event))
    }

    private open(): void {
      this.timer = null
      const socket = new Base(this.url, this.protocols)
      socket.binaryType = this.type
      this.socket = socket
      socket.addEventListener('open', (event) => {
        this.openedAt = now()
        this.emit('open', event)
      })
      socket.addEventListener('message', (event) => this.emit('message', event))
      socket.addEventListener('error', (event) => this.emit('error', event))
      socket.addEventListener('close', (event) => {
        backoff.closed(this.openedAt === null ? null : now() - this.openedAt)
        this.emit('close', event)
      })
    }

    private emit(type: 'open' | 'message' | 'error' | 'close', event: Event): void {
      const handler = this[`on${type}`] as Handler<Event>
      // Handlers get the real socket's event as it came; listeners a copy (an event is dispatched once).
      handler?.call(this as unknown as WebSocket, event)
      const copy = new Event(event.type) as Event & Record<string, unknown>
      for (const key of ['data', 'code', 'reason', 'wasClean'] as const) {
        if (key in event) copy[key] = (event as unknown as Record<string, unknown>)[key]
      }
      this.dispatchEvent(copy)
    }
  }
  return BackedOffWebSocket as unknown as WebSocketConstructor
}
