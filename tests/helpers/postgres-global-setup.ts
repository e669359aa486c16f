/**
 * Vitest global setup for PostgreSQL: names a state folder where the workers share the throwaway cluster
 * (tests/helpers/postgres.ts starts it on first use); at the end, the cluster is stopped and its
 * folder removed, or, on a server given by ATELIER_TEST_DATABASE_URL, this run's databases dropped.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { clusterInfoFile, databasePrefix, withClient, type ClusterInfo } from './postgres.ts'

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export default function setup(): () => Promise<void> {
  // Made by the first worker that needs PostgreSQL: a run without such tests leaves nothing behind.
  process.env.ATELIER_TEST_PG_RUN = randomBytes(3).toString('hex')
  const state = join(tmpdir(), `atelier-pg-state-${process.env.ATELIER_TEST_PG_RUN}`)
  process.env.ATELIER_TEST_PG_STATE = state
  return async () => {
    if (process.env.ATELIER_TEST_DATABASE_URL) {
      await withClient(process.env.ATELIER_TEST_DATABASE_URL, async (client) => {
        const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [databasePrefix()])
        for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
      }).catch((error) => console.warn(`could not drop the test databases: ${String(error)}`))
    }
    const infoFile = clusterInfoFile(state)
    if (existsSync(infoFile)) {
      const { dir } = JSON.parse(readFileSync(infoFile, 'utf8')) as ClusterInfo
      const pidFile = join(dir, 'data', 'postmaster.pid')
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN
      if (Number.isInteger(pid) && pid > 0) {
        // Immediate shutdown: the cluster is thrown away.
        try { process.kill(pid, 'SIGQUIT') } catch { /* already gone */ }
        const deadline = Date.now() + 10_000
        while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
        if (isAlive(pid)) process.kill(pid, 'SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    }
    rmSync(state, { recursive: true, force: true })
  }
}
