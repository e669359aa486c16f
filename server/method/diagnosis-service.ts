/**
 * A partner's strategic diagnosis that is private until shared (issue 9), the way private-writing
 * drafts are (server/rounds/draft-service.ts): while not shared it is kept here (the store's
 * diagnoses table), never in the board document, so no socket, snapshot or export for another
 * partner carries it. Sharing moves its text into the document and sets the flag in ONE server
 * change through the room (committed, then relayed to everyone at once), after which it is
 * co-edited live there; taking it back keeps the current text here first, then removes it from the
 * document. What others saw while it was shared stays in the iterations kept meanwhile.
 *
 * Every change runs under the board's lock, one after the other. Should the server stop between
 * a share's commit and the deletion of the kept row, the document (shared) is what counts: a row
 * kept for a shared diagnosis is never read, and is replaced when it is taken back.
 *
 * Boards stored before kept unshared text in the document: `takeOutOfDocument` moves it here when
 * the room loads (RoomRegistry.onLoad), once per board (a store mark), before anyone receives it.
 */
import * as Y from 'yjs'
import type { DiagnosisResponse, WriteDiagnosisRequest } from '../../shared/api/diagnoses.ts'
import { scopeFor, type Role } from '../../shared/auth/roles.ts'
import {
  DIAGNOSIS_FIELDS, diagnosisTextOf, EMPTY_DIAGNOSIS_TEXT, isDiagnosisShared, publishDiagnosis, stripUnsharedDiagnoses,
  unsharedDiagnosisTexts, withdrawDiagnosis, type DiagnosisText,
} from '../../shared/board/method.ts'
import { listPartners } from '../../shared/board/partners.ts'
import { BoardKey } from '../../shared/board/schema.ts'
import type { BoardStore, DiagnosisRecord } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { Room } from '../sync/room.ts'
import { heldDiagnosis } from '../sync/write-guard.ts'
import { log } from '../log.ts'

const DIAGNOSES_BYTES = new TextEncoder().encode(BoardKey.Diagnoses)

/**
 * An encoded board state (a snapshot kept before diagnoses were kept by the server) without the text
 * of diagnoses not shared. A state with no diagnosis at all is returned as it is: the first entry of
 * each key names its top-level map in the bytes, so without the name there is none.
 */
export function withoutUnsharedDiagnoses(state: Uint8Array): Uint8Array {
  if (Buffer.from(state.buffer, state.byteOffset, state.byteLength).indexOf(DIAGNOSES_BYTES) === -1) return state
  const doc = new Y.Doc() // gc on: removed text is not in what it encodes
  try {
    Y.applyUpdate(doc, state)
    if (unsharedDiagnosisTexts(doc).size === 0) return state
    stripUnsharedDiagnoses(doc)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The store mark of a board whose document no longer holds unshared diagnoses: snapshots kept after
 * it hold none either (they are the document's state), and are read as they are.
 */
export const DIAGNOSES_PRIVATE_MARK = 'diagnoses-private'

export class DiagnosisError extends Error {
  constructor(readonly status: 403 | 404 | 409, message: string) {
    super(message)
  }
}

/** Who asks, as the server knows it: the invite link's role and bound partner, never the body. */
export interface DiagnosisCaller {
  role: Role
  boundPartnerId: string | null
}

const textOf = (record: DiagnosisRecord | null): DiagnosisText =>
  record ? Object.fromEntries(DIAGNOSIS_FIELDS.map((f) => [f, record[f]])) as DiagnosisText : { ...EMPTY_DIAGNOSIS_TEXT }

export class DiagnosisService {
  constructor(private readonly store: BoardStore, private readonly rooms: RoomRegistry) {}

  /** The partner's diagnosis: from the document once shared, else as kept here. */
  read(boardId: string, partnerId: string, caller: DiagnosisCaller): Promise<DiagnosisResponse> {
    this.assertSpeaksFor(caller, partnerId)
    return this.rooms.withRoom(boardId, async (room) => {
      this.assertPartner(room, partnerId)
      if (isDiagnosisShared(room.doc, partnerId)) return { partnerId, ...diagnosisTextOf(room.doc, partnerId), shared: true, updatedAt: null }
      return this.readKept(boardId, partnerId)
    })
  }

  /** Saves fields of a diagnosis not shared (409 once shared: it is co-edited in the document then). */
  write(boardId: string, partnerId: string, caller: DiagnosisCaller, input: WriteDiagnosisRequest): Promise<DiagnosisResponse> {
    this.assertSpeaksFor(caller, partnerId)
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      this.assertPartner(room, partnerId)
      if (isDiagnosisShared(room.doc, partnerId)) throw new DiagnosisError(409, 'This diagnosis is shared: it is edited live on the board')
      const kept = textOf(await this.store.getDiagnosis(boardId, partnerId))
      const text: DiagnosisText = { ...kept }
      for (const f of DIAGNOSIS_FIELDS) if (input[f] !== undefined) text[f] = input[f].trim()
      const updatedAt = new Date().toISOString()
      await this.store.putDiagnosis({ boardId, partnerId, ...text, updatedAt })
      return { partnerId, ...text, shared: false, updatedAt }
    }))
  }

  /** Shares it (its kept text into the document, for everyone at once) or takes it back from view. */
  setShared(boardId: string, partnerId: string, caller: DiagnosisCaller, shared: boolean): Promise<DiagnosisResponse> {
    this.assertSpeaksFor(caller, partnerId)
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      this.assertPartner(room, partnerId)
      const now = isDiagnosisShared(room.doc, partnerId)
      if (shared) {
        if (!now) {
          const kept = textOf(await this.store.getDiagnosis(boardId, partnerId))
          await room.applyServerChange((doc) => publishDiagnosis(doc, partnerId, kept))
        }
        await this.store.deleteDiagnosis(boardId, partnerId)
        return { partnerId, ...diagnosisTextOf(room.doc, partnerId), shared: true, updatedAt: null }
      }
      if (!now) return { ...(await this.readKept(boardId, partnerId)) }
      // Kept here first: should the change fail, the text is in both places, never in neither.
      const text = diagnosisTextOf(room.doc, partnerId)
      const updatedAt = new Date().toISOString()
      await this.store.putDiagnosis({ boardId, partnerId, ...text, updatedAt })
      // From here the guard refuses this diagnosis's text to every client, until it is out.
      const held = heldDiagnosis(partnerId)
      room.held.add(held)
      try {
        await room.applyServerChange((doc) => withdrawDiagnosis(doc, partnerId))
        // Keystrokes the guard accepted before the hold were queued before this change, so they are
        // applied by now; it was computed without them and did not remove them: kept here too, and taken out.
        const late = unsharedDiagnosisTexts(room.doc).get(partnerId)
        if (late) {
          Object.assign(text, Object.fromEntries(DIAGNOSIS_FIELDS.filter((f) => late[f] !== '').map((f) => [f, late[f]])))
          await this.store.putDiagnosis({ boardId, partnerId, ...text, updatedAt })
          await room.applyServerChange(stripUnsharedDiagnoses)
        }
      } finally {
        room.held.delete(held)
      }
      return { partnerId, ...text, shared: false, updatedAt }
    }))
  }

  /**
   * A room just loaded: unshared diagnosis text its document still holds (a board stored before)
   * is kept here and removed from the document, in one server change, once per board. Runs before
   * anyone is given the room, without the board lock (whose holders wait for the room).
   */
  async takeOutOfDocument(room: Room): Promise<void> {
    if (await this.store.markedAt(room.boardId, DIAGNOSES_PRIVATE_MARK) !== null) return
    const found = unsharedDiagnosisTexts(room.doc)
    if (found.size > 0) {
      const updatedAt = new Date().toISOString()
      for (const [partnerId, text] of found) {
        // A row already kept is newer than text left in the document: it stays.
        if (!(await this.store.getDiagnosis(room.boardId, partnerId))) await this.store.putDiagnosis({ boardId: room.boardId, partnerId, ...text, updatedAt })
      }
      await room.applyServerChange(stripUnsharedDiagnoses)
    }
    // The stored log may still hold the text in its older rows (here, or after an attempt whose merge
    // failed): merged now into the doc's state, which doesn't. Marked only once that is done.
    if (!(await room.compactNow())) {
      log('warn', 'unshared diagnoses are out of the document but the log could not be merged yet; retried at the next load', { board: room.boardId })
      return
    }
    await this.store.setMark(room.boardId, DIAGNOSES_PRIVATE_MARK, new Date().toISOString())
  }

  private async readKept(boardId: string, partnerId: string): Promise<DiagnosisResponse> {
    const kept = await this.store.getDiagnosis(boardId, partnerId)
    return { partnerId, ...textOf(kept), shared: false, updatedAt: kept?.updatedAt ?? null }
  }

  /** The rule 'diagnosis.write' (shared/auth/roles.ts), scope own-partner: a link bound to it, or the facilitator. */
  private assertSpeaksFor(caller: DiagnosisCaller, partnerId: string): void {
    if (scopeFor(caller.role, 'diagnosis.write') === 'any') return
    if (caller.boundPartnerId === partnerId) return
    throw new DiagnosisError(403, caller.boundPartnerId === null
      ? 'Only a link bound to this partner, or the facilitator, reads and writes its diagnosis'
      : 'Your link is bound to another partner')
  }

  private assertPartner(room: Room, partnerId: string): void {
    if (!listPartners(room.doc).some((p) => p.id === partnerId)) throw new DiagnosisError(404, 'No such partner on this board')
  }
}
