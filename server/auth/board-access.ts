/**
 * Turns "this board id and this token" into a role, the same way for REST calls and sync upgrades:
 * unknown board → not-found (whatever the token); missing or wrong token → unauthorized.
 */
import type { Role } from '../../shared/auth/roles.ts'
import type { BoardRecord, BoardStore } from '../store/board-store.ts'
import { BOARD_ID_PATTERN } from '../../shared/api/boards.ts'
import { hashToken, sameHash } from './tokens.ts'

export type BoardAccess =
  | { ok: true; board: BoardRecord; role: Role }
  | { ok: false; reason: 'not-found' | 'unauthorized' }

export async function resolveBoardAccess(store: BoardStore, boardId: string, token: string | null | undefined): Promise<BoardAccess> {
  const board = BOARD_ID_PATTERN.test(boardId) ? await store.getBoard(boardId) : null
  if (!board) return { ok: false, reason: 'not-found' }
  if (!token) return { ok: false, reason: 'unauthorized' }
  const presented = hashToken(token)
  let role: Role | null = null
  // Compare against every invite, without stopping early, so timing tells nothing about which matched.
  for (const invite of await store.invitesOf(boardId)) {
    if (sameHash(presented, invite.tokenHash)) role = invite.role
  }
  return role ? { ok: true, board, role } : { ok: false, reason: 'unauthorized' }
}
