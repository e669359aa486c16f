import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.ts'
import { createBoard } from '../helpers/api.ts'
import { openRawSocket } from '../helpers/raw-socket.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { addMark, hasMark } from '../helpers/probes.ts'

const MAX_BYTES = 64 * 1024

const frame = (...write: ((encoder: encoding.Encoder) => void)[]) => {
  const encoder = encoding.createEncoder()
  for (const w of write) w(encoder)
  return encoding.toUint8Array(encoder)
}

describe('bad input closes only the sender; the room and the server go on', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let bystander: SyncClient
  let peer: SyncClient

  beforeAll(async () => {
    server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_BYTES) } })
    board = await createBoard(server.url)
    bystander = connectClient(server.wsUrl, board.id, board.invites.participant)
    peer = connectClient(server.wsUrl, board.id, board.invites.participant)
    await Promise.all([waitSynced(bystander), waitSynced(peer)])
  })
  afterAll(async () => {
    bystander.destroy()
    peer.destroy()
    await server.stop()
  })

  /** After each bad frame: the others still edit together, and the document is intact. */
  const expectRoomHealthy = async (mark: string) => {
    addMark(bystander.doc, mark)
    await waitFor(() => expect(hasMark(peer.doc, mark)).toBe(true))
    expect(bystander.provider.wsconnected).toBe(true)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }

  const cases: [string, Uint8Array, number][] = [
    ['an unknown message type', frame((e) => encoding.writeVarUint(e, 42)), 1003],
    ['an unknown sync subtype', frame((e) => encoding.writeVarUint(e, MessageType.Sync), (e) => encoding.writeVarUint(e, 9), (e) => encoding.writeVarUint8Array(e, new Uint8Array([0, 0]))), 1003],
    ['a truncated sync message', new Uint8Array([MessageType.Sync, SyncMessageType.Update, 50, 1, 2]), 1002],
    ['a garbage Yjs update', frame((e) => encoding.writeVarUint(e, MessageType.Sync), (e) => encoding.writeVarUint(e, SyncMessageType.Update), (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 7, 1, 255, 255, 255, 255, 15, 3]))), 1002],
    ['a garbage state vector', frame((e) => encoding.writeVarUint(e, MessageType.Sync), (e) => encoding.writeVarUint(e, SyncMessageType.Step1), (e) => encoding.writeVarUint8Array(e, new Uint8Array([3, 255, 255]))), 1002],
    ['awareness with broken JSON', frame((e) => encoding.writeVarUint(e, MessageType.Awareness), (e) => encoding.writeVarUint8Array(e, frame((a) => encoding.writeVarUint(a, 1), (a) => encoding.writeVarUint(a, 7), (a) => encoding.writeVarUint(a, 1), (a) => encoding.writeVarString(a, '{not json')))), 1002],
    ['an empty frame', new Uint8Array(0), 1002],
  ]

  for (const [name, bytes, code] of cases) {
    it(`closes the sender of ${name} with ${code}`, async () => {
      const raw = await openRawSocket(server.wsUrl, board.id, board.invites.participant)
      raw.socket.send(bytes)
      const closed = await raw.closed
      expect(closed.code).toBe(code)
      expect(closed.reason.length).toBeGreaterThan(0)
      await expectRoomHealthy(name)
    })
  }

  it('closes a frame above the size limit with 1009', async () => {
    const raw = await openRawSocket(server.wsUrl, board.id, board.invites.participant)
    raw.socket.send(new Uint8Array(MAX_BYTES + 1))
    expect((await raw.closed).code).toBe(1009)
    await expectRoomHealthy('oversize')
  })

  it('closes a text frame with 1003', async () => {
    const raw = await openRawSocket(server.wsUrl, board.id, board.invites.participant)
    raw.socket.send('hello')
    expect((await raw.closed).code).toBe(1003)
    await expectRoomHealthy('text')
  })

  it('logs one line per closed connection, without crashing', () => {
    const warnings = server.logs.filter((line) => line.includes('bad message'))
    expect(warnings.length).toBeGreaterThanOrEqual(cases.length)
    expect(server.process.exitCode).toBeNull()
  })
})
