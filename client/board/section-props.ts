/** What every board section (Charter, Values, Interests, Partners…) receives from the board view. */
import type * as Y from 'yjs'
import type { Role } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import type { BoardSession } from '../live/board-session.ts'
import type { Peer } from '../live/presence.ts'

export interface SectionProps {
  boardId: string
  session: BoardSession
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
