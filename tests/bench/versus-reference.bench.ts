/**
 * `npm run bench` (first part), or `npx tsx tests/bench/versus-reference.bench.ts`: this server against
 * the reference, @y/websocket-server 0.1.1 (the last release on yjs 13), on the same load, on the same
 * machine, in one run; every figure printed with its ratio ours / reference (issue 10).
 *
 * Ours is the real compiled server (dist-server/main.mjs, rebuilt first when older than server/ or
 * shared/, as `npm start` does) started as tests/helpers/server.ts does: a child process, a temp DATA_DIR
 * (SQLite, WAL: every update is committed before it is relayed, and its log fdatasync'd before it is
 * acknowledged), an ephemeral port. The reference is tests/bench/reference-server.mjs: the package's
 * `setupWSConnection` in its own child process on an ephemeral port, documents in memory only.
 * Clients are stock y-websocket providers over `ws` (disableBc), all in this process, on a board
 * holding what a new Atelier board holds (the reference's boards get the same state pushed first).
 * The two servers are measured alternately (ours, reference, then reference, ours…), so a busy
 * machine weighs on both alike; the load average is printed.
 *
 * What is measured:
 * - Fan-out: N clients on one board, each typing one character (one transaction, one update frame)
 *   BENCH_EDITS_PER_SECOND times a second (default 2) into a paragraph of its own, at a random phase.
 *   Latency = performance.now() before the edit's transaction → its arrival in another client's doc
 *   (the receiver's observer), for every (edit, other client) pair; "all" = until the last of the
 *   N−1 others has it. The first BENCH_WARMUP_SECONDS are not counted.
 * - Server CPU per delivered update: the server process's user+system CPU (/proc/<pid>/stat) over
 *   the measured fan-out window, divided by the edits × (N−1) deliveries it made (the notes say how
 *   much of it the main thread took, and the server's write calls per edit, from /proc/<pid>/io).
 * - Cold load: a board whose document carries a BENCH_HISTORY_OPS-operation history (typing with
 *   some deletions, one transaction per operation), pushed by a client. Ours stores it and, with
 *   ROOM_KEEP_WARM_SECONDS=0, unloads the room when its clients leave (the log merged into one
 *   row): each trial is a fresh client on an unloaded board, so the room is read back from SQLite.
 *   The reference has no store: it keeps the document in memory for ever, so its "cold" load is a
 *   fresh client syncing from memory. Time = provider created → provider 'synced' (its doc has the
 *   whole history). Ours is also measured warm (another client keeps the room loaded).
 * - Idle boards: a fresh server of each kind, then BENCH_IDLE_BOARDS boards (default 1,000), each
 *   opened by one client that stays connected and does nothing (ours' boards are created first,
 *   then the server restarted: opening is measured, not creating). RSS (/proc/<pid>/status VmRSS)
 *   before and after; per board = the difference / the count.
 * - Absorb: BENCH_ABSORB_WRITERS writers (default 4) send updates to one board as fast as the server
 *   takes them (at most BENCH_ABSORB_WINDOW each not yet seen by a reader), for BENCH_ABSORB_SECONDS;
 *   updates/s = updates the reader received in that window / its length.
 *
 * Environment: BENCH_CLIENTS (default 10,50,100), BENCH_EDITS_PER_SECOND (2), BENCH_FANOUT_SECONDS (15),
 * BENCH_WARMUP_SECONDS (3), BENCH_ROUNDS (2: fan-out rounds per server, alternated), BENCH_HISTORY_OPS
 * (20000), BENCH_COLD_LOADS (9), BENCH_IDLE_BOARDS (1000), BENCH_ABSORB_SECONDS (5),
 * BENCH_ONLY (comma list of fanout, cold, idle, absorb), BENCH_DATA_DIR (parent of ours' DATA_DIR),
 * BENCH_PROFILE_DIR (runs both servers with node --cpu-prof, profiles written there on exit),
 * BENCH_SERVER_ENTRY (another compiled main.mjs of ours to measure instead of dist-server/'s).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { charterOf } from '../../shared/board/schema.ts'
import { MessageType } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { createBoard } from '../helpers/api.ts'

// ─── Settings ───────────────────────────────────────────────────────────────────────────────────

const numberEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${process.env[name]}`)
  return value
}
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '10,50,100').split(',').map(Number)
if (CLIENT_COUNTS.some((n) => !Number.isInteger(n) || n < 2)) throw new Error('BENCH_CLIENTS: integers ≥ 2, comma-separated')
const EDITS_PER_SECOND = numberEnv('BENCH_EDITS_PER_SECOND', 2)
const FANOUT_SECONDS = numberEnv('BENCH_FANOUT_SECONDS', 15)
const WARMUP_SECONDS = numberEnv('BENCH_WARMUP_SECONDS', 3)
const ROUNDS = Math.max(1, numberEnv('BENCH_ROUNDS', 2))
const HISTORY_OPS = numberEnv('BENCH_HISTORY_OPS', 20_000)
const COLD_LOADS = Math.max(1, numberEnv('BENCH_COLD_LOADS', 9))
const IDLE_BOARDS = numberEnv('BENCH_IDLE_BOARDS', 1_000)
const ABSORB_SECONDS = numberEnv('BENCH_ABSORB_SECONDS', 5)
const ABSORB_WRITERS = Math.max(1, numberEnv('BENCH_ABSORB_WRITERS', 4))
const ABSORB_WINDOW = Math.max(1, numberEnv('BENCH_ABSORB_WINDOW', 400))
const SECTIONS = new Set((process.env.BENCH_ONLY ?? 'fanout,cold,idle,absorb').split(','))
const DATA_PARENT = process.env.BENCH_DATA_DIR ?? tmpdir()
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR
/** Another build of our server to measure (e.g. a branch built elsewhere); default dist-server/main.mjs. */
const SERVER_ENTRY = process.env.BENCH_SERVER_ENTRY
const LOAD_AT_START = loadavg()

const ROOT = new URL('../..', import.meta.url).pathname
const ARRIVAL_TIMEOUT_MS = 30_000
// Every stock provider adds a process 'exit' listener: a thousand of them are expected here.
process.setMaxListeners(0)

// ─── Servers ────────────────────────────────────────────────────────────────────────────────────

type Kind = 'ours' | 'reference'

interface Board {
  /** A stock client on this board (its doc given, or a new one). */
  connect(doc?: Y.Doc): WebsocketProvider
}

interface Target {
  kind: Kind
  readonly pid: number
  newBoard(): Promise<Board>
  /** Ours only: stops the server and starts it again on the same data (nothing in memory). */
  restart?(): Promise<void>
  stop(): Promise<void>
}

/** What a new Atelier board holds (the reference's boards get it too, pushed by their first client). */
let boardTemplate: Uint8Array | null = null

function provider(url: string, room: string, doc: Y.Doc, params: Record<string, string>): WebsocketProvider {
  const p = new WebsocketProvider(url, room, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  // Ours acknowledges commits (SavedThrough) and explains refusals: nothing to do with them here.
  p.messageHandlers[MessageType.SavedThrough] = () => {}
  p.messageHandlers[MessageType.Refused] = (_encoder: unknown, decoder: decoding.Decoder) => {
    console.error(`bench: the server refused a bench edit: ${decoding.readVarString(decoder)}`)
    process.exit(1)
  }
  return p
}

interface Child { port: number; pid: number; logs: string[]; stop(): Promise<number | null> }

/**
 * Starts a server as a child process and waits for the line that says which port it listens on.
 * (Ours as tests/helpers/server.ts starts it; spawned here so that BENCH_PROFILE_DIR can give node
 * --cpu-prof, which NODE_OPTIONS does not take.)
 */
async function spawnServer(name: string, script: string, env: Record<string, string>): Promise<Child> {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : []
  const child: ChildProcess = spawn(process.execPath, [...profile, script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${logs.join('\n')}`)), 20_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line)
      const match = line.includes('"listening"') ? /"port":(\d+)/.exec(line) : null
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    exited.then((code) => reject(new Error(`${name} exited with ${code}:\n${logs.join('\n')}`)))
  })
  return {
    port,
    pid: child.pid!,
    logs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

async function startOurs(env: Record<string, string> = {}): Promise<Target> {
  const dataDir = mkdtempSync(join(DATA_PARENT, 'atelier-versus-'))
  // Every client runs from this one address, up to 1,000 at once: lift the caps made for real rooms.
  const start = () => spawnServer('ours', SERVER_ENTRY ?? join(ROOT, 'dist-server/main.mjs'), {
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '',
    CREATE_RATE_PER_MINUTE: '0', CONNECT_ATTEMPTS_PER_ADDRESS: '0', MAX_CONNECTIONS_PER_BOARD: '0',
    ...env,
  })
  let server = await start()
  const stopServer = async () => {
    const code = await server.stop()
    const errors = server.logs.filter((line) => line.includes('"level":"error"'))
    if (errors.length > 0) throw new Error(`our server logged errors:\n  ${errors.slice(0, 5).join('\n  ')}`)
    if (code !== 0) throw new Error(`our server exited with ${code} on SIGTERM:\n  ${server.logs.filter((l) => !l.includes('"level":"info"')).slice(-30).join('\n  ')}`)
  }
  return {
    kind: 'ours',
    get pid() { return server.pid },
    async newBoard() {
      const board = await createBoard(`http://127.0.0.1:${server.port}`, 'Bench versus reference', 'fr')
      // The port is read at each connection: the server may have been restarted on the same data since.
      return { connect: (doc = new Y.Doc()) => provider(`ws://127.0.0.1:${server.port}${SYNC_PATH}`, board.id, doc, { token: board.invites.participant }) }
    },
    async restart() {
      await stopServer()
      server = await start()
    },
    async stop() {
      try {
        await stopServer()
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  }
}

async function startReference(): Promise<Target> {
  const server = await spawnServer('reference', join(ROOT, 'tests/bench/reference-server.mjs'), {})
  let boards = 0
  return {
    kind: 'reference',
    pid: server.pid,
    async newBoard() {
      const name = `bench-${++boards}`
      return {
        connect: (doc = new Y.Doc()) => {
          // The first client of a board brings it what a new Atelier board holds; for later ones it changes nothing.
          if (boardTemplate) Y.applyUpdate(doc, boardTemplate)
          return provider(`ws://127.0.0.1:${server.port}`, name, doc, {})
        },
      }
    },
    async stop() {
      await server.stop()
    },
  }
}

/** User + system CPU time in ms from a /proc stat file (the same reading for both servers). */
function cpuMsOf(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ').at(-1)!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // USER_HZ is 100 on Linux
}

/** A process's CPU time in ms, all its threads. */
const cpuMs = (pid: number): number => cpuMsOf(`/proc/${pid}/stat`)

/** What a server has done so far, read from /proc: subtract two readings for a window. */
interface ServerReading {
  cpuMs: number
  /** Its main thread's alone (its thread id is its pid). */
  mainCpuMs: number
  /** write/pwrite/writev calls: sockets, and for ours the SQLite log. */
  writeCalls: number
}

function readServer(pid: number): ServerReading {
  const io = /^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))
  return { cpuMs: cpuMs(pid), mainCpuMs: cpuMsOf(`/proc/${pid}/task/${pid}/stat`), writeCalls: Number(io?.[1] ?? NaN) }
}

/** Resident set size of a process, in bytes. */
function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!
  return Number(/(\d+)/.exec(line)![1]) * 1024
}

/** `npm start` rebuilds the server when its sources are newer than dist-server/: so does the bench. */
function ensureCompiledServer(): void {
  const built = join(ROOT, 'dist-server/main.mjs')
  let newest = 0
  const walk = (path: string) => {
    const stat = statSync(path)
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry))
    else newest = Math.max(newest, stat.mtimeMs)
  }
  for (const dir of ['server', 'shared']) walk(join(ROOT, dir))
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return
  process.stderr.write('bench: building the server (dist-server/)…\n')
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('the server build failed')
}

// ─── Small helpers ──────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function until(what: string, check: () => boolean, timeout = ARRIVAL_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeout
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

function percentile(samples: number[] | Float64Array, p: number): number {
  if (samples.length === 0) return NaN
  const sorted = Float64Array.from(samples).sort()
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}

const median = (samples: number[]) => percentile(samples, 0.5)

function closeAll(providers: WebsocketProvider[]): void {
  for (const p of providers) {
    p.destroy()
    p.doc.destroy()
  }
}

const PREFIX = (writer: number) => `[w${writer}] `

/** Adds writer `index`'s own paragraph at the end of the charter; returns its text. */
function addParagraph(doc: Y.Doc, index: number): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText(PREFIX(index))
  paragraph.insert(0, [text])
  const charter = charterOf(doc)
  charter.insert(charter.length, [paragraph])
  return text
}

/** The writers' paragraphs a doc holds, text → writer. */
function paragraphsOf(doc: Y.Doc): Map<Y.XmlText, number> {
  const found = new Map<Y.XmlText, number>()
  for (const node of charterOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue
    const text = node.get(0)
    if (!(text instanceof Y.XmlText)) continue
    const match = /^\[w(\d+)\] /.exec(text.toString())
    if (match) found.set(text, Number(match[1]))
  }
  return found
}

async function connectAll(board: Board, count: number): Promise<WebsocketProvider[]> {
  const providers: WebsocketProvider[] = []
  // A few dozen at a time, as people arrive, rather than a thousand handshakes in one turn.
  for (let i = 0; i < count; i += 50) {
    for (let j = i; j < Math.min(count, i + 50); j++) providers.push(board.connect())
    await until('clients to sync', () => providers.every((p) => p.synced), 60_000)
  }
  return providers
}

/**
 * Every client adds its paragraph; resolves with each client's text and, per receiving client, its
 * map of the others' paragraphs, once everybody has everybody's.
 */
async function setUpParagraphs(clients: WebsocketProvider[]): Promise<{ texts: Y.XmlText[]; owners: Map<Y.XmlText, number>[] }> {
  const texts = clients.map((c, i) => addParagraph(c.doc, i))
  const owners: Map<Y.XmlText, number>[] = []
  await until('every paragraph at every client', () => clients.every((c, i) => {
    const found = paragraphsOf(c.doc)
    owners[i] = found
    return found.size >= clients.length
  }), 60_000)
  return { texts, owners }
}

// ─── Fan-out ────────────────────────────────────────────────────────────────────────────────────

interface FanoutRun {
  each: number[]
  all: number[]
  deliveries: number
  /** The server over the measured window (main thread: the rest is V8's helper threads, libuv's pool, our worker threads). */
  server: ServerReading
  /** Edits made in that window. */
  measuredEdits: number
  benchLoopP99: number
}

async function fanout(target: Target, n: number): Promise<FanoutRun> {
  const board = await target.newBoard()
  const clients = await connectAll(board, n)
  try {
    const { texts, owners } = await setUpParagraphs(clients)
    await sleep(300)
    const maxEdits = Math.ceil((WARMUP_SECONDS + FANOUT_SECONDS) * EDITS_PER_SECOND) + 2
    const sentAt = clients.map(() => new Float64Array(maxEdits + 1))
    const arrivals = clients.map(() => new Int32Array(maxEdits + 1))
    const lastArrival = clients.map(() => new Float64Array(maxEdits + 1))
    const edits = clients.map(() => 0)
    const each: number[] = []
    let firstMeasured = Infinity
    const measured = (writer: number, seq: number) => sentAt[writer]![seq]! >= firstMeasured

    clients.forEach((client, receiver) => {
      const seen = new Map<number, number>()
      charterOf(client.doc).observeDeep((events) => {
        const now = performance.now()
        for (const event of events) {
          const writer = event.target instanceof Y.XmlText ? owners[receiver]!.get(event.target) : undefined
          if (writer === undefined || writer === receiver) continue
          const count = (event.target as Y.XmlText).length - PREFIX(writer).length
          for (let seq = (seen.get(writer) ?? 0) + 1; seq <= count; seq++) {
            if (measured(writer, seq)) each.push(now - sentAt[writer]![seq]!)
            arrivals[writer]![seq]!++
            lastArrival[writer]![seq] = now
          }
          seen.set(writer, Math.max(seen.get(writer) ?? 0, count))
        }
      })
    })

    const period = 1000 / EDITS_PER_SECOND
    const started = performance.now()
    const measureFrom = started + WARMUP_SECONDS * 1000
    const stopAt = measureFrom + FANOUT_SECONDS * 1000
    let before: ServerReading | null = null
    const loopDelay = monitorEventLoopDelay({ resolution: 5 })
    const cpuTimer = setTimeout(() => {
      firstMeasured = performance.now()
      before = readServer(target.pid)
      loopDelay.enable()
    }, measureFrom - started)
    await Promise.all(clients.map(async (client, w) => {
      // Each client at its own phase, then on a fixed schedule (no drift, no bunching).
      let next = started + Math.random() * period
      for (;;) {
        await sleep(Math.max(0, next - performance.now()))
        if (performance.now() >= stopAt || edits[w]! >= maxEdits) return
        const seq = ++edits[w]!
        sentAt[w]![seq] = performance.now()
        client.doc.transact(() => texts[w]!.insert(texts[w]!.length, 'abcdefghijklmnopqrstuvwxyz'[seq % 26]!))
        next += period
      }
    }))
    clearTimeout(cpuTimer)
    await until('every edit at every other client', () =>
      arrivals.every((perSeq, w) => perSeq.every((count, seq) => seq === 0 || seq > edits[w]! || count === n - 1)))
    const after = readServer(target.pid)
    const server = { cpuMs: after.cpuMs - before!.cpuMs, mainCpuMs: after.mainCpuMs - before!.mainCpuMs, writeCalls: after.writeCalls - before!.writeCalls }
    loopDelay.disable()
    const all: number[] = []
    let measuredEdits = 0
    clients.forEach((_, w) => {
      for (let seq = 1; seq <= edits[w]!; seq++) {
        if (!measured(w, seq)) continue
        measuredEdits++
        all.push(lastArrival[w]![seq]! - sentAt[w]![seq]!)
      }
    })
    return { each, all, deliveries: measuredEdits * (n - 1), server, measuredEdits, benchLoopP99: loopDelay.percentile(99) / 1e6 }
  } finally {
    closeAll(clients)
  }
}

// ─── Cold load of a long history ────────────────────────────────────────────────────────────────

/**
 * `ops` operations on a board's charter, in a doc of their own (merged into each board's own state
 * by the client that pushes them): typing in paragraphs of 200, every 7th operation a deletion.
 */
function historyDoc(ops: number): Y.Doc {
  const doc = new Y.Doc()
  let text: Y.XmlText | null = null
  for (let op = 0; op < ops; op++) {
    doc.transact(() => {
      if (op % 200 === 0) {
        const paragraph = new Y.XmlElement('paragraph')
        text = new Y.XmlText()
        paragraph.insert(0, [text])
        const charter = charterOf(doc)
        charter.insert(charter.length, [paragraph])
      } else if (op % 7 === 0 && text!.length > 0) {
        text!.delete(text!.length - 1, 1)
      } else {
        text!.insert(text!.length, 'Nous partageons nos compétences. '[op % 33]!)
      }
    })
  }
  return doc
}

/** A fresh client: provider created → 'synced' with the whole history. */
async function timeSync(board: Board, expected: string): Promise<number> {
  const started = performance.now()
  const client = board.connect(new Y.Doc())
  try {
    await until('a fresh client to sync', () => client.synced)
    const ms = performance.now() - started
    if (charterOf(client.doc).toString() !== expected) throw new Error('the synced client does not hold the whole history')
    return ms
  } finally {
    closeAll([client])
  }
}

interface ColdResult { cold: number[]; warm: number[]; historyBytes: number }

async function coldLoads(ours: Target, reference: Target): Promise<Record<Kind, ColdResult>> {
  const historyUpdate = Y.encodeStateAsUpdate(historyDoc(HISTORY_OPS))
  const boards = new Map<Kind, Board>()
  const expectedOf = new Map<Kind, string>()
  for (const target of [ours, reference]) {
    const board = await target.newBoard()
    // The history reaches the server from a client that holds it (one sync step 2), then a second
    // client confirms the server serves all of it; both leave.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, historyUpdate)
    const pusher = board.connect(doc)
    await until('the history to be pushed', () => pusher.synced)
    const expected = charterOf(pusher.doc).toString()
    expectedOf.set(target.kind, expected)
    const checker = board.connect(new Y.Doc())
    await until('the history to reach a second client', () => checker.synced && charterOf(checker.doc).toString() === expected, 60_000)
    closeAll([pusher, checker])
    boards.set(target.kind, board)
  }
  const results: Record<Kind, ColdResult> = {
    ours: { cold: [], warm: [], historyBytes: historyUpdate.length },
    reference: { cold: [], warm: [], historyBytes: historyUpdate.length },
  }
  for (let trial = 0; trial < COLD_LOADS; trial++) {
    for (const target of trial % 2 === 0 ? [ours, reference] : [reference, ours]) {
      // Ours unloads an empty room at once (ROOM_KEEP_WARM_SECONDS=0, its log merged first): give it the time.
      await sleep(1_000)
      results[target.kind].cold.push(await timeSync(boards.get(target.kind)!, expectedOf.get(target.kind)!))
    }
  }
  // Ours, warm: another client keeps the room loaded.
  const keeper = boards.get('ours')!.connect(new Y.Doc())
  await until('the keeper to sync', () => keeper.synced)
  for (let trial = 0; trial < COLD_LOADS; trial++) results.ours.warm.push(await timeSync(boards.get('ours')!, expectedOf.get('ours')!))
  closeAll([keeper])
  return results
}

// ─── Idle boards ────────────────────────────────────────────────────────────────────────────────

interface IdleResult { baseRss: number; rss: number; boards: number; openMs: number }

async function idleBoards(start: () => Promise<Target>): Promise<IdleResult> {
  const target = await start()
  const clients: WebsocketProvider[] = []
  try {
    const boards: Board[] = []
    for (let i = 0; i <= IDLE_BOARDS; i++) boards.push(await target.newBoard())
    // Ours: the boards are created (an HTTP call each, its garbage) and the server restarted, so
    // what is measured is opening them, not creating them. The reference creates a board on its first connection.
    await target.restart?.()
    // One board opened and left first, so the baseline includes what any first board costs (code, JIT).
    closeAll(await connectAll(boards.pop()!, 1))
    await sleep(2_000)
    const baseRss = rssBytes(target.pid)
    const started = performance.now()
    for (let i = 0; i < boards.length; i += 50) {
      const batch = boards.slice(i, i + 50).map((board) => board.connect())
      clients.push(...batch)
      await until('idle boards to sync', () => batch.every((p) => p.synced), 60_000)
    }
    const openMs = performance.now() - started
    await sleep(3_000)
    return { baseRss, rss: rssBytes(target.pid), boards: boards.length, openMs }
  } finally {
    closeAll(clients)
    await target.stop()
  }
}

// ─── Absorb ─────────────────────────────────────────────────────────────────────────────────────

interface AbsorbResult { updatesPerSecond: number; serverCpuShare: number }

async function absorb(target: Target): Promise<AbsorbResult> {
  const board = await target.newBoard()
  const clients = await connectAll(board, ABSORB_WRITERS + 1)
  try {
    const writers = clients.slice(0, ABSORB_WRITERS)
    const reader = clients[ABSORB_WRITERS]!
    const { texts, owners } = await setUpParagraphs(clients)
    const readerOwners = owners[ABSORB_WRITERS]!
    const sent = writers.map(() => 0)
    const received = writers.map(() => 0)
    let counting = false
    let counted = 0
    charterOf(reader.doc).observeDeep((events) => {
      for (const event of events) {
        const writer = event.target instanceof Y.XmlText ? readerOwners.get(event.target) : undefined
        if (writer === undefined || writer >= ABSORB_WRITERS) continue
        const count = (event.target as Y.XmlText).length - PREFIX(writer).length
        if (count > received[writer]!) {
          if (counting) counted += count - received[writer]!
          received[writer] = count
        }
      }
    })
    let running = true
    const loops = writers.map(async (writer, w) => {
      while (running) {
        if (sent[w]! - received[w]! < ABSORB_WINDOW) {
          // 20 keystrokes in one turn (20 frames), then let the sockets breathe.
          for (let k = 0; k < 20; k++) {
            writer.doc.transact(() => texts[w]!.insert(texts[w]!.length, 'x'))
            sent[w]!++
          }
          await new Promise((resolve) => setImmediate(resolve))
        } else {
          await sleep(1)
        }
      }
    })
    await sleep(1_000) // warm-up
    counting = true
    const cpuBefore = cpuMs(target.pid)
    const started = performance.now()
    await sleep(ABSORB_SECONDS * 1000)
    counting = false
    const elapsed = performance.now() - started
    const cpu = cpuMs(target.pid) - cpuBefore
    running = false
    await Promise.all(loops)
    await until('the reader to catch up', () => writers.every((_, w) => received[w] === sent[w]), 60_000)
    return { updatesPerSecond: (counted * 1000) / elapsed, serverCpuShare: cpu / elapsed }
  } finally {
    closeAll(clients)
  }
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────────────

interface Row { measure: string; ours: number; reference: number; unit: string; target?: string; lowerIsBetter?: boolean }

const fmt = (value: number, unit: string): string => {
  if (Number.isNaN(value)) return '—'
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0
  return `${value.toFixed(digits)} ${unit}`.trim()
}

function printTable(rows: Row[]): void {
  const cells = rows.map((r) => {
    const ratio = r.ours / r.reference
    const met = r.target ? (Number(r.target.replace(/[^\d.]/g, '')) >= ratio ? 'yes' : 'no') : ''
    return [r.measure, fmt(r.ours, r.unit), fmt(r.reference, r.unit), Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—',
      r.target ? `${r.target} ${met}` : '']
  })
  const headers = ['measure', 'ours', 'reference', 'ours/ref', 'target']
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd()
  console.log(line(headers))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

function filesystemOf(dir: string): string {
  const names: Record<number, string> = { 0xef53: 'ext4', 0x01021994: 'tmpfs', 0x794c7630: 'overlayfs', 0x58465342: 'xfs', 0x9123683e: 'btrfs' }
  try {
    const type = statfsSync(dir).type
    return names[type] ?? `filesystem 0x${type.toString(16)}`
  } catch {
    return 'unknown filesystem'
  }
}

// ─── Main ───────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const benchStarted = performance.now()
  if (!SERVER_ENTRY) ensureCompiledServer()
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true })
  const rows: Row[] = []
  const notes: string[] = []
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`)

  const ours = await startOurs()
  const reference = await startReference()
  try {
    // What a new board holds, for the reference's boards.
    const probe = (await ours.newBoard()).connect()
    await until('the template to sync', () => probe.synced)
    boardTemplate = Y.encodeStateAsUpdate(probe.doc)
    closeAll([probe])

    if (SECTIONS.has('fanout')) {
      for (const n of CLIENT_COUNTS) {
        const runs: Record<Kind, FanoutRun[]> = { ours: [], reference: [] }
        for (let round = 0; round < ROUNDS; round++) {
          for (const target of round % 2 === 0 ? [ours, reference] : [reference, ours]) {
            log(`fan-out, ${n} clients, ${target.kind} (round ${round + 1}/${ROUNDS})…`)
            runs[target.kind].push(await fanout(target, n))
          }
        }
        const merged = (kind: Kind) => {
          const sum = (of: (run: FanoutRun) => number) => runs[kind].reduce((total, run) => total + of(run), 0)
          return {
            each: runs[kind].flatMap((r) => r.each),
            all: runs[kind].flatMap((r) => r.all),
            cpuPerDelivery: (sum((r) => r.server.cpuMs) * 1000) / sum((r) => r.deliveries),
            loop: Math.max(...runs[kind].map((r) => r.benchLoopP99)),
            mainShare: sum((r) => r.server.mainCpuMs) / sum((r) => r.server.cpuMs),
            writesPerEdit: sum((r) => r.server.writeCalls) / sum((r) => r.measuredEdits),
          }
        }
        const o = merged('ours')
        const r = merged('reference')
        rows.push(
          { measure: `fan-out ${n} clients p50 (each other client)`, ours: percentile(o.each, 0.5), reference: percentile(r.each, 0.5), unit: 'ms' },
          { measure: `fan-out ${n} clients p99 (each other client)`, ours: percentile(o.each, 0.99), reference: percentile(r.each, 0.99), unit: 'ms', target: '≤ 0.8×' },
          { measure: `fan-out ${n} clients p50 (all ${n - 1} others)`, ours: percentile(o.all, 0.5), reference: percentile(r.all, 0.5), unit: 'ms' },
          { measure: `fan-out ${n} clients p99 (all ${n - 1} others)`, ours: percentile(o.all, 0.99), reference: percentile(r.all, 0.99), unit: 'ms', target: '≤ 0.8×' },
          { measure: `server CPU per delivered update, ${n} clients`, ours: o.cpuPerDelivery, reference: r.cpuPerDelivery, unit: 'µs', target: '≤ 1.0×' },
        )
        notes.push(`fan-out ${n}: ${o.each.length} / ${r.each.length} samples (ours / reference); bench event-loop delay p99 ${o.loop.toFixed(1)} / ${r.loop.toFixed(1)} ms; ` +
          `server CPU on its main thread ${(o.mainShare * 100).toFixed(0)} % / ${(r.mainShare * 100).toFixed(0)} %; ` +
          `server write calls per edit ${o.writesPerEdit.toFixed(1)} / ${r.writesPerEdit.toFixed(1)}`)
      }
    }

    if (SECTIONS.has('cold')) {
      log(`cold load of a ${HISTORY_OPS}-operation history…`)
      const coldOurs = await startOurs({ ROOM_KEEP_WARM_SECONDS: '0' })
      try {
        const cold = await coldLoads(coldOurs, reference)
        rows.push(
          { measure: `load, ${HISTORY_OPS}-op history: ours from SQLite (cold) vs ref in memory`, ours: median(cold.ours.cold), reference: median(cold.reference.cold), unit: 'ms', target: '≤ 1.0×' },
          { measure: `load, ${HISTORY_OPS}-op history: ours room in memory (warm) vs ref`, ours: median(cold.ours.warm), reference: median(cold.reference.cold), unit: 'ms' },
        )
        notes.push(`cold load: median of ${COLD_LOADS} trials each; history update ${(cold.ours.historyBytes / 1024).toFixed(0)} kB; ` +
          `ours cold ${cold.ours.cold.map((v) => v.toFixed(0)).join(', ')} ms, warm ${cold.ours.warm.map((v) => v.toFixed(0)).join(', ')} ms; ` +
          `reference ${cold.reference.cold.map((v) => v.toFixed(0)).join(', ')} ms`)
      } finally {
        await coldOurs.stop()
      }
    }

    if (SECTIONS.has('absorb')) {
      const results: Partial<Record<Kind, AbsorbResult>> = {}
      for (const target of [ours, reference]) {
        log(`absorb, ${target.kind}…`)
        results[target.kind] = await absorb(target)
      }
      rows.push({ measure: `updates/s one board absorbs (${ABSORB_WRITERS} writers)`, ours: results.ours!.updatesPerSecond, reference: results.reference!.updatesPerSecond, unit: '/s', target: 'higher is better' })
      notes.push(`absorb: server CPU ${(results.ours!.serverCpuShare * 100).toFixed(0)} % / ${(results.reference!.serverCpuShare * 100).toFixed(0)} % of a core (ours / reference)`)
    }
  } finally {
    // A failure of the run above is the one to report, not what stopping the servers says after it.
    await ours.stop().catch((error) => console.error(`bench: ${error instanceof Error ? error.message : String(error)}`))
    await reference.stop()
  }

  if (SECTIONS.has('idle') && IDLE_BOARDS > 0) {
    const results: Partial<Record<Kind, IdleResult>> = {}
    for (const kind of ['ours', 'reference'] as const) {
      log(`${IDLE_BOARDS} idle boards, ${kind}…`)
      results[kind] = await idleBoards(kind === 'ours' ? () => startOurs() : startReference)
    }
    const o = results.ours!
    const r = results.reference!
    rows.push(
      { measure: 'RSS per idle board (one idle client each)', ours: (o.rss - o.baseRss) / o.boards / 1024, reference: (r.rss - r.baseRss) / r.boards / 1024, unit: 'kB', target: '≤ 100 kB' },
      { measure: `RSS with ${IDLE_BOARDS} idle boards open`, ours: o.rss / 2 ** 20, reference: r.rss / 2 ** 20, unit: 'MiB' },
      { measure: 'RSS before (server up, one board opened and left)', ours: o.baseRss / 2 ** 20, reference: r.baseRss / 2 ** 20, unit: 'MiB' },
    )
    notes.push(`idle boards: opened (one client connected and synced each; ours' boards created before a restart) in ${(o.openMs / 1000).toFixed(1)} s / ${(r.openMs / 1000).toFixed(1)} s (ours / reference)`)
  }

  const cpuList = cpus()
  console.log(`\nAtelier versus @y/websocket-server 0.1.1 — node ${process.version}, ${cpuList.length} CPUs (${cpuList[0]?.model.trim()}), ` +
    `load average ${LOAD_AT_START.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end; ` +
    `ours on SQLite (WAL; committed before relay, fdatasync'd before acknowledgement) in ${filesystemOf(DATA_PARENT)}, reference in memory`)
  console.log(`Fan-out: ${EDITS_PER_SECOND} edits/s per client, ${FANOUT_SECONDS} s measured after ${WARMUP_SECONDS} s, ${ROUNDS} round(s) per server, alternated.\n`)
  printTable(rows.map((r) => (r.target === 'higher is better' ? { ...r, target: undefined } : r.target === '≤ 100 kB' ? { ...r, target: undefined, measure: `${r.measure} [target ≤ 100 kB]` } : r)))
  console.log('')
  for (const note of notes) console.log(`  ${note}`)
  console.log(`\nTotal ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    process.exit(1)
  },
)
