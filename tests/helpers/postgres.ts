/**
 * PostgreSQL for the tests, started by the tests themselves:
 * - with ATELIER_TEST_DATABASE_URL (a server where that role may CREATE DATABASE), that server;
 * - else a throwaway cluster (initdb + postgres from /usr/lib/postgresql/<version>/bin) on a free
 *   loopback port in a temp folder, fsync on. It starts the first time a test asks for a database
 *   (so runs without PostgreSQL tests pay nothing), once for the whole run: workers share it through
 *   a lock folder in ATELIER_TEST_PG_STATE, and tests/helpers/postgres-global-setup.ts stops it.
 * Every caller gets its own fresh database (CREATE DATABASE).
 * Without PostgreSQL: the PostgreSQL variants are skipped with a message, or fail when CI is set.
 */
import { spawn, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'

export type StoreKind = 'sqlite' | 'postgres'

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and postgres, or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')))
  versions.sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

let warned = false

/**
 * Whether the PostgreSQL variants can run. Throws when they cannot and CI is set (CI must run
 * them); otherwise says once why they are skipped.
 */
export function postgresAvailable(): boolean {
  if (process.env.ATELIER_TEST_DATABASE_URL || postgresBinDir()) return true
  const reason = 'PostgreSQL tests skipped: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql) and no ATELIER_TEST_DATABASE_URL'
  if (process.env.CI) throw new Error(reason.replace('skipped', 'cannot run (CI is set)'))
  if (!warned) console.warn(reason)
  warned = true
  return false
}

/** The stores the store-parameterized tests run on: SQLite always, PostgreSQL when available. */
export const storesUnderTest = (): StoreKind[] => postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestDatabase {
  url: string
  /** Drops the database (its connections are closed first). */
  drop(): Promise<void>
}

/** A new, empty database for one test file or one server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = await adminDatabaseUrl()
  const name = `${databasePrefix()}${randomBytes(4).toString('hex')}`
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  }
}

/** Databases of this run are named with this prefix, so teardown drops them on a shared server. */
export const databasePrefix = (): string => `atelier_test_${runId()}_`

const runId = () => (process.env.ATELIER_TEST_PG_RUN ??= randomBytes(3).toString('hex'))

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url })
  client.on('error', () => {}) // a cluster stopping under an open client: the query rejects anyway
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

// ---- the throwaway cluster -------------------------------------------------------------------

export interface ClusterInfo {
  /** The `postgres` database of the cluster, as its superuser (trust on loopback). */
  adminUrl: string
  dir: string
}

/** Where workers meet: set by the global setup; a process outside vitest gets its own. */
const stateDir = (): string => {
  if (!process.env.ATELIER_TEST_PG_STATE) process.env.ATELIER_TEST_PG_STATE = mkdtempSync(join(tmpdir(), 'atelier-pg-state-'))
  return process.env.ATELIER_TEST_PG_STATE
}
export const clusterInfoFile = (state: string) => join(state, 'cluster.json')

let admin: Promise<string> | null = null

function adminDatabaseUrl(): Promise<string> {
  return (admin ??= (async () => {
    if (process.env.ATELIER_TEST_DATABASE_URL) return process.env.ATELIER_TEST_DATABASE_URL
    const state = stateDir()
    mkdirSync(state, { recursive: true })
    const infoFile = clusterInfoFile(state)
    const failedFile = join(state, 'failed.txt')
    let starter = false
    try {
      mkdirSync(join(state, 'lock'))
      starter = true
    } catch {
      // another worker is starting it
    }
    if (starter) {
      try {
        const info = await startCluster()
        writeFileSync(infoFile, JSON.stringify(info))
        return info.adminUrl
      } catch (error) {
        writeFileSync(failedFile, String(error))
        throw error
      }
    }
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      if (existsSync(infoFile)) return (JSON.parse(readFileSync(infoFile, 'utf8')) as ClusterInfo).adminUrl
      if (existsSync(failedFile)) throw new Error(`the test PostgreSQL cluster did not start: ${readFileSync(failedFile, 'utf8')}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error('timed out waiting for the test PostgreSQL cluster')
  })())
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer()
  server.once('error', reject)
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number }
    server.close(() => resolve(port))
  })
})

/** initdb in a fresh folder (owned by the postgres user when run as root). */
function initCluster(): { bin: string; dir: string; data: string; run: (command: string, args: string[]) => [string, string[]] } {
  const bin = postgresBinDir()
  if (!bin) throw new Error('no PostgreSQL binaries in /usr/lib/postgresql/*/bin')
  // initdb and postgres refuse to run as root: run them as the postgres user, in a folder it owns.
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]): [string, string[]] => asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  const dir = mkdtempSync(join(tmpdir(), 'atelier-pg-'))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  // --no-sync: only initdb's own final flush is skipped (the cluster is thrown away); the server runs with fsync on.
  const [initdb, initArgs] = run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'])
  execFileSync(initdb, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
  return { bin, dir, data, run }
}

/** Starts postgres on `port` and waits until it answers; null if it exited or never answered. */
async function launch(cluster: ReturnType<typeof initCluster>, port: number): Promise<{ adminUrl: string; child: ReturnType<typeof spawn> } | { error: Error }> {
  const { bin, dir, data, run } = cluster
  const logFd = openSync(join(dir, `postgres-${port}.log`), 'a')
  const [postgres, args] = run(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200', '-c', 'shared_buffers=32MB',
  ])
  // Detached: it outlives the worker that started it; the global teardown stops it.
  const child = spawn(postgres, args, { detached: true, stdio: ['ignore', logFd, logFd] })
  child.unref()
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await withClient(adminUrl, (client) => client.query('SELECT 1'))
      return { adminUrl, child }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  if (child.exitCode === null) child.kill('SIGKILL')
  return { error: new Error(`postgres did not start on port ${port}: ${readFileSync(join(dir, `postgres-${port}.log`), 'utf8')}`) }
}

async function startCluster(): Promise<ClusterInfo> {
  const cluster = initCluster()
  let lastError: unknown = null
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = await launch(cluster, await freePort())
    if ('adminUrl' in started) return { adminUrl: started.adminUrl, dir: cluster.dir }
    lastError = started.error
  }
  throw lastError
}

/**
 * A cluster of the caller's own, that it may stop and start again (a database outage), unlike the
 * run's shared one. Needs the PostgreSQL binaries (not ATELIER_TEST_DATABASE_URL).
 */
export interface PrivateCluster {
  readonly adminUrl: string
  /** A new database on it. */
  createDatabase(): Promise<string>
  /** Stops the postmaster with SIGQUIT (immediate shutdown, as a crash) and waits until it is gone. */
  stop(): Promise<void>
  /** Starts it again on the same port and data. */
  start(): Promise<void>
  /** Stops it and removes its folder. */
  destroy(): Promise<void>
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const cluster = initCluster()
  let port = 0
  let child: ReturnType<typeof spawn> | null = null
  let adminUrl = ''
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort()
    const started = await launch(cluster, port)
    if ('error' in started) {
      if (attempt === 2) throw started.error
      continue
    }
    child = started.child
    adminUrl = started.adminUrl
  }
  const postmasterPid = (): number | null => {
    try {
      const pid = Number(readFileSync(join(cluster.data, 'postmaster.pid'), 'utf8').split('\n')[0])
      return Number.isInteger(pid) && pid > 0 ? pid : null
    } catch {
      return null
    }
  }
  const stop = async () => {
    const pid = postmasterPid()
    if (pid === null) return
    try { process.kill(pid, 'SIGQUIT') } catch { return }
    const deadline = Date.now() + 15_000
    for (;;) {
      try {
        process.kill(pid, 0)
      } catch {
        break
      }
      if (Date.now() > deadline) {
        process.kill(pid, 'SIGKILL')
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    // The postmaster is gone; its pid file may linger a moment after an immediate shutdown.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    adminUrl,
    async createDatabase() {
      const name = `${databasePrefix()}${randomBytes(4).toString('hex')}`
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      return url.toString()
    },
    stop,
    async start() {
      const started = await launch(cluster, port)
      if ('error' in started) throw started.error
    },
    async destroy() {
      await stop()
      rmSync(cluster.dir, { recursive: true, force: true })
    },
  }
}
