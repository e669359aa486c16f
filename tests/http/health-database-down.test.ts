/**
 * PostgreSQL going away under a running server: its connections are cut (pg_terminate_backend) and
 * new ones refused (ALLOW_CONNECTIONS false), the way a database restart or an outage looks from
 * the pool. The process must not crash; the failed commit closes the writer's socket with 1011 and
 * /healthz says 503; once the database takes connections again, the client's resent edit commits
 * and /healthz is 200. An idle server (nobody writing, so no commit to fail) asks the database
 * itself: 503 store-unreachable within seconds of the outage, 200 once it is back.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { charterOf } from '../../shared/board/schema.ts'
import { createBoard } from '../helpers/api.ts'
import { postgresAvailable, withClient } from '../helpers/postgres.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { waitSynced } from '../helpers/sync-client.ts'

const paragraph = (text: string) => {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

describe.skipIf(!postgresAvailable())('/healthz while PostgreSQL is unreachable', () => {
  const fixture = useTestServer({ store: 'postgres' })

  it('survives, answers 503 after a failed commit and 200 once the database is back; the edit is not lost', async () => {
    const { server } = fixture
    const database = new URL(server.databaseUrl!).pathname.slice(1)
    const admin = new URL(server.databaseUrl!)
    admin.pathname = '/postgres'
    const board = await createBoard(server.url)
    const writer = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(writer)
    const closes: number[] = []
    writer.provider.on('connection-close', (event: CloseEvent | null) => { if (event) closes.push(event.code) })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    await withClient(admin.toString(), async (client) => {
      await client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`)
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database])
    })
    try {
      charterOf(writer.doc).insert(0, [paragraph('Charte signée pendant la panne.')])
      await waitFor(() => expect(closes).toContain(1011))
      const unhealthy = await fetch(`${server.url}/healthz`)
      expect(unhealthy.status).toBe(503)
      expect(await unhealthy.json()).toEqual({ status: 'store-not-writable' })
      expect(server.process.exitCode).toBeNull()
    } finally {
      await withClient(admin.toString(), (client) => client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`))
    }

    // The client reconnects and resends; the first commit that succeeds makes the server healthy.
    await waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), { timeout: 20_000 })
    expect(server.process.exitCode).toBeNull()
    expect(server.logs.join('\n')).not.toContain('password')
    // Committed: a restarted server reads it back from the database.
    await fixture.restart()
    const reader = fixture.connect(board.id, board.invites.observer)
    await waitSynced(reader)
    expect(charterOf(reader.doc).toString()).toContain('Charte signée pendant la panne.')
  })

  it('idle, with nobody writing: 503 store-unreachable while the database refuses connections, 200 once it is back', async () => {
    const { server } = fixture
    const database = new URL(server.databaseUrl!).pathname.slice(1)
    const admin = new URL(server.databaseUrl!)
    admin.pathname = '/postgres'
    await waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200))
    await withClient(admin.toString(), async (client) => {
      await client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`)
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database])
    })
    try {
      // Answers cached for 2 s at most: the outage shows within a few seconds, without any edit.
      await waitFor(async () => {
        const response = await fetch(`${server.url}/healthz`)
        expect(response.status).toBe(503)
        expect(await response.json()).toEqual({ status: 'store-unreachable' })
      }, { timeout: 15_000 })
      expect(server.process.exitCode).toBeNull()
    } finally {
      await withClient(admin.toString(), (client) => client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`))
    }
    await waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), { timeout: 15_000 })
  })
})
