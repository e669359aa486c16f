/** REST side of board access: Bearer token → role, or the matching 404 / 401 / 403. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { can, type Action, type Role } from '../../shared/auth/roles.ts'
import { resolveBoardAccess, type MatchedInvite } from '../auth/board-access.ts'
import type { BoardRecord, BoardStore } from '../store/board-store.ts'

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization')
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return match ? match[1]! : null
}

export async function requireBoardAccess(
  c: Context, store: BoardStore, boardId: string, action: Action,
): Promise<{ board: BoardRecord; role: Role; invite: MatchedInvite }> {
  const access = await resolveBoardAccess(store, boardId, bearerToken(c))
  if (!access.ok) {
    throw access.reason === 'not-found'
      ? new HTTPException(404, { message: 'Board not found' })
      : new HTTPException(401, { message: 'Missing or invalid token for this board' })
  }
  if (!can(access.role, action)) throw new HTTPException(403, { message: `A ${access.role} may not do this` })
  return access
}

/** Base of invite links: PUBLIC_URL when set, else the address this request reached us at. */
export function linkBase(c: Context, publicUrl: string | null): string {
  return publicUrl ?? new URL(c.req.url).origin
}
