/**
 * One server process, killed with SIGKILL and started again on the same DATA_DIR (or database):
 * the FaultTarget of the single-instance set check. The server runs compiled from the current
 * sources (tests/helpers/server-build.ts): it restarts in about 1 s instead of 3–5 s with tsx.
 */
import type { StoreKind } from '../helpers/postgres.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { CLIENT_DIR, compiledServerEntry } from '../helpers/server-build.ts'
import type { FaultTarget } from './set-check.ts'

export interface SingleInstance extends FaultTarget {
  /** The process running now. */
  readonly server: TestServer
  /** Kills the server (the end of a test). */
  close(): Promise<void>
}

export async function singleInstance(store: StoreKind, env: Record<string, string> = {}): Promise<SingleInstance> {
  const entry = await compiledServerEntry()
  const fullEnv = { CLIENT_DIR, ...env }
  let server = await startServer({ store, entry, env: fullEnv })
  const crashAndRestart = async () => {
    const { dataDir, databaseUrl } = server
    await server.kill()
    server = await startServer({ dataDir, databaseUrl, entry, env: fullEnv })
  }
  return {
    get server() {
      return server
    },
    httpUrl: () => server.url,
    wsUrlFor: () => server.wsUrl,
    async fault(n) {
      const killed = server.process.pid
      const started = performance.now()
      await crashAndRestart()
      return `kill -9 of pid ${killed}, back in ${Math.round(performance.now() - started)} ms`
    },
    crashAndRestart,
    recentLogs: () => server.logs.slice(-15),
    close: () => server.kill(),
  }
}
