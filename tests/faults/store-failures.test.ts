/**
 * The store fails under a running server, for real: SQLite's disk fills up (a small tmpfs filled
 * to ENOSPC where the test may mount, else the process's file-size limit, tests/helpers/full-disk.ts),
 * PostgreSQL goes down (a cluster of the test's own, stopped with an immediate shutdown and started
 * again). Six writers built like the web client (save tracker + reconnect backoff,
 * web-like-client.ts) keep writing marks throughout. What must hold:
 *   - nothing is acknowledged that was not committed: every acknowledged mark is there at the end;
 *   - while the store cannot write, the writers' status bar says "not saved" (client/live/save-state.ts)
 *     and /healthz says 503;
 *   - they back off with jitter: a handful of attempts each during the outage, not in step;
 *   - the server process lives on, and recovers once the store is back: every mark written
 *     (during the outage too) ends up acknowledged and saved, /healthz 200;
 *   - SQLite: `PRAGMA integrity_check` is ok afterwards.
 * About 30–40 s per store here.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { charterOf } from '../../shared/board/schema.ts'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { upgradeStatus } from '../helpers/raw-socket.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { createBoard } from '../helpers/api.ts'
import { fullDisk, fullDiskAvailable, type FullDisk } from '../helpers/full-disk.ts'
import { postgresAvailable, postgresBinDir, startPrivateCluster, type PrivateCluster } from '../helpers/postgres.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { CLIENT_DIR, compiledServerEntry } from '../helpers/server-build.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { marksOf } from '../helpers/probes.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { webLikeClient, type WebLikeClient } from './web-like-client.ts'

const WRITERS = 6
/** How long the store stays broken once every writer has been refused once. */
const OUTAGE_MS = 6_000

interface Outage {
  /** Breaks the store under the running server. */
  break(server: TestServer): Promise<void>
  /** Gives it back. */
  repair(server: TestServer): Promise<void>
}

const health = async (server: TestServer) => (await fetch(`${server.url}/healthz`)).status

async function runOutage(server: () => TestServer, restart: () => Promise<void>, outage: Outage, label: string): Promise<void> {
  const board = await createBoard(server().url, `Panne ${label}`)
  const writers: WebLikeClient[] = Array.from({ length: WRITERS }, () => webLikeClient(() => server().wsUrl, board.id, board.invites.participant))
  let counter = 0
  const writeAll = () => { for (const [i, writer] of writers.entries()) writer.write(`${label}-w${i}-${counter++}`) }
  try {
    await waitFor(() => expect(writers.every((w) => w.provider.synced)).toBe(true), { timeout: 30_000 })
    writeAll()
    await waitFor(() => expect(writers.every((w) => w.save.saved && w.marks.pending === 0)).toBe(true), { timeout: 20_000 })
    expect(await health(server())).toBe(200)

    // The store breaks; everyone keeps writing, one of them a paragraph that needs room on disk.
    await outage.break(server())
    const broken = Date.now()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(`Écrit pendant la panne (${label}). `.repeat(8_000))])
    charterOf(writers[0]!.doc).insert(0, [paragraph])
    const writing = setInterval(writeAll, 400)
    let repaired = 0
    try {
      // Each writer's change fails to commit: closed with 1011, not acknowledged, shown as not saved.
      await waitFor(() => expect(writers.every((w) => w.closes.some((c) => c.at >= broken))).toBe(true), { timeout: 30_000 })
      const allFailed = Date.now()
      expect(await health(server())).toBe(503)
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS))
      expect(writers.map((w) => w.save.saved)).toEqual(writers.map(() => false))
      expect(writers.map((w) => w.saveState())).toEqual(writers.map(() => 'not-saved'))
      expect(await health(server())).toBe(503)
      expect(server().process.exitCode).toBeNull()
      if (label === 'postgres') {
        // A socket that can't even be authorised (no database to read the board from) is told to come back, not "500".
        const upgrade = await upgradeStatus(`${server().wsUrl}${SYNC_PATH}/${board.id}?token=${board.invites.participant}`)
        expect(upgrade.status).toBe(503)
        expect(JSON.parse(upgrade.body)).toEqual({ error: 'The board store is unavailable: try again later' })
      }

      // Backoff with jitter: attempts per writer while it was failing, and how far apart they were.
      const now = Date.now()
      const during = writers.map((w) => w.attempts.filter((at) => at >= allFailed && at <= now))
      const gaps = during.map((times) => times.slice(1).map((at, k) => at - times[k]!))
      console.log(`[${label}] store down ${((now - broken) / 1000).toFixed(1)} s; reconnect attempts per writer in the last ${((now - allFailed) / 1000).toFixed(1)} s: ` +
        `${during.map((t) => t.length).join(', ')}; gaps (ms): ${gaps.map((g) => g.join('/')).join(' | ')}; closes: ` +
        `${JSON.stringify(writers.flatMap((w) => w.closes.filter((c) => c.at >= broken).map((c) => c.code)).reduce<Record<number, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {}))}`)
      // The stock client would try about 4 times a second each (30+ here); the policy doubles its wait.
      for (const times of during) expect(times.length).toBeLessThanOrEqual(Math.ceil((now - allFailed) / 1000) + 1)
      const firstGaps = gaps.map((g) => g[0]).filter((g): g is number => g !== undefined)
      if (firstGaps.length >= 3) expect(Math.max(...firstGaps) - Math.min(...firstGaps), 'the writers are not in step').toBeGreaterThan(30)
    } finally {
      await outage.repair(server())
      repaired = Date.now()
      clearInterval(writing)
    }

    // Back: every change (the outage's too) is resent, committed and acknowledged.
    await waitFor(async () => expect(await health(server())).toBe(200), { timeout: 60_000 })
    await waitFor(() => expect(writers.map((w) => w.save.saved && w.marks.pending === 0)).toEqual(writers.map(() => true)), { timeout: 60_000 })
    expect(writers.map((w) => w.saveState())).toEqual(writers.map(() => 'saved'))
    console.log(`[${label}] all saved ${((Date.now() - repaired) / 1000).toFixed(1)} s after the store came back`)
    expect(server().process.exitCode).toBeNull()

    const written = writers.flatMap((w) => w.marks.written)
    const acked = new Set(writers.flatMap((w) => [...w.marks.acked]))
    expect(acked.size).toBe(written.length)
    for (const writer of writers) writer.destroy()

    // What a restarted server reads back: everything acknowledged, once.
    await restart()
    const reader = connectClient(server().wsUrl, board.id, board.invites.observer)
    try {
      await waitSynced(reader, 30_000)
      const marks = marksOf(reader.doc)
      expect(new Set(marks).size).toBe(marks.length)
      expect([...acked].filter((mark) => !marks.includes(mark))).toEqual([])
      expect(charterOf(reader.doc).toString()).toContain(`Écrit pendant la panne (${label}).`)
    } finally {
      reader.destroy()
    }
  } finally {
    for (const writer of writers) writer.destroy()
  }
}

describe.skipIf(!fullDiskAvailable())('the SQLite disk fills up under a running server', () => {
  let disk: FullDisk | null = null
  let server: TestServer | null = null
  afterAll(async () => {
    await server?.kill()
    disk?.dispose()
  })

  it('acknowledges nothing it could not commit, shows not saved, backs off, recovers; integrity_check ok', async () => {
    disk = fullDisk()
    const entry = await compiledServerEntry()
    const start = () => startServer({ dataDir: disk!.dataDir, entry, env: { CLIENT_DIR } })
    server = await start()
    let pid = server.process.pid!
    await runOutage(() => server!, async () => {
      await server!.stop()
      const db = new Database(join(disk!.dataDir, SQLITE_FILE_NAME))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      } finally {
        db.close()
      }
      server = await start()
      pid = server.process.pid!
    }, {
      async break() {
        disk!.fill(pid)
        console.log(`[sqlite] disk made full by ${disk!.kind}`)
      },
      async repair() {
        disk!.free(pid)
      },
    }, 'sqlite')
  }, 180_000)
})

describe.skipIf(!postgresAvailable() || !postgresBinDir())('PostgreSQL goes down under a running server', () => {
  let cluster: PrivateCluster | null = null
  let server: TestServer | null = null
  afterAll(async () => {
    await server?.kill()
    await cluster?.destroy()
  })

  it('acknowledges nothing it could not commit, shows not saved, backs off, recovers', async () => {
    cluster = await startPrivateCluster()
    const databaseUrl = await cluster.createDatabase()
    const entry = await compiledServerEntry()
    const start = () => startServer({ databaseUrl, entry, env: { CLIENT_DIR } })
    server = await start()
    await runOutage(() => server!, async () => {
      await server!.stop()
      server = await start()
    }, {
      // An immediate shutdown: every connection drops, new ones are refused until it is back.
      break: () => cluster!.stop(),
      repair: () => cluster!.start(),
    }, 'postgres')
  }, 240_000)
})
