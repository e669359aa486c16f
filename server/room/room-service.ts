/**
 * The room's server side: the timer, written by the server in its own clock on a facilitator's
 * request (through the room, like a session's end: committed, then relayed to everyone), and the
 * join link shown in the room.
 *
 * The join link: tokens are stored hashed (invite-service.ts), so the server can't show one it was
 * not given. The facilitator's device, which keeps its links' secrets, registers the chosen
 * participant link; the server checks that the token (and code) are those of an active participant
 * link of this board, then keeps them IN MEMORY only (never on disk, never in the board document)
 * and hands them to the facilitator and the room display alone. After a restart the facilitator's
 * client registers it again when it reconnects. A revoked link stops being shown at once (it is
 * checked again on every read). With several instances, each keeps it in memory, told by the relay.
 */
import type { RoomJoinLinkResponse, TimerCommandRequest } from '../../shared/api/room.ts'
import { formatJoinCode, normalizeJoinCode } from '../../shared/auth/join-code.ts'
import { nextTimer, readRoom, writeJoinLinkMarker, writeTimer, type Timer } from '../../shared/board/room.ts'
import type { BoardStore } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import { hashJoinCode, hashToken, sameHash } from '../auth/tokens.ts'
import { log } from '../log.ts'

export class RoomError extends Error {
  constructor(readonly status: 400 | 404, message: string) {
    super(message)
  }
}

interface RegisteredLink {
  inviteId: string
  token: string
  code: string | null
}

export class RoomService {
  /** boardId → the join link shown in its room (memory only: see the top of this file). */
  private readonly joinLinks = new Map<string, RegisteredLink>()

  constructor(private readonly store: BoardStore, private readonly rooms: RoomRegistry, private readonly clock: () => number = Date.now) {
    rooms.relay.listen({
      joinLink: (boardId, link) => {
        if (link) this.joinLinks.set(boardId, link)
        else this.joinLinks.delete(boardId)
      },
    })
  }

  /** Applies a timer command at the server's time; returns the timer as everyone now has it. */
  timer(boardId: string, command: TimerCommandRequest): Promise<Timer> {
    return this.rooms.withRoom(boardId, async (room) => {
      const next = nextTimer(readRoom(room.doc).timer, command, this.clock())
      await room.applyServerChange((doc) => writeTimer(doc, next))
      return next
    })
  }

  /** Registers a participant link of this board for the room; 400 if the token isn't one (or the code isn't its). */
  async setJoinLink(boardId: string, token: string, code: string | null | undefined): Promise<RoomJoinLinkResponse> {
    const tokenHash = hashToken(token)
    const invites = await this.store.invitesOf(boardId)
    let found: (typeof invites)[number] | null = null
    for (const invite of invites) if (sameHash(tokenHash, invite.tokenHash)) found = invite
    if (!found || found.role !== 'participant') throw new RoomError(400, 'token: not an active participant link of this board')
    let canonical: string | null = null
    if (code) {
      const codeHash = hashJoinCode(code)
      if (codeHash === null || found.codeHash === null || !sameHash(codeHash, found.codeHash)) throw new RoomError(400, 'code: not the join code of this link')
      canonical = normalizeJoinCode(code)
    }
    const previous = this.joinLinks.get(boardId)
    const changed = previous?.inviteId !== found.id || previous.code !== canonical || previous.token !== token
    this.joinLinks.set(boardId, { inviteId: found.id, token, code: canonical })
    // Before the marker: other instances know the link by the time their displays ask for it.
    if (changed) this.rooms.relay.publishJoinLink(boardId, { inviteId: found.id, token, code: canonical })
    if (changed) {
      await this.markJoinLink(boardId, true)
      log('info', 'room join link set', { board: boardId, invite: found.id })
    }
    return this.view(found, token, canonical)
  }

  /** The link shown in the room, or 404 when none is (never registered, lost in a restart, or revoked since). */
  async getJoinLink(boardId: string): Promise<RoomJoinLinkResponse> {
    const registered = this.joinLinks.get(boardId)
    if (!registered) throw new RoomError(404, 'No join link is shown in this room')
    const invite = (await this.store.invitesOf(boardId)).find((i) => i.id === registered.inviteId)
    if (!invite) {
      this.joinLinks.delete(boardId)
      throw new RoomError(404, 'No join link is shown in this room')
    }
    return this.view(invite, registered.token, registered.code)
  }

  async clearJoinLink(boardId: string): Promise<void> {
    if (!this.joinLinks.delete(boardId)) return
    this.rooms.relay.publishJoinLink(boardId, null)
    await this.markJoinLink(boardId, false)
  }

  private view(invite: { id: string; label: string; partnerId: string | null }, token: string, code: string | null): RoomJoinLinkResponse {
    return { inviteId: invite.id, token, code: code === null ? null : formatJoinCode(code), label: invite.label, partnerId: invite.partnerId }
  }

  /** Tells the display (through the board document, no secret in it) to fetch the link again. */
  private markJoinLink(boardId: string, set: boolean): Promise<void> {
    const now = this.clock()
    return this.rooms.withRoom(boardId, (room) => room.applyServerChange((doc) => writeJoinLinkMarker(doc, set, now)))
  }
}
