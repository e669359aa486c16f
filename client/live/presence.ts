/**
 * What each client puts in its awareness state. The `user` field is shared with Tiptap's
 * CollaborationCaret, which reads `user.name` and `user.color` to draw carets: keep those names.
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
