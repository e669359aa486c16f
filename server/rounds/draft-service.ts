/**
 * Private writing that is private: while a private-writing round is open, what people write are
 * drafts kept here (the store's drafts table), never in the board document, so no socket and no
 * snapshot carries another person's unrevealed card. Revealing adds the drafts to the board as cards
 * and closes the round in ONE server change applied through the room (committed before it is
 * relayed), so every client receives them at once; the drafts are deleted after.
 *
 * Every change of a board's drafts and its reveals run one after the other (a per-board lock that
 * holds across instances: BoardStore.withBoardLock): a
 * draft is either revealed with the others or refused because the round has closed, never lost.
 * Should the server stop between the reveal's commit and the deletion, the leftover drafts are
 * recognised by their ids (a revealed card keeps its draft's id) and dropped on the next read.
 */
import { can, scopeFor, type Role } from '../../shared/auth/roles.ts'
import type { DraftView, DraftsResponse, EditDraftRequest, RevealResponse, WriteDraftRequest } from '../../shared/api/drafts.ts'
import { DRAFTS_PER_PERSON_MAX, DRAFTS_PER_ROUND_MAX } from '../../shared/api/drafts.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { newId } from '../../shared/board/ids.ts'
import { announce, type AnnouncedBy } from '../../shared/board/announcements.ts'
import { listPartners } from '../../shared/board/partners.ts'
import { listRounds, revealDrafts, type RevealedDraft } from '../../shared/board/rounds.ts'
import type { RoundMode, RoundStatus } from '../../shared/board/schema.ts'
import { interestsOf } from '../../shared/board/schema.ts'
import type { BoardStore, DraftRecord } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { Room } from '../sync/room.ts'

export class DraftError extends Error {
  constructor(readonly status: 400 | 403 | 404 | 409, message: string) {
    super(message)
  }
}

/** Who writes, as the server knows it: from the invite link and the person key, never from the body. */
export interface DraftWriter {
  personId: string
  role: Role
  /** The partner the invite link is bound to, or null for a generic link. */
  boundPartnerId: string | null
}

export interface DraftReader {
  /** Null when the caller presented no person key (it then has no drafts of its own). */
  personId: string | null
  role: Role
}

interface RoundInfo {
  status: RoundStatus
  mode: RoundMode
}

export const draftView = (draft: DraftRecord): DraftView => ({
  id: draft.id, roundId: draft.roundId, text: draft.text, kind: draft.kind, partnerId: draft.partnerId,
  author: { personId: draft.personId, name: draft.authorName }, createdAt: draft.createdAt, updatedAt: draft.updatedAt,
})

const revealed = (draft: DraftRecord): RevealedDraft => ({
  id: draft.id, text: draft.text, kind: draft.kind, partnerId: draft.partnerId,
  author: { personId: draft.personId, name: draft.authorName }, createdAt: draft.createdAt,
})

/** The private-writing round, or a 404 (unknown) / 409 (another kind of round). */
function privateRound(room: Room, roundId: string): RoundInfo {
  const round = listRounds(room.doc).find((r) => r.id === roundId)
  if (!round) throw new DraftError(404, 'Round not found')
  if (round.kind !== 'private-writing') throw new DraftError(409, 'This round is not a private-writing round')
  return { status: round.status, mode: round.mode ?? 'open' }
}

function assertOpen(round: RoundInfo): void {
  if (round.status !== 'open') throw new DraftError(409, 'This private-writing round is closed')
}

const cardIds = (room: Room): Set<string> => new Set(interestsOf(room.doc).toArray().map((card) => String(card.get('id'))))

export class DraftService {

  constructor(private readonly store: BoardStore, private readonly rooms: RoomRegistry) {}

  /** Writes a draft; sent again with the same id by the same person, answers the draft already kept. */
  write(boardId: string, roundId: string, writer: DraftWriter, input: WriteDraftRequest): Promise<{ draft: DraftView; created: boolean }> {
    if (!can(writer.role, 'card.add')) throw new DraftError(403, `A ${writer.role} may not write cards`)
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      const round = privateRound(room, roundId)
      if (input.id !== undefined) {
        const existing = await this.store.getDraft(boardId, roundId, input.id)
        if (existing) {
          if (existing.personId !== writer.personId) throw new DraftError(409, 'This draft id is taken')
          return { draft: draftView(existing), created: false }
        }
        if (cardIds(room).has(input.id)) throw new DraftError(409, 'This draft was already revealed')
      }
      assertOpen(round)
      const partnerId = this.partnerOf(room, writer, input.partnerId)
      const drafts = await this.store.listDrafts(boardId, roundId)
      if (drafts.length >= DRAFTS_PER_ROUND_MAX) throw new DraftError(409, `A round keeps at most ${DRAFTS_PER_ROUND_MAX} drafts`)
      if (drafts.filter((d) => d.personId === writer.personId).length >= DRAFTS_PER_PERSON_MAX) {
        throw new DraftError(409, `At most ${DRAFTS_PER_PERSON_MAX} drafts per person in a round`)
      }
      const now = new Date().toISOString()
      const draft: DraftRecord = {
        boardId, roundId, id: input.id ?? newId(), personId: writer.personId, partnerId, authorName: input.name,
        text: input.text, kind: input.kind, createdAt: now, updatedAt: now,
      }
      await this.store.createDraft(draft)
      return { draft: draftView(draft), created: true }
    }))
  }

  /** One's own drafts and the count of the others'; all of them for the facilitator of a controlled round. */
  list(boardId: string, roundId: string, reader: DraftReader): Promise<DraftsResponse> {
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      const round = privateRound(room, roundId)
      const drafts = await this.withoutRevealed(room, boardId, roundId)
      const mine = drafts.filter((d) => reader.personId !== null && d.personId === reader.personId)
      const inbox = round.mode === 'controlled' && can(reader.role, 'round.run') ? drafts.map(draftView) : null
      return { mine: mine.map(draftView), others: drafts.length - mine.length, inbox }
    }))
  }

  /** Rewords one's own draft while the round is open. */
  edit(boardId: string, roundId: string, draftId: string, writer: DraftWriter, input: EditDraftRequest): Promise<DraftView> {
    if (!can(writer.role, 'card.add')) throw new DraftError(403, `A ${writer.role} may not write cards`)
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      assertOpen(privateRound(room, roundId))
      const draft = await this.store.getDraft(boardId, roundId, draftId)
      if (!draft) throw new DraftError(404, 'Draft not found')
      if (draft.personId !== writer.personId) throw new DraftError(403, 'Only its author can change a draft')
      const fields = { text: input.text ?? draft.text, kind: input.kind ?? draft.kind, updatedAt: new Date().toISOString() }
      await this.store.updateDraft(boardId, roundId, draftId, fields)
      return draftView({ ...draft, ...fields })
    }))
  }

  /** Withdraws a draft: its author, or the facilitator (who may discard one from a controlled round's inbox). */
  remove(boardId: string, roundId: string, draftId: string, writer: DraftWriter): Promise<void> {
    if (!can(writer.role, 'card.add')) throw new DraftError(403, `A ${writer.role} may not write cards`)
    return this.store.withBoardLock(boardId, async () => {
      const draft = await this.store.getDraft(boardId, roundId, draftId)
      if (!draft) throw new DraftError(404, 'Draft not found')
      if (draft.personId !== writer.personId && !can(writer.role, 'board.remove-any')) {
        throw new DraftError(403, 'Only its author or the facilitator can withdraw a draft')
      }
      await this.store.deleteDrafts(boardId, roundId, [draftId])
    })
  }

  /**
   * Reveals every draft and closes the round, in one change every client receives at once (the
   * facilitator's request: the route checks 'round.run'), with an announcement of who revealed it.
   */
  revealAll(boardId: string, roundId: string, by: AnnouncedBy = { personId: '', name: '' }): Promise<RevealResponse> {
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      assertOpen(privateRound(room, roundId))
      const drafts = await this.store.listDrafts(boardId, roundId)
      const title = listRounds(room.doc).find((r) => r.id === roundId)?.title ?? ''
      let added: string[] = []
      await room.applyServerChange((doc) => {
        added = revealDrafts(doc, roundId, drafts.map(revealed), { close: true })
        // Announced to everyone in the same change (shared/board/announcements.ts).
        announce(doc, { kind: 'reveal', by, label: title, count: added.length })
      })
      await this.store.deleteDrafts(boardId, roundId, drafts.map((d) => d.id))
      return { revealed: added, closed: true }
    }))
  }

  /** Controlled mode: reveals one draft from the facilitator's inbox; the round stays open. */
  revealOne(boardId: string, roundId: string, draftId: string): Promise<RevealResponse> {
    return this.store.withBoardLock(boardId, () => this.rooms.withRoom(boardId, async (room) => {
      const round = privateRound(room, roundId)
      assertOpen(round)
      if (round.mode !== 'controlled') throw new DraftError(409, 'Drafts are revealed one by one only in a controlled round')
      const draft = await this.store.getDraft(boardId, roundId, draftId)
      if (!draft) throw new DraftError(404, 'Draft not found')
      let added: string[] = []
      await room.applyServerChange((doc) => { added = revealDrafts(doc, roundId, [revealed(draft)], { close: false }) })
      await this.store.deleteDrafts(boardId, roundId, [draftId])
      return { revealed: added, closed: false }
    }))
  }

  /**
   * The partner a draft is written for, by the same rules as a card (shared/auth/roles.ts,
   * 'card.add', scope 'declared-partner'): a bound link writes for its partner; a generic link for
   * the partner it declares; the facilitator for any partner (or as facilitation).
   */
  private partnerOf(room: Room, writer: DraftWriter, requested: string | undefined): string {
    let partnerId: string
    if (scopeFor(writer.role, 'card.add') === 'any') {
      partnerId = requested ?? FACILITATION
    } else if (writer.boundPartnerId !== null) {
      if (requested !== undefined && requested !== writer.boundPartnerId) throw new DraftError(403, 'Your link speaks for another partner')
      partnerId = writer.boundPartnerId
    } else {
      if (requested === undefined) throw new DraftError(400, 'partnerId: say which partner you speak for')
      partnerId = requested
    }
    if (partnerId !== FACILITATION && !listPartners(room.doc).some((p) => p.id === partnerId)) {
      throw new DraftError(400, 'partnerId: no such partner on this board')
    }
    return partnerId
  }

  /** The round's drafts, less those already on the board (a reveal interrupted before it deleted them). */
  private async withoutRevealed(room: Room, boardId: string, roundId: string): Promise<DraftRecord[]> {
    const drafts = await this.store.listDrafts(boardId, roundId)
    const onBoard = cardIds(room)
    const leftovers = drafts.filter((d) => onBoard.has(d.id))
    if (leftovers.length > 0) await this.store.deleteDrafts(boardId, roundId, leftovers.map((d) => d.id))
    return drafts.filter((d) => !onBoard.has(d.id))
  }
}
