/**
 * Payloads of the private-writing API: drafts of an open private-writing round, kept by the server
 * outside the board document until the facilitator reveals them (server/rounds/draft-service.ts).
 */
import { z } from 'zod'
import type { Author } from '../board/actor.ts'
import { CARD_TEXT_MAX } from '../board/interests.ts'
import type { CardKind } from '../board/schema.ts'

export { PERSON_HEADER } from '../auth/person.ts'

/** Most drafts one person keeps in one round, and all people together. */
export const DRAFTS_PER_PERSON_MAX = 100
export const DRAFTS_PER_ROUND_MAX = 5_000

const ID = /^[A-Za-z0-9_-]{1,64}$/

export const writeDraftRequest = z.object({
  /**
   * Chosen by the client so a draft sent again (offline queue, lost answer) is written once: the
   * same person sending the same id gets the draft back instead of a second one.
   */
  id: z.string().regex(ID, 'id: 1 to 64 URL-safe characters').optional(),
  text: z.string().trim().min(1, 'text must not be empty').max(CARD_TEXT_MAX, `text must be at most ${CARD_TEXT_MAX} characters`),
  kind: z.enum(['interest', 'brings']),
  /** The partner it is written for: the link's bound partner (default), the declared one, or any for the facilitator. */
  partnerId: z.string().regex(ID, 'partnerId: 1 to 64 URL-safe characters').optional(),
  /** The author's name as shown on the card once revealed (the profile's name). */
  name: z.string().trim().min(1, 'name must not be empty').max(200),
})
export type WriteDraftRequest = z.infer<typeof writeDraftRequest>

export const editDraftRequest = z.object({
  text: z.string().trim().min(1, 'text must not be empty').max(CARD_TEXT_MAX).optional(),
  kind: z.enum(['interest', 'brings']).optional(),
})
export type EditDraftRequest = z.infer<typeof editDraftRequest>

export interface DraftView {
  id: string
  roundId: string
  text: string
  kind: CardKind
  partnerId: string
  author: Author
  /** ISO 8601 */
  createdAt: string
  updatedAt: string
}

export interface DraftsResponse {
  /** The caller's own drafts (by its person key), oldest first. */
  mine: DraftView[]
  /** How many drafts others have written: a count, never their text. */
  others: number
  /** Every draft, for the facilitator of a controlled round (its inbox); null for anyone else. */
  inbox: DraftView[] | null
}

export interface RevealResponse {
  /** Ids of the cards added to the board (each the id its draft had). */
  revealed: string[]
  /** Whether the round is now closed (revealing all closes it; revealing one does not). */
  closed: boolean
}
