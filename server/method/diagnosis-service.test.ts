import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { diagnosesOf, diagnosisKey, unsharedDiagnosisTexts } from '../../shared/board/method.ts'
import { soloRelay } from '../relay/board-relay.ts'
import type { BoardStore } from '../store/board-store.ts'
import { openSqliteStore } from '../store/sqlite-store.ts'
import { RoomRegistry } from '../sync/room-registry.ts'
import { UpdateWriter } from '../sync/update-writer.ts'
import { DIAGNOSES_PRIVATE_MARK, DiagnosisService } from './diagnosis-service.ts'

const SECRET = 'Projet de fusion confidentiel'
const logHolds = (rows: { data: Uint8Array }[], text: string) => rows.some((row) => Buffer.from(row.data).includes(text))

/** The real SQLite store, except that merging a board's log fails while `failing` is set (a full disk, say). */
function storeWhoseMergeFails(dataDir: string): { store: BoardStore; fail(on: boolean): void } {
  const store = openSqliteStore(dataDir)
  let failing = false
  const faulty = Object.create(store) as BoardStore
  faulty.compactUpdates = async (...args) => {
    if (failing) throw new Error('database or disk is full')
    return store.compactUpdates(...args)
  }
  return { store: faulty, fail: (on) => { failing = on } }
}

function serve(store: BoardStore) {
  const rooms = new RoomRegistry(store, new UpdateWriter(store), { compactAfterUpdates: 500, maxBoardBytes: 32 * 1024 * 1024 }, soloRelay)
  const diagnoses = new DiagnosisService(store, rooms)
  rooms.onLoad((room) => diagnoses.takeOutOfDocument(room))
  return rooms
}

describe('moving unshared diagnoses out of a board stored before', () => {
  it('marks the board done only once its log no longer holds the text: a merge that failed is retried at the next load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-diagnosis-move-'))
    const { store, fail } = storeWhoseMergeFails(dataDir)
    const boardId = 'boardOLDDIAG1'
    const old = new Y.Doc()
    diagnosesOf(old).set(diagnosisKey('partnerA', 'project'), SECRET)
    await store.createBoard({ id: boardId, title: 'Ancien', language: 'fr', createdAt: new Date().toISOString() }, [], Y.encodeStateAsUpdate(old))

    fail(true)
    let rooms = serve(store)
    await rooms.withRoom(boardId, (room) => expect(unsharedDiagnosisTexts(room.doc).size).toBe(0))
    await rooms.closeAll()
    // Out of the document and kept by the server, but still in the log's first row: not marked.
    expect((await store.getDiagnosis(boardId, 'partnerA'))?.project).toBe(SECRET)
    expect(logHolds(await store.loadUpdates(boardId), SECRET)).toBe(true)
    expect(await store.markedAt(boardId, DIAGNOSES_PRIVATE_MARK)).toBeNull()

    fail(false)
    rooms = serve(store)
    await rooms.withRoom(boardId, (room) => expect(unsharedDiagnosisTexts(room.doc).size).toBe(0))
    expect(logHolds(await store.loadUpdates(boardId), SECRET)).toBe(false)
    expect(await store.markedAt(boardId, DIAGNOSES_PRIVATE_MARK)).not.toBeNull()
    expect((await store.getDiagnosis(boardId, 'partnerA'))?.project).toBe(SECRET)
    await rooms.closeAll()
    await store.close()
  })
})
