/**
 * Redis for the scale-out tests, started by the tests themselves: Debian's `redis-server` (which
 * `.ci/run` installs when missing) on a free loopback port, in memory only, one per test file.
 * With ATELIER_TEST_REDIS_URL, that server instead (it cannot then be stopped by the tests).
 * Without either, the Redis tests are skipped with a message, or fail when CI is set.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

const REDIS_SERVER = '/usr/bin/redis-server'

let warned = false

/** Whether the Redis tests can run. Throws when they cannot and CI is set. */
export function redisAvailable(): boolean {
  if (process.env.ATELIER_TEST_REDIS_URL) return true
  try {
    execFileSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    const reason = `Redis tests skipped: no ${REDIS_SERVER} (apt-get install redis-server) and no ATELIER_TEST_REDIS_URL`
    if (process.env.CI) throw new Error(reason.replace('skipped', 'cannot run (CI is set)'))
    if (!warned) console.warn(reason)
    warned = true
    return false
  }
}

export interface TestRedis {
  url: string
  /** Stops it (as if it crashed: no save). */
  stop(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })
}

export async function startRedis(): Promise<TestRedis> {
  const external = process.env.ATELIER_TEST_REDIS_URL
  if (external) {
    const refuse = async () => { throw new Error('ATELIER_TEST_REDIS_URL: the tests cannot stop or start that server') }
    return { url: external, stop: refuse, start: refuse }
  }
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    const process_ = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = process_
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 15_000)
      process_.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
      process_.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`redis-server exited with ${code}:\n${output}`))
      })
    })
  }
  const stop = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, stop, start }
}
