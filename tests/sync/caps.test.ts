/**
 * Caps on what one client, or one address, can take of the server: connections per board,
 * connection attempts per address, presence entries per connection. Real server, raw sockets and
 * stock y-websocket clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { charterOf } from '../../shared/board/schema.ts'
import { MessageType } from '../../shared/protocol/messages.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { createBoard } from '../helpers/api.ts'
import { openRawSocket, type RawSocket } from '../helpers/raw-socket.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** The answer to an upgrade: 101, or the refusal's status, headers and JSON body. */
function upgrade(server: TestServer, boardId: string, token: string): Promise<{ status: number; headers: Record<string, unknown>; body: string; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/sync/${boardId}?token=${encodeURIComponent(token)}`)
    socket.on('error', () => {})
    socket.once('open', () => resolve({ status: 101, headers: {}, body: '', socket }))
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    setTimeout(() => reject(new Error('no answer to the upgrade')), 5_000)
  })
}

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(inner, clientId)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, JSON.stringify(state))
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.Awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

const names = (client: SyncClient): string[] =>
  [...client.provider.awareness.getStates().values()].map((state) => state.user?.name as string).filter(Boolean).sort()

describe('connections per board (MAX_CONNECTIONS_PER_BOARD)', () => {
  let server: TestServer
  let board: CreateBoardResponse
  const open: RawSocket[] = []
  beforeAll(async () => {
    server = await startServer({ env: { MAX_CONNECTIONS_PER_BOARD: '3' } })
    board = await createBoard(server.url)
  })
  afterAll(async () => {
    for (const raw of open) raw.socket.terminate()
    await server.stop()
  })

  it('refuses one more with 503 JSON and Retry-After before the upgrade; facilitators and other boards still get in', async () => {
    for (let i = 0; i < 3; i++) open.push(await openRawSocket(server.wsUrl, board.id, board.invites.participant))
    const refused = await upgrade(server, board.id, board.invites.observer)
    expect(refused.status).toBe(503)
    expect(JSON.parse(refused.body)).toEqual({ error: expect.stringMatching(/too many connections/) })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)

    const facilitator = await upgrade(server, board.id, board.invites.facilitator)
    expect(facilitator.status).toBe(101)
    facilitator.socket!.close()
    const other = await createBoard(server.url)
    const elsewhere = await upgrade(server, other.id, other.invites.participant)
    expect(elsewhere.status).toBe(101)
    elsewhere.socket!.close()

    // A seat frees up when someone leaves.
    open.shift()!.socket.close()
    await waitFor(async () => {
      const again = await upgrade(server, board.id, board.invites.participant)
      again.socket?.close()
      expect(again.status).toBe(101)
    })
  })
})

describe('connection attempts per address (CONNECT_ATTEMPTS_PER_ADDRESS)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { CONNECT_ATTEMPTS_PER_ADDRESS: '5', CONNECT_ATTEMPTS_WINDOW_SECONDS: '2' } })
  })
  afterAll(async () => { await server.stop() })

  it('answers 429 with Retry-After once an address spent its attempts (refused ones count), then lets it in again', async () => {
    const board = await createBoard(server.url)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const answer = await upgrade(server, board.id, board.invites.participant)
      answer.socket?.close()
      statuses.push(answer.status)
    }
    for (let i = 0; i < 2; i++) statuses.push((await upgrade(server, board.id, 'wrong-token')).status)
    const limited = await upgrade(server, board.id, board.invites.participant)
    expect(statuses).toEqual([101, 101, 101, 401, 401])
    expect(limited.status).toBe(429)
    expect(JSON.parse(limited.body)).toEqual({ error: expect.stringMatching(/Too many connection attempts/) })
    const retryAfter = Number(limited.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    // The HTTP API is not this limiter's business.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000))
    const later = await upgrade(server, board.id, board.invites.participant)
    later.socket?.close()
    expect(later.status).toBe(101)
  })
})

describe('defaults: a room behind one NAT', () => {
  const fixture = useTestServer()

  it('45 people on one address join, all drop and all come back at once: nobody is refused', async () => {
    const board = await createBoard(fixture.server.url)
    const room = Array.from({ length: 45 }, () => fixture.connect(board.id, board.invites.participant))
    await Promise.all(room.map((client) => waitSynced(client, 20_000)))
    const refusals: number[] = []
    for (const client of room) client.provider.on('connection-close', (event) => { if (event && event.code !== 1000 && event.code !== 1005) refusals.push(event.code) })
    // The Wi-Fi drops for everyone; y-websocket reconnects on its own.
    for (const client of room) client.provider.ws?.close()
    await waitFor(() => expect(room.every((client) => client.provider.wsconnected)).toBe(true), { timeout: 20_000 })
    const before = charterOf(room[0]!.doc).length
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('back together')])
    charterOf(room[0]!.doc).push([paragraph])
    await waitFor(() => expect(room.every((client) => charterOf(client.doc).length === before + 1)).toBe(true), { timeout: 20_000 })
    expect(refusals).toEqual([])
    expect(fixture.server.logs.filter((line) => line.includes('board full'))).toEqual([])
    for (const client of room) client.destroy()
  })
})

describe('presence per connection', () => {
  const fixture = useTestServer()

  it('relays at most 4 client ids of one connection and no state over 4 KiB; a connection that keeps trying is closed with 1008', async () => {
    const board = await createBoard(fixture.server.url)
    const watcher = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(watcher)
    const raw = await openRawSocket(fixture.server.wsUrl, board.id, board.invites.participant)
    const person = (clientId: number, clock = 1, extra = '') => ({ clientId, clock, state: { user: { name: `p${clientId}${extra}` } } })

    raw.socket.send(awarenessFrame([1, 2, 3, 4, 5, 6].map((id) => person(1000 + id))))
    await waitFor(() => expect(names(watcher)).toEqual(['p1001', 'p1002', 'p1003', 'p1004']))

    // A 5 KiB state for an id it owns is dropped; the previous one stays.
    raw.socket.send(awarenessFrame([person(1001, 2, 'x'.repeat(5 * 1024))]))
    raw.socket.send(awarenessFrame([person(1002, 2, '-renamed')]))
    await waitFor(() => expect(names(watcher)).toContain('p1002-renamed'))
    expect(names(watcher)).toContain('p1001')

    // Keeps sending entries over the limits: closed with 1008; its people leave with it.
    for (let i = 0; i < 12 && raw.socket.readyState === WebSocket.OPEN; i++) raw.socket.send(awarenessFrame([person(2000 + i)]))
    const closed = await raw.closed
    expect(closed).toEqual({ code: 1008, reason: 'Presence over its limits' })
    await waitFor(() => expect(names(watcher)).toEqual([]))
  })

  it('stock clients in a room, which echo everyone\'s presence back, are never closed', async () => {
    const board = await createBoard(fixture.server.url)
    const room = Array.from({ length: 8 }, (_, i) => {
      const client = fixture.connect(board.id, board.invites.participant)
      client.provider.awareness.setLocalStateField('user', { name: `person ${i}` })
      return client
    })
    const closes: number[] = []
    for (const client of room) client.provider.on('connection-close', (event) => { if (event) closes.push(event.code) })
    await Promise.all(room.map((client) => waitSynced(client)))
    for (let round = 0; round < 15; round++) {
      for (const client of room) client.provider.awareness.setLocalStateField('cursor', { round })
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await waitFor(() => expect(room.every((client) => names(client).length === 8)).toBe(true))
    expect(closes).toEqual([])
    for (const client of room) client.destroy()
  })
})
