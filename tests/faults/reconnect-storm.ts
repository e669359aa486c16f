/**
 * Many clients of one board reconnecting after a server restart: how spread out they come back,
 * and whether they all converge, edits made right after the restart included. Each client is a
 * stock y-websocket provider with the web client's reconnect policy (backoff with jitter,
 * client/live/reconnect-policy.ts) and a presence state, as the web client has. Used by
 * reconnect-storm.test.ts and tests/bench/reconnect-storm.bench.ts.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { withReconnectBackoff } from '../../client/live/reconnect-policy.ts'
import { groupsOf } from '../../shared/board/schema.ts'
import { MessageType } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { TEST_PERSON_KEY } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { addMark } from '../helpers/probes.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { CLIENT_DIR, compiledServerEntry } from '../helpers/server-build.ts'

export interface StormOptions {
  clients: number
  /** Clients that add a mark the moment the new server listens (most are still offline then). */
  editorsAtRestart?: number
  /** Clients that add a mark once they are back. */
  editorsAfter?: number
  /**
   * Clients with a presence state (every n-th: 300 browsers' presence, all in this one test
   * process, costs it 300² awareness updates to apply). Default 30.
   */
  withPresence?: number
  /** Gives up waiting (connect, reconnect, converge) after this long, each. */
  timeoutMs?: number
  log?: (line: string) => void
}

export interface StormResult {
  clients: number
  /** Initial connection of every client. */
  connectMs: number
  /** From SIGTERM to the new server listening. */
  restartMs: number
  /** Reconnections (synced again), in ms from the new server listening: first, median, last. */
  firstMs: number
  medianMs: number
  lastMs: number
  /** Reconnections per 500 ms bucket from the new server listening. */
  histogram: number[]
  /** The most reconnections (synced again) within any 100 ms. */
  peak100ms: number
  /**
   * The most connection attempts within any 100 ms once the new server listened: how many sockets
   * reach it at once (without jitter, every client follows the same backoff: all in the same instant).
   */
  attemptPeak100ms: number
  /** Sockets the clients opened from the restart until all were back (upgrade attempts). */
  attempts: number
  /** Clients that were back and had every mark, with one same state, this long after the new server listened. */
  convergedMs: number
  converged: boolean
  /** Marks every client should have (before, at and after the restart). */
  marks: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) return false
    await sleep(25)
  }
  return true
}

/**
 * Starts a server (compiled from the current sources) with the caps raised for one board of
 * `clients` sockets from one address, connects them, restarts the server (SIGTERM, same data), and
 * measures. `env` adds to the server's environment.
 */
export async function reconnectStorm(options: StormOptions, env: Record<string, string> = {}): Promise<StormResult> {
  const { clients: count, editorsAtRestart = 30, editorsAfter = 30, withPresence = 30, timeoutMs = 30_000 } = options
  // y-websocket adds an exit listener per provider.
  process.setMaxListeners(Math.max(process.getMaxListeners(), count + 20))
  const log = options.log ?? (() => {})
  const entry = await compiledServerEntry()
  // Every client comes from 127.0.0.1: the per-address attempt limit (120 per 10 s, meant for one
  // room behind one NAT) and the per-board cap (200) would hold most of them back; raised here.
  const serverEnv = { CLIENT_DIR, MAX_CONNECTIONS_PER_BOARD: String(count + 50), CONNECT_ATTEMPTS_PER_ADDRESS: '0', ...env }
  let server: TestServer = await startServer({ entry, env: serverEnv })
  let attempts = 0
  const attemptTimes: number[] = []
  class RoutedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      const routed = new URL(String(url))
      const base = new URL(server.wsUrl)
      routed.protocol = base.protocol
      routed.host = base.host
      super(routed.toString(), protocols)
      attempts++
      attemptTimes.push(performance.now())
    }
  }
  const board = await createBoard(server.url, 'Tempête de reconnexions')
  const clients = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://server${SYNC_PATH}`, board.id, doc, {
      params: { token: board.invites.participant, [SYNC_PERSON_PARAM]: TEST_PERSON_KEY },
      WebSocketPolyfill: withReconnectBackoff(RoutedWebSocket as unknown as typeof globalThis.WebSocket),
      disableBc: true,
    })
    provider.messageHandlers[MessageType.SavedThrough] = () => {}
    if (withPresence === 0 || i % Math.max(1, Math.floor(count / withPresence)) !== 0) provider.awareness.setLocalState(null)
    else provider.awareness.setLocalStateField('user', {
      name: `Participant ${i + 1}`, organisation: 'Les Amis du Val', color: '#3366cc', role: 'participant', partnerId: '', personId: `person-${i}`,
    })
    return { doc, provider, backAt: null as number | null }
  })
  const closeAll = async () => {
    for (const client of clients) {
      client.provider.destroy()
      client.doc.destroy()
    }
    await server.stop()
  }
  try {
    const connecting = performance.now()
    if (!await until(() => clients.every((c) => c.provider.synced), timeoutMs)) {
      throw new Error(`only ${clients.filter((c) => c.provider.synced).length} of ${count} clients connected`)
    }
    const connectMs = Math.round(performance.now() - connecting)
    log(`${count} clients connected in ${connectMs} ms`)
    addMark(clients[0]!.doc, 'before-restart')
    if (!await until(() => clients.every((c) => groupsOf(c.doc).size === 1), timeoutMs)) throw new Error('the first mark did not reach everyone')

    // The restart: SIGTERM (clients get 1001 and reconnect), a new process on the same data.
    const stopping = performance.now()
    const { dataDir } = server
    attempts = 0
    for (const client of clients) {
      // 'sync' also fires (with false) when the socket closes.
      const onSync = (synced: boolean) => {
        if (!synced || client.backAt !== null) return
        client.backAt = performance.now()
        client.provider.off('sync', onSync)
      }
      client.provider.on('sync', onSync)
    }
    await server.stop()
    server = await startServer({ dataDir, entry, env: serverEnv })
    const up = performance.now()
    const restartMs = Math.round(up - stopping)
    log(`server back in ${restartMs} ms`)
    // Edits right after the restart, mostly by clients not yet back (they go in their sync step 2).
    const step = Math.max(1, Math.floor(count / Math.max(1, editorsAtRestart)))
    for (let i = 0; i < editorsAtRestart; i++) addMark(clients[(i * step) % count]!.doc, `at-restart-${i}`)

    const allBack = await until(() => clients.every((c) => c.backAt !== null), timeoutMs)
    const attemptsUntilBack = attempts
    const back = clients.map((c) => c.backAt).filter((at): at is number => at !== null).map((at) => Math.max(0, Math.round(at - up))).sort((a, b) => a - b)
    const histogram: number[] = []
    for (const ms of back) {
      const bucket = Math.floor(ms / 500)
      while (histogram.length <= bucket) histogram.push(0)
      histogram[bucket]!++
    }
    const peakWithin100ms = (times: number[]) => {
      let peak = 0
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! > 100) j++
        peak = Math.max(peak, i - j + 1)
      }
      return peak
    }
    const peak100ms = peakWithin100ms(back)
    const attemptPeak100ms = peakWithin100ms(attemptTimes.filter((at) => at >= up).sort((a, b) => a - b))
    log(`${back.length} of ${count} back; first ${back[0]} ms, last ${back.at(-1)} ms after the server listened; ${attemptsUntilBack} connection attempts`)

    for (let i = 0; i < editorsAfter; i++) addMark(clients[(i * step + 1) % count]!.doc, `after-restart-${i}`)
    const marks = 1 + editorsAtRestart + editorsAfter
    const converged = allBack && await until(() => {
      if (!clients.every((c) => c.provider.synced && groupsOf(c.doc).size === marks)) return false
      const reference = Y.encodeStateVector(clients[0]!.doc)
      return clients.every((c) => Buffer.compare(Buffer.from(Y.encodeStateVector(c.doc)), Buffer.from(reference)) === 0)
    }, timeoutMs)
    const convergedMs = Math.round(performance.now() - up)
    return {
      clients: count,
      connectMs,
      restartMs,
      firstMs: back[0] ?? -1,
      medianMs: back[Math.floor(back.length / 2)] ?? -1,
      lastMs: back.at(-1) ?? -1,
      histogram,
      peak100ms,
      attemptPeak100ms,
      attempts: attemptsUntilBack,
      convergedMs,
      converged,
      marks,
    }
  } finally {
    await closeAll()
  }
}

export function describeStorm(r: StormResult): string {
  const bars = r.histogram.map((n, i) => `  ${(i * 0.5).toFixed(1)}–${((i + 1) * 0.5).toFixed(1)} s ${String(n).padStart(4)} ${'#'.repeat(Math.ceil(n / 5))}`)
  return [
    `${r.clients} clients: connected in ${r.connectMs} ms; restart (SIGTERM → listening) ${r.restartMs} ms`,
    `reconnected (synced) after the server listened: first ${r.firstMs} ms, median ${r.medianMs} ms, last ${r.lastMs} ms; ` +
      `at most ${r.peak100ms} within 100 ms; ${r.attempts} connection attempts, at most ${r.attemptPeak100ms} within 100 ms once it listened`,
    'reconnections per 500 ms:',
    ...bars,
    `${r.converged ? 'all converged' : 'NOT converged'} (${r.marks} marks, one state) ${r.convergedMs} ms after the server listened`,
  ].join('\n')
}
