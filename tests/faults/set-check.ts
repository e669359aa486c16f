/**
 * A Jepsen-style set check of "nothing acknowledged or seen is ever lost", over real y-websocket
 * clients and real server processes, with the faults left to a strategy (a FaultTarget): kill -9 of
 * the one server here (single-instance.ts), of one of two instances behind a relay later.
 *
 *   - Writers (participant links) add unique marks (tests/helpers/probes.ts) at seeded intervals,
 *     connected or not. A mark counts as acknowledged only once the server's SavedThrough covers
 *     the change frame that carried it, on that same socket (MarkTracker below).
 *   - Observers (observer links: the server never takes their changes) count every mark the
 *     server relayed to them as seen.
 *   - Meanwhile the target injects `faults` faults at seeded moments, each once every client is
 *     back after the previous one; clients reconnect on their own.
 *   - At the end, a last crash and restart, then a fresh client reads the board: every acknowledged
 *     and every seen mark must be there (lost = 0); a mark present twice is a duplicate.
 *
 * Every socket a client opens asks the target where to go (`wsUrlFor`), the way a load balancer
 * would send a reconnecting client to a live instance.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import { groupsOf } from '../../shared/board/schema.ts'
import { seeded } from '../../shared/board/test-support.ts'
import { MessageType, SyncMessageType, readRefused, readSavedThrough } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { TEST_PERSON_KEY, personKeyOf } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { addMark, marksOf } from '../helpers/probes.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'

export type Random = () => number

/** What the set check runs against, and how it breaks it. */
export interface FaultTarget {
  /** An HTTP base URL to create the board on (once, before any fault). */
  httpUrl(): string
  /** Where client `clientIndex` connects now (`ws://host:port`), asked at every new socket. */
  wsUrlFor(clientIndex: number): string
  /** One fault (kill -9 and restart…); resolves once the service is back up. Returns what it did. */
  fault(n: number, random: Random): Promise<string>
  /** The last fault before the final read: every process crashes and starts again. */
  crashAndRestart(): Promise<void>
  /** Recent server log lines, printed when clients are slow to come back. */
  recentLogs?(): string[]
}

export interface SetCheckOptions {
  seed: number
  /** Faults injected during the writes. */
  faults: number
  writers?: number
  observers?: number
  /** A writer's next mark comes after a uniform delay in this range (ms). */
  writeEveryMs?: [number, number]
  /** Once a writer is back, the next fault comes after a uniform delay in this range (ms). */
  uptimeMs?: [number, number]
  /**
   * No new fault after this long (ms) from the first: the run stays bounded on a loaded machine,
   * where a restart can take ten times as long; `faults` in the result says how many there were.
   */
  budgetMs?: number
  log?: (line: string) => void
}

export interface SetCheckResult {
  seed: number
  faults: string[]
  written: number
  acknowledged: number
  seen: number
  /** Marks in the board read back at the end (with repeats). */
  final: number
  acknowledgedLost: string[]
  seenLost: string[]
  /** Marks present more than once at the end. */
  duplicates: string[]
  /** Marks at the end that no writer wrote. */
  unexpected: string[]
  /** Written, never acknowledged, yet kept (allowed: the ack was lost with the process). */
  unacknowledgedKept: number
  /** Refused messages the writers got (must be none: their marks are allowed). */
  refusals: string[]
  /** Times no mark was acknowledged within 10 s of a fault (or not every client back at the end within 20 s). */
  slowRecoveries: number
  /** Faults not injected because the time budget ran out. */
  skippedFaults: number
  ms: number
}

const between = (random: Random, [min, max]: [number, number]) => min + random() * (max - min)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Which marks the server acknowledged, from what one writer's sockets carried. A mark written while
 * connected leaves at once in its own update frame; one written while no socket is open (or whose
 * socket died before the acknowledgement) leaves in the sync step 2 of the next socket, which holds
 * everything that server lacks. Counts restart from 1 on every socket, on both sides.
 */
export class MarkTracker {
  private socket: object | null = null
  private socketNumber = 0
  private sent = 0
  /** Written, carried by no frame of the current socket yet. */
  private unsent: string[] = []
  /** Carried by change frame `frame` of socket `socket`. */
  private inFlight: { mark: string; socket: number; frame: number }[] = []
  private writing: string | null = null
  private carriedNow = false
  readonly acked = new Set<string>()
  /** When the last acknowledgement that covered a mark came (performance.now()). */
  lastAckAt = 0
  readonly written: string[] = []
  /** Refused messages the server sent (an honest writer gets none). */
  readonly refusals: string[] = []

  onSocket(socket: object): void {
    this.socket = socket
    this.socketNumber++
    this.sent = 0
    // Never acknowledged on the old socket: the next step 2 carries them (or the server has them already).
    for (const entry of this.inFlight.splice(0)) this.unsent.push(entry.mark)
  }

  onSend(socket: object, frame: Uint8Array): void {
    if (socket !== this.socket || frame.length < 2) return
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return
    const sub = decoding.readVarUint(decoder)
    if (sub !== SyncMessageType.Step2 && sub !== SyncMessageType.Update) return
    this.sent++
    const carried = sub === SyncMessageType.Step2 ? this.unsent.splice(0) : []
    if (this.writing !== null) {
      carried.push(this.writing)
      this.carriedNow = true
    }
    for (const mark of carried) this.inFlight.push({ mark, socket: this.socketNumber, frame: this.sent })
  }

  onSavedThrough(count: number): void {
    this.inFlight = this.inFlight.filter((entry) => {
      if (entry.socket !== this.socketNumber || entry.frame > count) return true
      this.acked.add(entry.mark)
      this.lastAckAt = performance.now()
      return false
    })
  }

  /** Writes `mark` into `doc` (the provider sends it at once when its socket is open). */
  write(doc: Y.Doc, mark: string): void {
    this.written.push(mark)
    this.writing = mark
    this.carriedNow = false
    try {
      addMark(doc, mark)
    } finally {
      this.writing = null
    }
    if (!this.carriedNow) this.unsent.push(mark)
  }

  get pending(): number {
    return this.unsent.length + this.inFlight.length
  }
}

interface FaultClient {
  doc: Y.Doc
  provider: WebsocketProvider
  tracker: MarkTracker | null
}

function openClient(target: FaultTarget, index: number, boardId: string, token: string, tracker: MarkTracker | null): FaultClient {
  class RoutedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      const routed = new URL(String(url))
      const base = new URL(target.wsUrlFor(index))
      routed.protocol = base.protocol
      routed.host = base.host
      super(routed.toString(), protocols)
      tracker?.onSocket(this)
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      if (tracker && data instanceof Uint8Array) tracker.onSend(this, data)
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://fault-target${SYNC_PATH}`, boardId, doc, {
    // Writers sign their marks as the probe's person (tests/helpers/probes.ts): the server refuses marks signed as someone else.
    params: { token, [SYNC_PERSON_PARAM]: tracker ? TEST_PERSON_KEY : personKeyOf(`fault-observer-${index}`) },
    WebSocketPolyfill: RoutedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    // Stock backoff, capped at 0.5 s instead of 2.5 s: the run spends its time on faults, not waits.
    maxBackoffTime: 500,
  })
  provider.messageHandlers[MessageType.SavedThrough] = (_encoder: unknown, decoder: decoding.Decoder) => {
    tracker?.onSavedThrough(readSavedThrough(decoder))
  }
  // An honest writer is never refused; if it were, its marks would not be saved as written.
  provider.messageHandlers[MessageType.Refused] = (_encoder: unknown, decoder: decoding.Decoder) => {
    tracker?.refusals.push(readRefused(decoder)?.detail ?? 'unreadable refusal')
  }
  return { doc, provider, tracker }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) return false
    await sleep(20)
  }
  return true
}

export async function runSetCheck(target: FaultTarget, options: SetCheckOptions): Promise<SetCheckResult> {
  const started = performance.now()
  const { seed, faults: faultCount, writers: writerCount = 4, observers: observerCount = 2 } = options
  const writeEveryMs = options.writeEveryMs ?? [40, 120]
  const uptimeMs = options.uptimeMs ?? [100, 800]
  const log = options.log ?? (() => {})
  const random = seeded(seed)

  const board = await createBoard(target.httpUrl(), 'Set check')
  const writers = Array.from({ length: writerCount }, (_, i) => openClient(target, i, board.id, board.invites.participant, new MarkTracker()))
  const observers = Array.from({ length: observerCount }, (_, i) => openClient(target, writerCount + i, board.id, board.invites.observer, null))
  const clients = [...writers, ...observers]
  const seen = new Set<string>()
  for (const observer of observers) {
    const groups = groupsOf(observer.doc)
    groups.observe((event) => {
      for (const key of event.keysChanged) {
        const name = groups.get(key)?.get('name')
        if (typeof name === 'string') seen.add(name)
      }
    })
  }
  const allBack = () => clients.every((client) => client.provider.wsconnected && client.provider.synced)
  // A fault once the server acknowledges marks again (the other clients may still be reconnecting:
  // faults hit them too). On a loaded machine a commit may take longer than the whole uptime.
  let lastFaultAt = 0
  const acksFlowing = () => writers.some((client) => client.tracker!.lastAckAt > lastFaultAt)

  try {
    if (!await until(allBack, 20_000)) throw new Error('the clients did not connect')

    let writing = true
    const writeLoops = writers.map(async (writer, w) => {
      const own = seeded(seed * 31 + w + 1)
      for (let n = 0; writing; n++) {
        writer.tracker!.write(writer.doc, `w${w}-${n}`)
        await sleep(between(own, writeEveryMs))
      }
    })

    const faults: string[] = []
    let slowRecoveries = 0
    const deadline = performance.now() + (options.budgetMs ?? Infinity)
    for (let n = 1; n <= faultCount && performance.now() < deadline; n++) {
      const waited = performance.now()
      if (!await until(acksFlowing, 10_000)) {
        slowRecoveries++
        log(`not all back: ${clients.map((c, i) => `${i}:${c.provider.wsconnected ? 'open' : 'closed'}/${c.provider.synced ? 'synced' : 'unsynced'}`).join(' ')}`)
        for (const line of target.recentLogs?.() ?? []) log(`  ${line}`)
      }
      const backAfter = Math.round(performance.now() - waited)
      await sleep(between(random, uptimeMs))
      lastFaultAt = performance.now()
      const label = await target.fault(n, random)
      faults.push(label)
      log(`fault ${n}/${faultCount}: ${label} (acknowledgements again after ${backAfter} ms); acknowledged so far ${writers.reduce((sum, w) => sum + w.tracker!.acked.size, 0)}`)
    }
    if (!await until(allBack, 20_000)) slowRecoveries++
    await sleep(300)
    writing = false
    await Promise.all(writeLoops)
    // Give the last marks their acknowledgements (not required: only what was acknowledged counts).
    await until(() => writers.every((w) => w.tracker!.pending === 0), 5_000)

    const written = writers.flatMap((w) => w.tracker!.written)
    const acked = writers.flatMap((w) => [...w.tracker!.acked])
    for (const client of clients) {
      client.provider.destroy()
      client.doc.destroy()
    }

    await target.crashAndRestart()
    const reader = connectClient(target.wsUrlFor(clientCountOf(options)), board.id, board.invites.observer)
    let finalMarks: string[]
    try {
      await waitSynced(reader, 30_000)
      finalMarks = marksOf(reader.doc)
    } finally {
      reader.destroy()
    }

    const present = new Map<string, number>()
    for (const mark of finalMarks) present.set(mark, (present.get(mark) ?? 0) + 1)
    const writtenSet = new Set(written)
    const ackedSet = new Set(acked)
    return {
      seed,
      faults,
      written: written.length,
      acknowledged: ackedSet.size,
      seen: seen.size,
      final: finalMarks.length,
      acknowledgedLost: acked.filter((mark) => !present.has(mark)),
      seenLost: [...seen].filter((mark) => !present.has(mark)),
      duplicates: [...present].filter(([, count]) => count > 1).map(([mark]) => mark),
      unexpected: [...present.keys()].filter((mark) => !writtenSet.has(mark)),
      refusals: writers.flatMap((w) => w.tracker!.refusals),
      unacknowledgedKept: written.filter((mark) => !ackedSet.has(mark) && present.has(mark)).length,
      slowRecoveries,
      skippedFaults: faultCount - faults.length,
      ms: Math.round(performance.now() - started),
    }
  } finally {
    for (const client of clients) client.provider.destroy()
  }
}

const clientCountOf = (options: SetCheckOptions) => (options.writers ?? 4) + (options.observers ?? 2)

/** One line of figures for the test log. */
export function describeResult(label: string, r: SetCheckResult): string {
  return `${label}: seed ${r.seed}, ${r.faults.length} faults${r.skippedFaults ? ` (${r.skippedFaults} more not injected: time budget)` : ''}, ${r.written} marks written, ${r.acknowledged} acknowledged, ` +
    `${r.seen} seen by observers, ${r.final} read back; acknowledged-lost ${r.acknowledgedLost.length}, ` +
    `seen-lost ${r.seenLost.length}, duplicates ${r.duplicates.length}, unexpected ${r.unexpected.length}; ` +
    `${r.unacknowledgedKept} kept without an acknowledgement; ${(r.ms / 1000).toFixed(1)} s`
}
