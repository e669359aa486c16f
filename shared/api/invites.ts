/**
 * Payloads of the invite links API (`/api/boards/:id/invites`, `/api/join`), validated once here
 * and typed for both sides. Tokens and join codes are stored hashed: only the responses that create
 * a link carry them, once.
 */
import { z } from 'zod'
import { ROLES, type Role } from '../auth/roles.ts'

export const INVITE_LABEL_MAX = 100
/** Partner ids are board item ids (shared/board/ids.ts); bounded so a body can't be huge. */
const PARTNER_ID_MAX = 64

export const createInviteRequest = z.object({
  role: z.enum(ROLES),
  /** Binds a participant link to one partner organisation of the board: who joins by it speaks for it. */
  partnerId: z.string().min(1).max(PARTNER_ID_MAX).nullish(),
  label: z.string().trim().max(INVITE_LABEL_MAX, `label must be at most ${INVITE_LABEL_MAX} characters`).optional(),
}).refine((request) => !request.partnerId || request.role === 'participant', {
  message: 'only participant links can be bound to a partner', path: ['partnerId'],
})
export type CreateInviteRequest = z.input<typeof createInviteRequest>

export const joinRequest = z.object({
  code: z.string().min(1).max(64),
})
export type JoinRequest = z.infer<typeof joinRequest>

/** An invite link as listed: never its token nor its code. */
export interface InviteSummary {
  id: string
  role: Role
  /** The partner a participant link is bound to, or null for a generic link. */
  partnerId: string | null
  label: string
  /** ISO 8601 */
  createdAt: string
  /** ISO 8601, or null while the link works. */
  revokedAt: string | null
}

/** A link just created or regenerated: the only time its token, link and code are shown. */
export interface CreatedInvite extends InviteSummary {
  token: string
  /** `<PUBLIC_URL or origin>/b/<boardId>#token=<token>` */
  link: string
  /** The short join code, formatted `K7PM-2QXR`; it works as the token too. */
  code: string
}

export interface JoinResponse {
  boardId: string
  /** The bearer credential to use: the join code itself. */
  token: string
}
