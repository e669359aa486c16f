import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { charterOf } from '../../shared/board/schema.ts'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.ts'
import { soloRelay } from '../relay/board-relay.ts'
import type { BoardStore } from '../store/board-store.ts'
import { openSqliteStore } from '../store/sqlite-store.ts'
import { RoomRegistry } from './room-registry.ts'
import type { SyncConnection } from './sync-connection.ts'
import { UpdateWriter } from './update-writer.ts'

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('a room whose log cannot be merged (a full disk)', () => {
  it('goes on committing and tries the merge again at later commits, not in a loop that starves the event loop', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'atelier-compaction-')))
    const boardId = 'boardNOMERGE1'
    await store.createBoard({ id: boardId, title: 't', language: 'fr', createdAt: new Date().toISOString() }, [], new Uint8Array([0, 0]))
    let attempts = 0
    const faulty = Object.create(store) as BoardStore
    faulty.compactUpdates = async () => {
      attempts++
      // After a turn, as PostgreSQL's driver answers: SQLite's refusal comes back at once, which made
      // the old retry loop hold the event loop for ever (this test then hangs instead of failing).
      await new Promise((resolve) => setImmediate(resolve))
      throw new Error('database or disk is full')
    }
    const rooms = new RoomRegistry(faulty, new UpdateWriter(faulty), { compactAfterUpdates: 3, maxBoardBytes: 32 * 1024 * 1024 }, soloRelay)
    const closed: number[] = []
    const connection: SyncConnection = {
      id: 'c1', role: 'participant', inviteId: '', partnerId: null, personId: null,
      send: () => {},
      close: (code) => closed.push(code),
    }
    const session = rooms.connect(boardId, connection)

    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    charterOf(doc).insert(0, [paragraph])
    for (let i = 0; i < 10; i++) text.insert(text.length, 'abcdefghij'[i]!)
    for (const update of updates) {
      session.receive(updateFrame(update))
      // A timer still fires between two edits: the event loop is not held by merge attempts.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await rooms.withRoom(boardId, (room) => expect(charterOf(room.doc).toString()).toContain('abcdefghij'))
    expect(closed).toEqual([])
    // At most one attempt per commit once past the threshold (11 commits, the threshold is 3).
    expect(attempts).toBeGreaterThan(0)
    expect(attempts).toBeLessThanOrEqual(updates.length)
    session.close()
    await rooms.closeAll()
    await store.close()
  }, 20_000)
})
