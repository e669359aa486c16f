/** Payloads of the boards JSON API, validated once here and typed for both sides. */
import { z } from 'zod'
import { LANGUAGES } from '../i18n/language.ts'
import type { Role } from '../auth/roles.ts'
import type { CreatedInvite } from './invites.ts'
import { BOARD_TITLE_MAX } from './board-limits.ts'

export { BOARD_ID_PATTERN, BOARD_TITLE_MAX } from './board-limits.ts'

export const createBoardRequest = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(BOARD_TITLE_MAX, `title must be at most ${BOARD_TITLE_MAX} characters`),
  /** Language of the charter template; defaults to the request's Accept-Language. */
  language: z.enum(LANGUAGES).optional(),
})
export type CreateBoardRequest = z.infer<typeof createBoardRequest>

/** One token per role, the room display's included. */
export type Invites = Record<Role, string>

export interface CreateBoardResponse {
  id: string
  /** The token of each role's first link (kept for existing clients; `links` says more). */
  invites: Invites
  /** The same links as records, with their id, full link and join code (shown only here). */
  links: CreatedInvite[]
}

export interface BoardResponse {
  id: string
  title: string
  /** ISO 8601 */
  createdAt: string
  /** The caller's role, from the token it presented. */
  role: Role
  /** The board's language (its charter template's), 'fr' or 'en'. */
  language: string
  /** The invite link the caller's token belongs to (shared/api/invites.ts). */
  inviteId: string
  /** The partner that link is bound to (who uses it speaks for that partner), or null. */
  partnerId: string | null
}
// Invite tokens and join codes are stored hashed: only the responses that create a link carry them
// (board creation, import, POST …/invites and …/regenerate). The device that got them keeps them.

export interface ApiError {
  error: string
}


export interface ServerConfigResponse {
  /** Base URL for invite links, when the server is reached under another name (PUBLIC_URL). */
  publicUrl: string | null
  /** Whether creating or importing a board needs the server's ADMIN_TOKEN (`Authorization: Bearer <token>`). */
  adminTokenRequired: boolean
  /** The largest sync frame the server takes (MAX_MESSAGE_BYTES): the client cuts bigger changes below it. */
  maxMessageBytes: number
}
