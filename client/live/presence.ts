/**
 * What each client puts in its awareness state. The `user` field is shared with Tiptap's
 * CollaborationCaret, which reads `user.name` and `user.color` to draw carets: keep those names.
 * The board section a person has open is a field of its own, `section` (the caret extension sets
 * `user` when an editor is created, with what it was given then: it must not carry a section).
 * The server caps a presence state at 4 KiB: keep it small.
 */
import { isRole, type Role } from '../../shared/auth/roles.ts'

export interface PresenceUser {
  name: string
  organisation: string
  /** #rrggbb */
  color: string
  role: Role
  /** The board partner this person speaks for, 'facilitation', or '' (not chosen, or an older client). */
  partnerId: string
  /** Stable per device (storage/person.ts): attendance counts a person once across reconnects. */
  personId: string
}

export interface Peer extends PresenceUser {
  clientId: number
  isMe: boolean
  /** The board section they have open (a section id, e.g. 'values'), or '' (not said, an older client). */
  section: string
}

/** The awareness field holding the open section's id. */
export const SECTION_FIELD = 'section'

/** The section a state says (section ids are short lowercase words), or ''. */
export function parsePresenceSection(state: unknown): string {
  if (typeof state !== 'object' || state === null || !(SECTION_FIELD in state)) return ''
  const section = (state as Record<string, unknown>)[SECTION_FIELD]
  return typeof section === 'string' && /^[a-z][a-z-]{0,31}$/.test(section) ? section : ''
}

/** Other clients' states come off the wire: keep only well-formed ones. */
export function parsePresenceUser(state: unknown): PresenceUser | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null
  const user = (state as { user: unknown }).user
  if (typeof user !== 'object' || user === null) return null
  const { name, organisation, color, role, partnerId, personId } = user as Record<string, unknown>
  if (typeof name !== 'string' || name.trim() === '') return null
  return {
    name: name.slice(0, 80),
    organisation: typeof organisation === 'string' ? organisation.slice(0, 80) : '',
    color: typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#555555',
    role: isRole(role) ? role : 'participant',
    partnerId: typeof partnerId === 'string' ? partnerId.slice(0, 64) : '',
    personId: typeof personId === 'string' ? personId.slice(0, 64) : '',
  }
}
