/** What every board section (Charter, Values, Interests, Partners…) receives from the board view. */
import type * as Y from 'yjs'
import type { Role } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import type { BoardSession } from '../live/board-session.ts'
import type { Peer } from '../live/presence.ts'

/** A saved snapshot shown with the live board's sections (History): read-only, never synced. */
export interface SnapshotRef {
  id: string
  /** Its label, e.g. "Iteration 2 — Steering committee, 12 March" (in accessible names). */
  label: string
}

export interface SectionProps {
  boardId: string
  /**
   * The live session (provider, awareness, save state), or null when `doc` is a saved snapshot
   * (then `snapshot` is set, `role` is observer, and nothing may write to `doc`).
   */
  session: BoardSession | null
  /** The snapshot `doc` holds, or null for the live board. */
  snapshot: SnapshotRef | null
  doc: Y.Doc
  /** Who writes: pass it to every board operation (shared/board). `partnerId` is '' until chosen. */
  actor: Actor
  role: Role
  peers: Peer[]
  /** The document has content to show (from this device or from the server). */
  loaded: boolean
  /** Opens the "which partner do you speak for" choice. */
  onChoosePartner(): void
}
