import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { MessageType } from '../../shared/protocol/messages.ts'
import type { BoardStore } from '../store/board-store.ts'
import { openSqliteStore } from '../store/sqlite-store.ts'
import { RoomRegistry } from './room-registry.ts'
import type { SyncConnection } from './sync-connection.ts'
import { soloRelay } from '../relay/board-relay.ts'
import { UpdateWriter } from './update-writer.ts'

const queryAwareness = (() => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.QueryAwareness)
  return encoding.toUint8Array(encoder)
})()

function fakeConnection(): SyncConnection & { sent: Uint8Array[]; closed: { code: number; reason: string }[] } {
  const sent: Uint8Array[] = []
  const closed: { code: number; reason: string }[] = []
  return {
    id: 'c1', role: 'participant', inviteId: '', partnerId: null, personId: null,
    sent, closed,
    send: (frame) => sent.push(frame),
    close: (code, reason) => closed.push({ code, reason }),
  }
}

/** The real SQLite store, except that loading a board's updates waits until `release()`. */
async function stalledStore(): Promise<{ store: BoardStore; release: () => void; boardId: string }> {
  const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'atelier-registry-')))
  const boardId = 'boardFLOOD01'
  await store.createBoard({ id: boardId, title: 't', language: 'fr', createdAt: new Date().toISOString() }, [], new Uint8Array([0, 0]))
  let release = () => {}
  const gate = new Promise<void>((resolve) => { release = resolve })
  const stalled = Object.create(store) as BoardStore
  stalled.loadUpdates = async (id) => {
    await gate
    return store.loadUpdates(id)
  }
  return { store: stalled, release, boardId }
}

describe('RoomRegistry while a board loads', () => {
  it('holds up to 1,000 frames and replays them once loaded; one more closes the client with 1008', async () => {
    const { store, release, boardId } = await stalledStore()
    const registry = new RoomRegistry(store, new UpdateWriter(store), { compactAfterUpdates: 500, maxBoardBytes: 32 * 1024 * 1024 }, soloRelay)

    const patient = fakeConnection()
    const patientSession = registry.connect(boardId, patient)
    for (let i = 0; i < 1_000; i++) patientSession.receive(queryAwareness)
    const flooder = fakeConnection()
    const flooderSession = registry.connect(boardId, flooder)
    for (let i = 0; i < 1_001; i++) flooderSession.receive(queryAwareness)
    expect(flooder.closed).toEqual([{ code: 1008, reason: 'Too many messages' }])
    expect(patient.closed).toEqual([])
    expect(patient.sent).toEqual([]) // nothing answered from an empty doc

    release()
    // Loaded: the step 1, then one answer per held query (empty awareness), in order.
    await new Promise<void>((resolve) => {
      const check = () => (patient.sent.length > 1_000 ? resolve() : setTimeout(check, 5))
      check()
    })
    const first = decoding.createDecoder(patient.sent[0]!)
    expect(decoding.readVarUint(first)).toBe(MessageType.Sync)
    expect(patient.sent.length).toBe(1_001)
    expect(patient.closed).toEqual([])
    patientSession.close()
    flooderSession.close()
    await registry.closeAll()
  })
})
