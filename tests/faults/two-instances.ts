/**
 * Two server processes serving the same boards (one PostgreSQL database, one Redis), clients spread
 * over both as a load balancer would: the FaultTarget of the two-instance set check. A fault kills
 * one of the two with SIGKILL (chosen by the seed); while it restarts, every new socket goes to the
 * other, as a balancer's health check would send it.
 */
import { startServer, type TestServer } from '../helpers/server.ts'
import { CLIENT_DIR, compiledServerEntry } from '../helpers/server-build.ts'
import { createTestDatabase } from '../helpers/postgres.ts'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import type { FaultTarget } from './set-check.ts'

export interface TwoInstances extends FaultTarget {
  readonly servers: readonly (TestServer | null)[]
  close(): Promise<void>
}

export async function twoInstances(env: Record<string, string> = {}): Promise<TwoInstances> {
  const [entry, database, redis] = await Promise.all([compiledServerEntry(), createTestDatabase(), startRedis()]) as [string, { url: string }, TestRedis]
  const fullEnv = { CLIENT_DIR, REDIS_URL: redis.url, ...env }
  const start = () => startServer({ databaseUrl: database.url, entry, env: fullEnv })
  const servers: (TestServer | null)[] = await Promise.all([start(), start()])
  const live = () => servers.filter((server): server is TestServer => server !== null)

  const restart = async (index: number) => {
    const server = servers[index]
    servers[index] = null
    await server?.kill()
    servers[index] = await start()
  }

  return {
    servers,
    httpUrl: () => live()[0]!.url,
    wsUrlFor: (clientIndex) => {
      const preferred = servers[clientIndex % 2]
      return (preferred ?? live()[0] ?? servers[0]!)?.wsUrl ?? ''
    },
    async fault(_n, random) {
      const index = random() < 0.5 ? 0 : 1
      const killed = servers[index]?.process.pid
      const started = performance.now()
      await restart(index)
      return `kill -9 of instance ${index} (pid ${killed}), back in ${Math.round(performance.now() - started)} ms`
    },
    async crashAndRestart() {
      await Promise.all(servers.map(async (server, index) => {
        servers[index] = null
        await server?.kill()
      }))
      servers[0] = await start()
      servers[1] = await start()
    },
    recentLogs: () => live().flatMap((server) => server.logs.slice(-8)),
    async close() {
      await Promise.all(live().map((server) => server.kill()))
      await redis.stop()
    },
  }
}
