/**
 * Turns "this board id and this token" into a role, the same way for REST calls and sync upgrades:
 * unknown board → not-found (whatever the token); missing or wrong token → unauthorized. The token
 * may be an invite link's token or its short join code (typed in any case, with or without dash).
 */
import type { Role } from '../../shared/auth/roles.ts'
import type { BoardRecord, BoardStore } from '../store/board-store.ts'
import { BOARD_ID_PATTERN } from '../../shared/api/boards.ts'
import { hashJoinCode, hashToken, sameHash } from './tokens.ts'

/** The invite a token matched: what the server knows of whoever presents it. */
export interface MatchedInvite {
  id: string
  role: Role
  /** The partner the link is bound to, or null for a generic link. */
  partnerId: string | null
}

export type BoardAccess =
  | { ok: true; board: BoardRecord; role: Role; invite: MatchedInvite }
  | { ok: false; reason: 'not-found' | 'unauthorized' }

export async function resolveBoardAccess(store: BoardStore, boardId: string, token: string | null | undefined): Promise<BoardAccess> {
  const board = BOARD_ID_PATTERN.test(boardId) ? await store.getBoard(boardId) : null
  if (!board) return { ok: false, reason: 'not-found' }
  if (!token) return { ok: false, reason: 'unauthorized' }
  const presented = hashToken(token)
  // A value that can't be a join code is compared with a hash no code has, so every invite costs the same.
  const presentedCode = hashJoinCode(token) ?? presented
  let matched: MatchedInvite | null = null
  // Compare against every invite, without stopping early, so timing tells nothing about which matched.
  for (const invite of await store.invitesOf(boardId)) {
    const byToken = sameHash(presented, invite.tokenHash)
    const byCode = invite.codeHash !== null && sameHash(presentedCode, invite.codeHash)
    if (byToken || byCode) matched = { id: invite.id, role: invite.role, partnerId: invite.partnerId }
  }
  return matched ? { ok: true, board, role: matched.role, invite: matched } : { ok: false, reason: 'unauthorized' }
}
