/**
 * Two server instances serving the same boards at once (REDIS_URL, one PostgreSQL database), as
 * behind a load balancer: what a client does on one reaches clients of the other, server-side
 * changes and revocations too, a client whose instance dies loses nothing on the other, and with
 * Redis down each instance keeps serving its own clients and catches up when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoard } from '../helpers/api.ts'
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../helpers/postgres.ts'
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced as waitSyncedWithin, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { addMark, hasMark, marksOf } from '../helpers/probes.ts'
import { readRoom } from '../../shared/board/room.ts'
import { currentSession, startSession } from '../../shared/board/sessions.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { testActor } from '../helpers/actors.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'

const runs = postgresAvailable() && redisAvailable()
/** Four server processes on a 2-core machine beside other test files: give a sync its time. */
const waitSynced = (client: SyncClient) => waitSyncedWithin(client, 30_000)

describe.skipIf(!runs)('two instances behind a load balancer (PostgreSQL + Redis)', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let redis: TestRedis
  const servers: TestServer[] = []
  const clients: SyncClient[] = []
  let a: TestServer
  let b: TestServer

  const instance = async (env: Record<string, string> = {}) => {
    const server = await startServer({ databaseUrl: database.url, env: { REDIS_URL: redis.url, ...env } })
    servers.push(server)
    return server
  }
  const client = (server: TestServer, boardId: string, token: string, doc?: Y.Doc) => {
    const c = connectClient(server.wsUrl, boardId, token, doc)
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    ;[database, redis] = await Promise.all([createTestDatabase(), startRedis()])
    ;[a, b] = await Promise.all([instance(), instance()])
  }, 180_000)
  afterAll(async () => {
    if (process.env.SCALE_TEST_LOGS) for (const server of servers) console.log(server.url, server.logs.slice(-40).join('\n'))
    for (const c of clients) c.destroy()
    for (const server of servers) await server.kill()
    await redis?.stop()
  })

  it("relays each instance's edits and presence to the other's clients", async () => {
    const board = await createBoard(a.url)
    const onA = client(a, board.id, board.invites.participant)
    const onB = client(b, board.id, board.invites.participant)
    await Promise.all([waitSynced(onA), waitSynced(onB)])

    addMark(onA.doc, 'written on A')
    addMark(onB.doc, 'written on B')
    await waitFor(() => {
      expect(hasMark(onA.doc, 'written on B')).toBe(true)
      expect(hasMark(onB.doc, 'written on A')).toBe(true)
    })

    // Presence crosses too, with the role the server stamps, whatever the client claimed.
    onA.provider.awareness.setLocalStateField('user', { name: 'Ana on A', role: 'facilitator' })
    await waitFor(() => {
      const seen = [...onB.provider.awareness.getStates().values()].map((state) => state.user as { name?: string; role?: string } | undefined)
      expect(seen).toContainEqual({ name: 'Ana on A', role: 'participant' })
    })
    // And leaves with the connection.
    onA.provider.disconnect()
    await waitFor(() => expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false))

    // A client arriving on B later gets everything once, from B.
    const late = client(b, board.id, board.invites.observer)
    await waitSynced(late)
    expect(marksOf(late.doc).filter((mark) => mark.startsWith('written on')).sort()).toEqual(['written on A', 'written on B'])
  })

  it("carries the server's own changes and a revoked link's closing to the other instance", async () => {
    const board = await createBoard(a.url)
    const onB = client(b, board.id, board.invites.participant)
    await waitSynced(onB)

    // The facilitator starts the timer through A; B's client sees it.
    const response = await fetch(`${a.url}/api/boards/${board.id}/room/timer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.invites.facilitator}` },
      body: JSON.stringify({ action: 'start', durationMs: 300_000 }),
    })
    expect(response.status).toBe(200)
    await waitFor(() => expect(readRoom(onB.doc).timer?.state).toBe('running'))

    // Revoking the participant link through A closes its socket on B at once, with the reason.
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      onB.provider.on('connection-close', (event) => { if (event) resolve({ code: event.code, reason: event.reason }) })
    })
    const participantLink = board.links.find((link) => link.role === 'participant')!
    const revoke = await fetch(`${a.url}/api/boards/${board.id}/invites/${participantLink.id}/revoke`, {
      method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` },
    })
    expect(revoke.status).toBe(200)
    expect(await closed).toEqual({ code: CloseCode.InviteRevoked.code, reason: CloseCode.InviteRevoked.reason })
    onB.provider.disconnect()
  })

  it('a session ended through both instances at once is ended once, and iterations are numbered in turn', async () => {
    const board = await createBoard(a.url)
    const facilitator = client(a, board.id, board.invites.facilitator)
    const onB = client(b, board.id, board.invites.observer)
    await Promise.all([waitSynced(facilitator), waitSynced(onB)])
    const end = (server: TestServer, sessionId: string) =>
      fetch(`${server.url}/api/boards/${board.id}/sessions/${sessionId}/end`, { method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` } })
    const fanny = testActor('Fanny', 'facilitation', 'facilitator')

    const first = startSession(facilitator.doc, fanny, { kind: 'steering-committee', title: 'COPIL 1', date: '2026-03-12', phase: 1 })
    await waitFor(() => expect(currentSession(onB.doc)?.id).toBe(first))
    const statuses = (await Promise.all([end(a, first), end(b, first)])).map((response) => response.status).sort()
    expect(statuses).toEqual([201, 409])

    const second = startSession(facilitator.doc, fanny, { kind: 'project-group', title: 'GP 1', date: '2026-04-02', phase: 2 })
    await waitFor(() => expect(currentSession(onB.doc)?.id).toBe(second))
    expect(await (await end(b, second)).json()).toMatchObject({ number: 2, sessionId: second })
    const listed = (await (await fetch(`${a.url}/api/boards/${board.id}/snapshots`, { headers: { authorization: `Bearer ${board.invites.observer}` } })).json()) as SnapshotSummary[]
    expect(listed.filter((snapshot) => snapshot.kind === 'iteration').map((snapshot) => snapshot.number).sort()).toEqual([1, 2])
  })

  it('a client whose instance is killed goes on on the other and loses nothing', async () => {
    const c = await instance()
    const board = await createBoard(c.url)
    const writer = client(c, board.id, board.invites.participant)
    const witness = client(b, board.id, board.invites.facilitator)
    await Promise.all([waitSynced(writer), waitSynced(witness)])

    for (let i = 0; i < 50; i++) addMark(writer.doc, `before the crash ${i}`)
    await waitFor(() => expect(hasMark(witness.doc, 'before the crash 49')).toBe(true))
    await c.kill()
    // Written while it has no server, then the balancer sends it to B.
    for (let i = 0; i < 20; i++) addMark(writer.doc, `after the crash ${i}`)
    writer.provider.destroy()
    const moved = client(b, board.id, board.invites.participant, writer.doc)
    await waitSynced(moved)
    await waitFor(() => expect(hasMark(witness.doc, 'after the crash 19')).toBe(true))

    const reader = client(a, board.id, board.invites.observer)
    await waitSynced(reader)
    const marks = marksOf(reader.doc)
    for (let i = 0; i < 50; i++) expect(marks).toContain(`before the crash ${i}`)
    for (let i = 0; i < 20; i++) expect(marks).toContain(`after the crash ${i}`)
    expect(new Set(marks).size).toBe(marks.length)
  })

  it('both instances writing and compacting one board keep every edit', async () => {
    const [x, y] = await Promise.all([instance({ COMPACT_AFTER_UPDATES: '20' }), instance({ COMPACT_AFTER_UPDATES: '20' })])
    const board = await createBoard(x.url)
    const onX = client(x, board.id, board.invites.participant)
    const onY = client(y, board.id, board.invites.participant)
    await Promise.all([waitSynced(onX), waitSynced(onY)])
    for (let i = 0; i < 150; i++) {
      addMark(onX.doc, `x${i}`)
      addMark(onY.doc, `y${i}`)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const all = [...Array.from({ length: 150 }, (_, i) => `x${i}`), ...Array.from({ length: 150 }, (_, i) => `y${i}`)]
    await waitFor(() => {
      for (const doc of [onX.doc, onY.doc]) expect(all.filter((mark) => !hasMark(doc, mark))).toEqual([])
    }, { timeout: 30_000 })
    onX.provider.disconnect()
    onY.provider.disconnect()
    // Read back from the database alone, by an instance that never had the board open.
    await Promise.all([x.kill(), y.kill()])
    const fresh = await instance()
    const reader = client(fresh, board.id, board.invites.observer)
    await waitSynced(reader)
    expect(all.filter((mark) => !hasMark(reader.doc, mark))).toEqual([])
  })

  it('with Redis down each instance serves its own clients, and catches up when Redis is back', async () => {
    const board = await createBoard(a.url)
    const onA = client(a, board.id, board.invites.participant)
    const alsoOnA = client(a, board.id, board.invites.observer)
    const onB = client(b, board.id, board.invites.participant)
    await Promise.all([waitSynced(onA), waitSynced(alsoOnA), waitSynced(onB)])

    await redis.stop()
    addMark(onA.doc, 'during the outage, on A')
    addMark(onB.doc, 'during the outage, on B')
    await waitFor(() => expect(hasMark(alsoOnA.doc, 'during the outage, on A')).toBe(true))
    expect(hasMark(onB.doc, 'during the outage, on A')).toBe(false)

    await redis.start()
    await waitFor(() => {
      for (const doc of [onA.doc, alsoOnA.doc, onB.doc]) {
        expect(hasMark(doc, 'during the outage, on A')).toBe(true)
        expect(hasMark(doc, 'during the outage, on B')).toBe(true)
      }
    }, { timeout: 30_000 })
    // And relays again.
    addMark(onB.doc, 'after the outage')
    await waitFor(() => expect(hasMark(onA.doc, 'after the outage')).toBe(true))
  })
})
