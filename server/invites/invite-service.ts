/**
 * Invite links as records: each has an id, a role, optionally the partner organisation it is bound
 * to, a label, a random token and a short join code (both shown once, both stored hashed). Revoking
 * a link refuses its token and code at once and closes every socket opened with it.
 */
import type { CreateBoardResponse, Invites } from '../../shared/api/boards.ts'
import type { CreatedInvite, InviteSummary } from '../../shared/api/invites.ts'
import { ROLES, type Role } from '../../shared/auth/roles.ts'
import { formatJoinCode } from '../../shared/auth/join-code.ts'
import { newId } from '../../shared/board/ids.ts'
import { partnerById } from '../../shared/board/partners.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { BoardStore, InviteRecord } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import { hashJoinCode, hashToken, newJoinCode, newToken } from '../auth/tokens.ts'
import { log } from '../log.ts'

export class InviteError extends Error {
  constructor(readonly status: 400 | 404 | 409, message: string) {
    super(message)
  }
}

/** A new invite: the record to store, and its secrets to show once. */
export interface IssuedInvite {
  record: InviteRecord
  token: string
  /** Canonical (unformatted) join code. */
  code: string
}

export function issueInvite(fields: { role: Role; partnerId?: string | null; label?: string }, createdAt = new Date().toISOString()): IssuedInvite {
  const token = newToken()
  const code = newJoinCode()
  return {
    token,
    code,
    record: {
      id: newId(),
      role: fields.role,
      partnerId: fields.partnerId ?? null,
      label: fields.label ?? '',
      tokenHash: hashToken(token),
      codeHash: hashJoinCode(code),
      createdAt,
      revokedAt: null,
    },
  }
}

/** One link per role for a new (or imported) board, including the room display's. */
export function issueBoardInvites(createdAt: string): IssuedInvite[] {
  return ROLES.map((role) => issueInvite({ role }, createdAt))
}

export const inviteSummary = ({ id, role, partnerId, label, createdAt, revokedAt }: InviteRecord): InviteSummary =>
  ({ id, role, partnerId, label, createdAt, revokedAt })

/** `<base>/b/<boardId>#token=<token>`: the token rides in the fragment (never in a log or a Referer). */
export const inviteLink = (base: string, boardId: string, token: string): string =>
  `${base.replace(/\/+$/, '')}/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`

export const createdInvite = (issued: IssuedInvite, base: string, boardId: string): CreatedInvite => ({
  ...inviteSummary(issued.record),
  token: issued.token,
  link: inviteLink(base, boardId, issued.token),
  code: formatJoinCode(issued.code),
})

/** What board creation and import answer: `invites` (a token per role, for existing clients) and `links`. */
export function boardInvitesResponse(boardId: string, issued: IssuedInvite[], base: string): CreateBoardResponse {
  return {
    id: boardId,
    invites: Object.fromEntries(issued.map((invite) => [invite.record.role, invite.token])) as Invites,
    links: issued.map((invite) => createdInvite(invite, base, boardId)),
  }
}

export class InviteService {
  constructor(private readonly store: BoardStore, private readonly rooms: RoomRegistry) {}

  list(boardId: string): Promise<InviteRecord[]> {
    return this.store.listInvites(boardId)
  }

  async create(boardId: string, fields: { role: Role; partnerId?: string | null; label?: string }): Promise<IssuedInvite> {
    if (fields.partnerId) {
      const partnerId = fields.partnerId
      const known = await this.rooms.withRoom(boardId, (room) => {
        try {
          return partnerById(room.doc, partnerId) !== null
        } catch {
          return false // not a partner the board can read
        }
      })
      if (!known) throw new InviteError(400, 'partnerId: no partner of this board has this id')
    }
    const issued = await this.issueUnique(fields)
    await this.store.createInvite(boardId, issued.record)
    log('info', 'invite created', { board: boardId, invite: issued.record.id, role: issued.record.role })
    return issued
  }

  /** Revokes a link: its token and code are refused from now on, and its open sockets are closed. */
  async revoke(boardId: string, inviteId: string): Promise<InviteRecord> {
    const active = await this.store.invitesOf(boardId)
    const target = active.find((invite) => invite.id === inviteId)
    if (target?.role === 'facilitator' && active.filter((invite) => invite.role === 'facilitator').length === 1) {
      // Nobody could ever manage the board again; regenerating it is the way to replace it.
      throw new InviteError(409, 'This is the last facilitator link: regenerate it instead')
    }
    const revoked = await this.store.revokeInvite(boardId, inviteId, new Date().toISOString())
    if (!revoked) throw new InviteError(404, 'Invite not found')
    this.rooms.disconnectInvite(boardId, inviteId, CloseCode.InviteRevoked)
    log('info', 'invite revoked', { board: boardId, invite: inviteId })
    return revoked
  }

  /** Revokes a link and issues it anew (same role, partner and label), in one step. */
  async regenerate(boardId: string, inviteId: string): Promise<IssuedInvite> {
    const old = (await this.store.listInvites(boardId)).find((invite) => invite.id === inviteId)
    if (!old) throw new InviteError(404, 'Invite not found')
    if (old.revokedAt !== null) throw new InviteError(404, 'This invite was already revoked')
    const issued = await this.issueUnique({ role: old.role, partnerId: old.partnerId, label: old.label })
    const after = await this.store.revokeInvite(boardId, inviteId, issued.record.createdAt, issued.record)
    // Revoked meanwhile by another request: nothing was created.
    if (!after || after.revokedAt !== issued.record.createdAt) throw new InviteError(404, 'This invite was already revoked')
    this.rooms.disconnectInvite(boardId, inviteId, CloseCode.InviteRevoked)
    log('info', 'invite regenerated', { board: boardId, invite: inviteId, replacement: issued.record.id })
    return issued
  }

  /** The board and invite a join code opens, or null. */
  async findByCode(typed: string): Promise<{ boardId: string; invite: InviteRecord } | null> {
    const hash = hashJoinCode(typed)
    return hash === null ? null : this.store.findInviteByCode(hash)
  }

  /** A join code no active invite uses (collisions are rare: 30^8 codes; still, a code must open one board). */
  private async issueUnique(fields: { role: Role; partnerId?: string | null; label?: string }): Promise<IssuedInvite> {
    for (;;) {
      const issued = issueInvite(fields)
      if (!(await this.store.findInviteByCode(issued.record.codeHash!))) return issued
    }
  }
}
