/** Who makes a change: every contribution records its partner and its author. */
import type { Role } from '../auth/roles.ts'

/** The organisation of someone who leads the process without being a partner. */
export const FACILITATION = 'facilitation'

export interface Actor {
  /** Stable per device (see client storage); a person may appear under several names over time. */
  personId: string
  name: string
  /** The partner this person speaks for, or FACILITATION. */
  partnerId: string
  role: Role
  /**
   * Whether their invite link is bound to `partnerId` (the server knows it; a generic link's partner
   * is only declared). Formal acts for a partner (stances, votes per partner, deliberations) need it.
   */
  partnerBound?: boolean
}

/** What is stored on a contribution about its author. */
export interface Author {
  personId: string
  name: string
}

export const authorOf = (actor: Actor): Author => ({ personId: actor.personId, name: actor.name })
