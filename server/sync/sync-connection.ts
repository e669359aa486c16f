/**
 * What a room needs of a client connection, whatever carries it (ws today, maybe another library or
 * a test double tomorrow). The transport creates one per socket and forwards frames to the room.
 */
import type { Role } from '../../shared/auth/roles.ts'

export interface SyncConnection {
  /** A short id for logs; never the token. */
  readonly id: string
  readonly role: Role
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}
