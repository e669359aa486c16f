import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_RECONNECT_POLICY, ReconnectBackoff, reconnectDelay, withReconnectBackoff } from './reconnect-policy.ts'

const fixed = (value: number) => () => value

describe('reconnectDelay', () => {
  it('connects at once the first time', () => {
    expect(reconnectDelay(0, fixed(0.99))).toBe(0)
  })

  it('doubles from 500 ms per attempt, between half and all of it, capped at 30 s', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((attempt) => reconnectDelay(attempt, fixed(0)))
    const high = [1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((attempt) => reconnectDelay(attempt, fixed(1)))
    expect(low).toEqual([250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000])
    expect(high).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000])
  })

  it('spreads clients out: 1,000 clients at attempt 5 do not retry in step', () => {
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const delays = Array.from({ length: 1000 }, () => reconnectDelay(5, random))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000)
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000)
    // In any 100 ms, at most a small share of them.
    const buckets = new Map<number, number>()
    for (const delay of delays) buckets.set(Math.floor(delay / 100), (buckets.get(Math.floor(delay / 100)) ?? 0) + 1)
    expect(Math.max(...buckets.values())).toBeLessThan(60)
  })
})

describe('ReconnectBackoff', () => {
  it('grows while connections close quickly and starts again after one that lasted', () => {
    const backoff = new ReconnectBackoff(DEFAULT_RECONNECT_POLICY, fixed(1))
    expect(backoff.nextDelay()).toBe(0)
    backoff.closed(200) // accepted, then closed with 1011
    expect(backoff.nextDelay()).toBe(500)
    backoff.closed(150)
    backoff.closed(null) // refused
    expect(backoff.nextDelay()).toBe(2000)
    backoff.closed(60_000) // a good connection, then a server restart
    expect(backoff.nextDelay()).toBe(500)
  })

  it('counts how many reconnections a server that accepts then closes sees in 10 s', () => {
    // The server closes every connection 50 ms after it opens; y-websocket adds its 200 ms each time.
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const backoff = new ReconnectBackoff(DEFAULT_RECONNECT_POLICY, random)
    let t = 0
    let connections = 0
    while (t < 10_000) {
      t += backoff.nextDelay()
      if (t >= 10_000) break
      connections++
      t += 50
      backoff.closed(50)
      t += 200
    }
    expect(connections).toBeLessThanOrEqual(7)
  })
})

/** A stand-in for the browser's WebSocket: records what was opened, lets the test open and close it. */
class FakeSocket extends EventTarget {
  static instances: FakeSocket[] = []
  readyState = 0
  binaryType: BinaryType = 'blob'
  sent: unknown[] = []
  constructor(readonly url: string, readonly protocols?: string | string[]) {
    super()
    FakeSocket.instances.push(this)
  }
  send(data: unknown) { this.sent.push(data) }
  close() { this.serverClose(1000) }
  serverOpen() { this.readyState = 1; this.dispatchEvent(new Event('open')) }
  serverClose(code: number) { this.readyState = 3; this.dispatchEvent(Object.assign(new Event('close'), { code, reason: '', wasClean: true })) }
  serverMessage(data: unknown) { this.dispatchEvent(Object.assign(new Event('message'), { data })) }
}

describe('withReconnectBackoff', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
  })
  afterEach(() => vi.useRealTimers())

  it('opens the first socket at once and later ones after the backoff delay, forwarding everything', () => {
    const Socket = withReconnectBackoff(FakeSocket as unknown as typeof WebSocket, new ReconnectBackoff(DEFAULT_RECONNECT_POLICY, fixed(1)), () => Date.now())
    const first = new Socket('ws://x/sync/b', 'p')
    first.binaryType = 'arraybuffer'
    const events: string[] = []
    first.onopen = () => events.push('open')
    first.onmessage = (event) => events.push(`message:${event.data}`)
    first.onclose = (event) => events.push(`close:${event.code}`)
    expect(FakeSocket.instances).toHaveLength(1)
    const real = FakeSocket.instances[0]!
    expect(real.binaryType).toBe('arraybuffer')
    expect(first.readyState).toBe(first.CONNECTING)
    real.serverOpen()
    expect(first.readyState).toBe(first.OPEN)
    first.send('hello')
    expect(real.sent).toEqual(['hello'])
    real.serverMessage('hi')
    real.serverClose(1011)
    expect(events).toEqual(['open', 'message:hi', 'close:1011'])

    const second = new Socket('ws://x/sync/b')
    expect(FakeSocket.instances).toHaveLength(1)
    expect(second.readyState).toBe(second.CONNECTING)
    expect(() => second.send('too early')).toThrow()
    vi.advanceTimersByTime(499)
    expect(FakeSocket.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.instances).toHaveLength(2)
  })

  it('cancels the wait when closed before opening, and reports a close', async () => {
    const Socket = withReconnectBackoff(FakeSocket as unknown as typeof WebSocket, new ReconnectBackoff(DEFAULT_RECONNECT_POLICY, fixed(1)))
    const first = new Socket('ws://x')
    FakeSocket.instances[0]!.serverClose(4503)
    const second = new Socket('ws://x')
    const closed = new Promise<number>((resolve) => { second.onclose = (event) => resolve(event.code) })
    second.close()
    expect(second.readyState).toBe(second.CLOSED)
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.instances).toHaveLength(1)
    expect(await closed).toBe(1000)
    void first
  })
})
