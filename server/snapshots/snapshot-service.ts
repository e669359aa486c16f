/**
 * Iterations and named snapshots of a board: the full encoded Yjs state, kept beside the board
 * (live documents keep garbage collection on; history is these states, not Yjs tombstones).
 * Also ends sessions (mark + iteration in one step), restores, and compares any two states.
 */
import * as Y from 'yjs'
import { readBoard, type BoardJson } from '../../shared/board/board-json.ts'
import { compareBoards, type BoardDiff } from '../../shared/board/compare.ts'
import { newId } from '../../shared/board/ids.ts'
import { restoreContent } from '../../shared/board/restore.ts'
import { announce, type AnnouncedBy } from '../../shared/board/announcements.ts'
import { sessionsOf } from '../../shared/board/schema.ts'
import { markSessionEnded, readSession } from '../../shared/board/sessions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { isLanguage } from '../../shared/i18n/language.ts'
import { DIAGNOSES_PRIVATE_MARK, withoutUnsharedDiagnoses } from '../method/diagnosis-service.ts'
import type { BoardStore, SnapshotKind, SnapshotRecord } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

export class SnapshotError extends Error {
  constructor(readonly status: 404 | 409, message: string) {
    super(message)
  }
}

/** The board as JSON from an encoded state. */
export function boardFromState(state: Uint8Array): BoardJson {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const board = readBoard(doc)
  doc.destroy()
  return board
}

export class SnapshotService {
  constructor(private readonly store: BoardStore, private readonly rooms: RoomRegistry) {}

  list(boardId: string): Promise<SnapshotRecord[]> {
    return this.store.listSnapshots(boardId)
  }

  /** A named snapshot of the board as it is now. */
  createNamed(boardId: string, label: string): Promise<SnapshotRecord> {
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, (room) => this.keep(boardId, room.encodeState(), { label, kind: 'named' })))
  }

  /**
   * Ends a session: marks it ended in the live board, then keeps the numbered iteration
   * ("Iteration 3 — Steering committee, 12 March 2026") that holds it.
   */
  endSession(boardId: string, sessionId: string, language: string): Promise<SnapshotRecord> {
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      const item = sessionsOf(room.doc).get(sessionId)
      if (!item) throw new SnapshotError(404, 'Session not found')
      const session = readSession(item)
      if (session.endedAt) throw new SnapshotError(409, 'This session has already ended')
      const terms = BOARD_TERMS[isLanguage(language) ? language : 'fr']
      const number = (await this.store.listSnapshots(boardId)).filter((s) => s.kind === 'iteration').length + 1
      const id = newId()
      const createdAt = new Date().toISOString()
      await room.applyServerChange((doc) => markSessionEnded(doc, sessionId, id, createdAt))
      const label = terms.iteration(number, terms.sessionKind[session.kind], formatDay(session.date, isLanguage(language) ? language : 'fr'))
      return this.keep(boardId, room.encodeState(), { id, label, kind: 'iteration', number, sessionId, createdAt })
    }))
  }

  /**
   * A snapshot as every reader gets it (API, compare, reports, restore, archive): without the text
   * of diagnoses not shared, which one kept before they were kept by the server may still hold
   * (those after hold none: read as they are, as decoding a large board costs ~0.1 s).
   */
  async get(boardId: string, snapshotId: string): Promise<{ record: SnapshotRecord; state: Uint8Array }> {
    const found = await this.store.getSnapshot(boardId, snapshotId)
    if (!found) throw new SnapshotError(404, 'Snapshot not found')
    const clean = await this.store.markedAt(boardId, DIAGNOSES_PRIVATE_MARK)
    if (clean !== null && found.record.createdAt > clean) return found
    return { record: found.record, state: withoutUnsharedDiagnoses(found.state) }
  }

  /** The live board, as JSON. */
  live(boardId: string): Promise<BoardJson> {
    return this.rooms.withRoom(boardId, (room) => readBoard(room.doc))
  }

  /** Compares two snapshots, or a snapshot and the live board ('live'). */
  async compare(boardId: string, fromId: string, toId: string): Promise<BoardDiff> {
    const read = async (id: string) => (id === 'live' ? this.live(boardId) : boardFromState((await this.get(boardId, id)).state))
    return compareBoards(await read(fromId), await read(toId))
  }

  /**
   * Brings the board back to a snapshot as a new forward change, after keeping the current state
   * as a restore point (so the restore can itself be undone), and announces it to everyone (`by`:
   * who asked).
   */
  restore(boardId: string, snapshotId: string, language: string, by: AnnouncedBy = { personId: '', name: '' }): Promise<{ restorePoint: SnapshotRecord }> {
    return this.store.withBoardLock(boardId, async () => {
      const target = await this.get(boardId, snapshotId)
      return this.rooms.withRoom(boardId, async (room) => {
        const terms = BOARD_TERMS[isLanguage(language) ? language : 'fr']
        const restorePoint = await this.keep(boardId, room.encodeState(), { label: terms.restorePoint(target.record.label), kind: 'restore-point' })
        // Told to everyone in the same change (shared/board/announcements.ts): nobody's board changes silently.
        await room.applyServerChange((doc) => {
          restoreContent(doc, target.state)
          announce(doc, { kind: 'restore', by, label: target.record.label, count: 0 })
        })
        return { restorePoint }
      })
    })
  }

  private async keep(
    boardId: string, state: Uint8Array,
    fields: { label: string; kind: SnapshotKind; id?: string; number?: number; sessionId?: string; createdAt?: string },
  ): Promise<SnapshotRecord> {
    const record: SnapshotRecord = {
      id: fields.id ?? newId(),
      boardId,
      label: fields.label,
      kind: fields.kind,
      number: fields.number ?? null,
      sessionId: fields.sessionId ?? null,
      createdAt: fields.createdAt ?? new Date().toISOString(),
    }
    await this.store.createSnapshot(record, state)
    return record
  }
}
