/**
 * `npm run bench`: how long an edit takes to reach the other people in the room, and what one commit
 * (one SQLite transaction; the log is synced to disk after it, before the acknowledgement) costs the server.
 *
 * Each scenario starts the real server as a child process (tests/helpers/server.ts, a temp DATA_DIR,
 * BENCH_STATS=1 so it serves its UpdateWriter statistics at /api/_bench/stats), creates a board and
 * connects stock y-websocket clients (Node `ws`, disableBc) with participant links. Every writer types
 * in a paragraph of its own at the end of the charter (Y.XmlText in Y.XmlElement('paragraph'), as
 * Tiptap stores it), one character per transaction as a keystroke does, and moves its caret in
 * awareness after each keystroke as the caret extension does. A receiver knows keystroke n of writer w
 * has arrived when w's paragraph holds n typed characters (the only writer of that paragraph), so
 * each sample is exactly: performance.now() just before the keystroke's transaction → the
 * receiver's observer seeing it. Same process, same clock; all clients share one event loop, so the
 * bench also reports how late that loop ran (client-side noise in the figures).
 *
 *   npm run bench -- --readers=5       readers in the single-writer scenarios (default 1)
 *   npm run bench -- --data-dir=DIR    where the servers' DATA_DIRs go (default the OS temp dir): the
 *                                      disk the product will use, or /dev/shm to see the cost of fsync
 *
 * Exits 1 if a scenario fails (an edit never arrives, contents differ, a client disconnects, the
 * server logs an error or does not exit 0 on SIGTERM).
 */
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import type { BenchStatsResponse } from '../../server/http/bench-stats-routes.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { MessageType, isChangeMessage, readSavedThrough } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

// ─── Scenarios ──────────────────────────────────────────────────────────────────────────────────

interface Scenario {
  name: string
  writers: number
  readers: number
  /**
   * typing: one keystroke every 20–50 ms per writer, the caret announced after each.
   * burst: every `burstPauseMs`, all writers at once send `burstSize` keystrokes in one event-loop
   * turn each (a paste, a held key), the caret announced once at the end.
   */
  mode: 'typing' | 'burst'
  /** Keystrokes per writer, warm-up included. */
  keystrokes: number
  burstSize?: number
  burstPauseMs?: number
}

/** Keystrokes per writer not measured (JIT, first allocations, first fsyncs of the WAL): 20, or the first burst. */
const warmUpOf = (s: Scenario) => (s.mode === 'burst' ? s.burstSize! : 20)
const TYPING_MIN_MS = 20
const TYPING_MAX_MS = 50

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const READERS = Number(option('readers') ?? 1)
if (!Number.isInteger(READERS) || READERS < 1 || READERS > 200) {
  console.error(`--readers must be an integer from 1 to 200, got ${option('readers')}`)
  process.exit(2)
}
const DATA_PARENT = option('data-dir') ?? tmpdir()
/** Other work on the machine shows in the tails: say how busy it was. */
const LOAD_AT_START = loadavg()[0]!
/** Above this (p99), the bench process ran late: the latencies include its own delay. */
const CLIENT_BOUND_LOOP_DELAY_MS = 50
// Every stock provider adds a process 'exit' listener; 30 of them are expected here.
process.setMaxListeners(100)

const SCENARIOS: Scenario[] = [
  { name: `1 writer → ${READERS} reader${READERS > 1 ? 's' : ''}, typing`, writers: 1, readers: READERS, mode: 'typing', keystrokes: 320 },
  { name: `1 writer → ${READERS} reader${READERS > 1 ? 's' : ''}, burst`, writers: 1, readers: READERS, mode: 'burst', keystrokes: 1_050, burstSize: 50, burstPauseMs: 100 },
  { name: 'room of 30 (10 writers + 20 readers), typing', writers: 10, readers: 20, mode: 'typing', keystrokes: 220 },
  { name: 'room of 30 (10 writers + 20 readers), burst', writers: 10, readers: 20, mode: 'burst', keystrokes: 320, burstSize: 20, burstPauseMs: 500 },
]

/** Whatever happens, the bench ends: a hung scenario is a failure, not a stuck terminal. */
const WATCHDOG_MS = 180_000
const ARRIVAL_TIMEOUT_MS = 15_000

const TEXT = 'Nous nous engageons à partager nos compétences, à nous réunir chaque trimestre et à évaluer ensemble la charte. '

// ─── Measuring ──────────────────────────────────────────────────────────────────────────────────

interface Distribution { count: number; p50: number; p90: number; p99: number; max: number }

function distribution(samples: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(samples).sort()
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!)
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) }
}

interface ScenarioResult {
  scenario: Scenario
  /** Every (edit, other client) pair. */
  toEachOther: Distribution
  /** Per edit: until the last of the other clients has it. Only with more than one receiver. */
  toAllOthers: Distribution | null
  /** Edit → the server's SavedThrough acknowledgement reaches its writer ("Saved"). */
  toSaved: Distribution
  commits: BenchStatsResponse
  /** How late the bench process's own event loop ran (all clients live in it). */
  clientLoopDelay: { p99: number; max: number }
  /** CPU time over wall time during the run (1 = one core busy), or NaN where unknown. */
  cpu: { server: number; bench: number }
  /** 1-minute load average at the end of the run. */
  load: number
  durationMs: number
}

// ─── Clients ────────────────────────────────────────────────────────────────────────────────────

interface BenchClient {
  index: number
  doc: Y.Doc
  provider: WebsocketProvider
  /** Change frames (sync step 2 / update) sent on the current socket, counted like the server does. */
  changesSent: number
  /** The last SavedThrough count received. */
  savedThrough: number
  onSaved: (count: number) => void
  disconnects: number
}

function connect(wsUrl: string, boardId: string, token: string, index: number): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}${SYNC_PATH}`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const client: BenchClient = { index, doc, provider, changesSent: 0, savedThrough: 0, onSaved: () => {}, disconnects: 0 }
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') client.disconnects++
    if (status !== 'connected') return
    // Count what the stock client sends, to match the server's acknowledgements to keystrokes.
    client.changesSent = 0
    client.savedThrough = 0
    const ws = provider.ws!
    const send = ws.send.bind(ws)
    ws.send = ((data: Uint8Array<ArrayBuffer>) => {
      if (isChangeMessage(data)) client.changesSent++
      send(data)
    }) as typeof ws.send
  })
  provider.messageHandlers[MessageType.SavedThrough] = (_encoder: unknown, decoder: decoding.Decoder) => {
    client.savedThrough = readSavedThrough(decoder)
    client.onSaved(client.savedThrough)
  }
  provider.awareness.setLocalStateField('user', { name: `Bench ${index}`, color: '#7a5cff' })
  return client
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function until(what: string, check: () => boolean, timeout = ARRIVAL_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeout
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

const prefixOf = (writer: number) => `[bench w${writer}] `

/** The paragraph (its Y.XmlText) each writer types in, as a receiver's doc holds it. */
function findParagraphs(doc: Y.Doc, writers: number): Map<Y.XmlText, number> {
  const found = new Map<Y.XmlText, number>()
  for (const node of charterOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue
    const text = node.get(0)
    if (!(text instanceof Y.XmlText)) continue
    const match = /^\[bench w(\d+)\] /.exec(text.toString())
    if (match && Number(match[1]) < writers) found.set(text, Number(match[1]))
  }
  return found
}

// ─── One scenario ───────────────────────────────────────────────────────────────────────────────

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const { writers, readers, keystrokes } = scenario
  // Every client runs from this one address, up to 201 on one board: lift the caps made for real rooms.
  const env = { BENCH_STATS: '1', CONNECT_ATTEMPTS_PER_ADDRESS: '0', MAX_CONNECTIONS_PER_BOARD: '0' }
  const server = await startServer({ dataDir: mkdtempSync(join(DATA_PARENT, 'atelier-bench-')), env })
  const clients: BenchClient[] = []
  try {
    const board = await createBoard(server.url, `Bench — ${scenario.name}`, 'fr')
    for (let i = 0; i < writers + readers; i++) clients.push(connect(server.wsUrl, board.id, board.invites.participant, i))
    await until('every client to sync', () => clients.every((client) => client.provider.synced))
    const writerClients = clients.slice(0, writers)

    // Set-up: every writer adds its paragraph at the end of the charter; everyone finds all of them.
    const texts = writerClients.map((writer) => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText(prefixOf(writer.index))
      paragraph.insert(0, [text])
      const charter = charterOf(writer.doc)
      charter.insert(charter.length, [paragraph])
      return text
    })
    const receiversOf = (writer: number) => clients.filter((c) => c.index !== writer)
    const ownerOf = new Map<BenchClient, Map<Y.XmlText, number>>()
    await until('every paragraph at every client', () => clients.every((client) => {
      const found = findParagraphs(client.doc, writers)
      const expected = client.index < writers ? writers - 1 : writers
      const others = [...found.values()].filter((w) => w !== client.index).length
      if (others === expected) ownerOf.set(client, found)
      return others === expected
    }))
    await until('the set-up to be saved', () => writerClients.every((w) => w.changesSent > 0 && w.savedThrough === w.changesSent))
    const disconnectsBefore = clients.reduce((n, c) => n + c.disconnects, 0)

    // Bookkeeping: sentAt[w][seq] and changeCount[w][seq], seq from 1.
    const sentAt = writerClients.map(() => new Float64Array(keystrokes + 1))
    const changeCount = writerClients.map(() => new Int32Array(keystrokes + 1))
    const typed = writerClients.map(() => 0)
    const measured = (seq: number) => seq > warmUpOf(scenario)
    const toEachOther: number[] = []
    const lastArrival = writerClients.map(() => new Float64Array(keystrokes + 1))
    const arrivals = writerClients.map(() => new Int32Array(keystrokes + 1))
    const toSaved: number[] = []

    // Receivers: w's paragraph holding n typed characters means keystrokes 1..n of w have arrived.
    for (const client of clients) {
      const owners = ownerOf.get(client)!
      const seen = new Map<number, number>()
      charterOf(client.doc).observeDeep((events) => {
        const now = performance.now()
        for (const event of events) {
          if (!(event.target instanceof Y.XmlText)) continue
          const writer = owners.get(event.target)
          if (writer === undefined || writer === client.index) continue
          const count = event.target.length - prefixOf(writer).length
          for (let seq = (seen.get(writer) ?? 0) + 1; seq <= count; seq++) {
            if (measured(seq)) toEachOther.push(now - sentAt[writer]![seq]!)
            lastArrival[writer]![seq] = now
            arrivals[writer]![seq]!++
          }
          seen.set(writer, Math.max(seen.get(writer) ?? 0, count))
        }
      })
    }
    // Writers: a SavedThrough count covers every keystroke sent in a change frame up to it.
    for (const writer of writerClients) {
      let acked = 0
      writer.onSaved = (count) => {
        const now = performance.now()
        while (acked < typed[writer.index]! && changeCount[writer.index]![acked + 1]! <= count) {
          acked++
          if (measured(acked)) toSaved.push(now - sentAt[writer.index]![acked]!)
        }
      }
    }

    const keystroke = (writer: BenchClient, announceCaret: boolean) => {
      const w = writer.index
      const seq = ++typed[w]!
      const text = texts[w]!
      const char = TEXT[(seq - 1) % TEXT.length]!
      sentAt[w]![seq] = performance.now()
      writer.doc.transact(() => text.insert(text.length, char))
      changeCount[w]![seq] = writer.changesSent
      if (!announceCaret) return
      // The caret follows, as the collaboration caret extension announces it.
      const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length))
      writer.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret })
    }

    const loopDelay = monitorEventLoopDelay({ resolution: 5 })
    loopDelay.enable()
    const statsBefore = await fetchStats(server)
    const serverCpuBefore = processCpuMs(server.process.pid)
    const benchCpuBefore = process.cpuUsage()
    const started = performance.now()
    await Promise.all(writerClients.map(async (writer) => {
      if (scenario.mode === 'typing') {
        await sleep(Math.random() * TYPING_MAX_MS) // writers don't start in step
        while (typed[writer.index]! < keystrokes) {
          keystroke(writer, true)
          await sleep(TYPING_MIN_MS + Math.random() * (TYPING_MAX_MS - TYPING_MIN_MS))
        }
      } else {
        for (let round = 1; typed[writer.index]! < keystrokes; round++) {
          const end = Math.min(keystrokes, typed[writer.index]! + scenario.burstSize!)
          while (typed[writer.index]! < end) keystroke(writer, typed[writer.index]! + 1 === end)
          // Rounds on a fixed schedule, so all writers burst in the same turn of the server's loop.
          await sleep(Math.max(0, started + round * scenario.burstPauseMs! - performance.now()))
        }
      }
    }))
    await until('every keystroke at every other client', () =>
      arrivals.every((perSeq) => perSeq.every((n, seq) => seq === 0 || n === clients.length - 1)))
    await until('every keystroke to be saved', () => writerClients.every((w) => w.savedThrough >= changeCount[w.index]![keystrokes]!))
    const durationMs = performance.now() - started
    const serverCpuMs = processCpuMs(server.process.pid) - serverCpuBefore
    const benchCpu = process.cpuUsage(benchCpuBefore)
    loopDelay.disable()
    const statsAfter = await fetchStats(server)

    // Everyone converged on exactly what was typed.
    for (const writer of writerClients) {
      const expected = prefixOf(writer.index) + Array.from({ length: keystrokes }, (_, i) => TEXT[i % TEXT.length]).join('')
      for (const client of receiversOf(writer.index)) {
        const text = [...ownerOf.get(client)!].find(([, w]) => w === writer.index)![0].toString()
        if (text !== expected) throw new Error(`client ${client.index} has a different text for writer ${writer.index}`)
      }
    }
    const disconnects = clients.reduce((n, c) => n + c.disconnects, 0) - disconnectsBefore
    if (disconnects > 0) throw new Error(`${disconnects} client disconnection(s) during the run`)

    const allOthers: number[] = []
    if (clients.length > 2) {
      lastArrival.forEach((perSeq, w) => perSeq.forEach((at, seq) => { if (measured(seq)) allOthers.push(at - sentAt[w]![seq]!) }))
    }
    return {
      scenario,
      toEachOther: distribution(toEachOther),
      toAllOthers: allOthers.length > 0 ? distribution(allOthers) : null,
      toSaved: distribution(toSaved),
      commits: { ...statsAfter, batches: statsAfter.batches - statsBefore.batches, updates: statsAfter.updates - statsBefore.updates },
      clientLoopDelay: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      cpu: { server: serverCpuMs / durationMs, bench: (benchCpu.user + benchCpu.system) / 1000 / durationMs },
      load: loadavg()[0]!,
      durationMs,
    }
  } finally {
    for (const client of clients) {
      client.provider.destroy()
      client.doc.destroy()
    }
    const code = await server.stop()
    rmSync(server.dataDir, { recursive: true, force: true })
    const problems = server.logs.filter((line) => /"level":"(warn|error)"/.test(line))
    if (problems.length > 0) console.error(`server warnings/errors during "${scenario.name}":\n  ${problems.slice(0, 10).join('\n  ')}`)
    if (code !== 0) throw new Error(`the server exited with ${code} on SIGTERM`)
    if (problems.some((line) => line.includes('"level":"error"'))) throw new Error('the server logged errors')
  }
}

/** User + system CPU time of a process, in ms (Linux /proc; NaN elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // USER_HZ is 100 on Linux
  } catch {
    return NaN
  }
}

async function fetchStats(server: TestServer): Promise<BenchStatsResponse> {
  const response = await fetch(`${server.url}/api/_bench/stats`)
  if (!response.ok) throw new Error(`GET /api/_bench/stats: ${response.status} (is BENCH_STATS=1 wired?)`)
  return (await response.json()) as BenchStatsResponse
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────────────

function machineLine(dataDir: string): string {
  const cpuList = cpus()
  const model = cpuList[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU'
  return `node ${process.version}, ${cpuList.length} CPU${cpuList.length > 1 ? 's' : ''} (${model}), ${process.platform} ${process.arch}, ` +
    `load average ${LOAD_AT_START.toFixed(2)} at start; ` +
    `SQLite WAL, synchronous=${sqliteSynchronous()} (the log fdatasync'd before acknowledging); DATA_DIR on ${filesystemOf(dataDir)}`
}

/** The mode the store sets (a per-connection pragma: not readable from another connection). */
function sqliteSynchronous(): string {
  try {
    const source = readFileSync(new URL('../../server/store/sqlite-store.ts', import.meta.url), 'utf8')
    return /pragma\(\s*'synchronous\s*=\s*(\w+)'\s*\)/i.exec(source)?.[1]?.toUpperCase() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function filesystemOf(dir: string): string {
  const names: Record<number, string> = {
    0xef53: 'ext4', 0x01021994: 'tmpfs (fsync is free: commit times are not a disk\'s)', 0x794c7630: 'overlayfs',
    0x58465342: 'xfs', 0x9123683e: 'btrfs', 0x65735546: 'fuse', 0x6969: 'nfs',
  }
  try {
    const type = statfsSync(dir).type
    return names[type] ?? `filesystem 0x${type.toString(16)}`
  } catch {
    return 'unknown filesystem'
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0))

const pct = (share: number) => (Number.isNaN(share) ? '—' : `${Math.round(share * 100)} %`)

function table(headers: string[], rows: string[][], alignLeft: number): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

function describe(s: Scenario): string {
  return s.mode === 'typing'
    ? `${s.keystrokes} keystrokes per writer, one every ${TYPING_MIN_MS}–${TYPING_MAX_MS} ms`
    : `${s.keystrokes} keystrokes per writer in bursts of ${s.burstSize} (one event-loop turn), every ${s.burstPauseMs} ms, writers in step`
}

function report(results: ScenarioResult[], dataDir: string): void {
  console.log(`\nAtelier sync bench — ${machineLine(dataDir)}`)
  console.log(`Latency from the keystroke (performance.now() before its transaction) to its arrival; a writer's first 20 keystrokes (typing) or first burst not measured. Loopback, in ms.\n`)
  const latencyRows: string[][] = []
  for (const r of results) {
    const receivers = r.scenario.writers + r.scenario.readers - 1
    const rows: Array<[string, Distribution]> = [[receivers > 1 ? 'edit → each other client' : 'edit → other client', r.toEachOther]]
    if (r.toAllOthers) rows.push([`edit → all ${receivers} others`, r.toAllOthers])
    rows.push(['edit → saved (ack to writer)', r.toSaved])
    rows.forEach(([measure, d], i) => latencyRows.push([
      i === 0 ? r.scenario.name : '', measure, String(d.count), ms(d.p50), ms(d.p90), ms(d.p99), ms(d.max),
    ]))
  }
  console.log(table(['scenario', 'measure', 'count', 'p50', 'p90', 'p99', 'max'], latencyRows, 2))

  console.log('\nServer commit per batch (UpdateWriter: one SQLite transaction per event-loop turn), in ms:\n')
  console.log(table(
    ['scenario', 'batches', 'updates', 'updates/batch', 'p50', 'p99', 'max', 'mean'],
    results.map((r) => [
      r.scenario.name, String(r.commits.batches), String(r.commits.updates),
      r.commits.batches > 0 ? (r.commits.updates / r.commits.batches).toFixed(2) : '—',
      ms(r.commits.commitMs.p50), ms(r.commits.commitMs.p99), ms(r.commits.commitMs.max), ms(r.commits.commitMs.mean),
    ]),
    1,
  ))
  console.log('(batches and updates: during the measured run; commit times: every batch of that server, set-up included)')

  console.log('\nScenarios:')
  for (const r of results) {
    console.log(`  ${r.scenario.name}: ${describe(r.scenario)}; ran ${(r.durationMs / 1000).toFixed(1)} s; ` +
      `CPU: server ${pct(r.cpu.server)}, bench process (all clients) ${pct(r.cpu.bench)}; ` +
      `bench event-loop delay p99 ${ms(r.clientLoopDelay.p99)} ms, max ${ms(r.clientLoopDelay.max)} ms; load average ${r.load.toFixed(2)}`)
    if (r.clientLoopDelay.p99 > CLIENT_BOUND_LOOP_DELAY_MS) {
      console.log(`    ⚠ the bench process ran late (event-loop delay p99 ${ms(r.clientLoopDelay.p99)} ms): its own work (all ` +
        `${r.scenario.writers + r.scenario.readers} clients on one thread) or other processes on this ${cpus().length}-CPU machine. ` +
        'The latencies above include that delay and overstate what each person would see.')
    }
  }
}

// ─── Main ───────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`)
    process.exit(1)
  }, WATCHDOG_MS)
  watchdog.unref()
  const benchStarted = performance.now()
  const results: ScenarioResult[] = []
  for (const scenario of SCENARIOS) {
    process.stderr.write(`bench: ${scenario.name}…\n`)
    results.push(await runScenario(scenario))
  }
  report(results, DATA_PARENT)
  console.log(`\nTotal ${((performance.now() - benchStarted) / 1000).toFixed(1)} s.`)
  clearTimeout(watchdog)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    process.exit(1)
  },
)
