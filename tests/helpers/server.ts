/**
 * Starts the real Atelier server as a child process (so tests can also kill -9 it) on an ephemeral
 * port, with a temp DATA_DIR unless one is given. Resolves once it logs that it is listening.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createTestDatabase, type StoreKind } from './postgres.ts'

export interface TestServer {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  /** The PostgreSQL database it runs on (DATABASE_URL), or null on SQLite in dataDir. */
  databaseUrl: string | null
  /** Lines the server wrote to stdout and stderr. */
  logs: string[]
  process: ChildProcess
  /** SIGTERM and wait for exit; resolves to the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void>
}

const ROOT = new URL('../..', import.meta.url).pathname

/** A fresh DATA_DIR, under the run's temp folder (tests/helpers/global-setup.ts removes it). */
export const tempDataDir = (): string => mkdtempSync(join(process.env.ATELIER_TEST_TMP ?? tmpdir(), 'atelier-data-'))

/**
 * `compiled` runs dist-server/main.mjs (what `npm start` runs; scripts/build-server.mjs makes it)
 * instead of the TypeScript sources through tsx. `store: 'postgres'` runs it on a fresh PostgreSQL
 * database (tests/helpers/postgres.ts), or on `databaseUrl` when given (a restart: pass the first
 * server's); default SQLite in `dataDir`.
 */
export async function startServer(options: {
  dataDir?: string; env?: Record<string, string>; compiled?: boolean; store?: StoreKind; databaseUrl?: string | null
  /** A compiled entry point to run instead (tests/helpers/server-build.ts builds the current sources to one). */
  entry?: string
} = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const databaseUrl = options.databaseUrl ?? (options.store === 'postgres' ? (await createTestDatabase()).url : null)
  const entry = options.entry ? [options.entry] : options.compiled ? [join(ROOT, 'dist-server/main.mjs')] : ['--import', 'tsx', join(ROOT, 'server/main.ts')]
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    // Tests create many boards from one address: the creation rate limit has its own test.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', CREATE_RATE_PER_MINUTE: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: string[] = []
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line))

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line)
      const match = line.includes('"listening"') ? /"port":(\d+)/.exec(line) : null
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    exited.then((code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)))
  })

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    databaseUrl,
    logs,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
