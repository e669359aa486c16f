/** Payloads of the boards JSON API, validated once here and typed for both sides. */
import { z } from 'zod'
import { LANGUAGES } from '../i18n/language.ts'
import type { Role } from '../auth/roles.ts'
import { BOARD_TITLE_MAX } from './board-limits.ts'

export { BOARD_ID_PATTERN, BOARD_TITLE_MAX } from './board-limits.ts'

export const createBoardRequest = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(BOARD_TITLE_MAX, `title must be at most ${BOARD_TITLE_MAX} characters`),
  /** Language of the charter template; defaults to the request's Accept-Language. */
  language: z.enum(LANGUAGES).optional(),
})
export type CreateBoardRequest = z.infer<typeof createBoardRequest>

export type Invites = Record<Role, string>

export interface CreateBoardResponse {
  id: string
  invites: Invites
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
}
// Invite tokens are stored hashed: only the creation response carries them. The creator's device
// keeps them; rotating a link (a later issue) issues a new one.

export interface ApiError {
  error: string
}


export interface ServerConfigResponse {
  /** Base URL for invite links, when the server is reached under another name (PUBLIC_URL). */
  publicUrl: string | null
  /** Whether creating or importing a board needs the server's ADMIN_TOKEN (`Authorization: Bearer <token>`). */
  adminTokenRequired: boolean
}
