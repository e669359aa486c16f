/**
 * What a room needs of a client connection, whatever carries it (ws today, maybe another library or
 * a test double tomorrow). The transport creates one per socket and forwards frames to the room.
 */
import type { Role } from '../../shared/auth/roles.ts'

/** What the server knows of a connection, from its invite link and its person key, never from its messages. */
export interface ConnectionIdentity {
  readonly role: Role
  /** The invite link it connected with (revoking the link closes the connection). */
  readonly inviteId: string
  /** The partner its invite link is bound to, or null for a generic link. */
  readonly partnerId: string | null
  /** Hash of the person key it presented (shared/auth/person.ts), or null if it presented none. */
  readonly personId: string | null
}

export interface SyncConnection extends ConnectionIdentity {
  /** A short id for logs; never the token. */
  readonly id: string
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}
