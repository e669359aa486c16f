/**
 * Which board, with which token and role: takes the token from an invite link (then hides it from
 * the address bar), asks the API for the board, and falls back to what this device cached when the
 * server can't be reached, so a known board opens offline.
 */
import { useCallback, useEffect, useState } from 'react'
import type { Role } from '../../shared/auth/roles.ts'
import type { Invites } from '../../shared/api/boards.ts'
import { fetchBoard } from '../http/boards-api.ts'
import { tokenFromHash } from '../invites/invite-url.ts'
import { knownBoard, rememberToken, updateKnownBoard } from '../storage/boards.ts'

export interface BoardAccess {
  token: string
  title: string
  role: Role
  invites: Partial<Invites> | null
  /** The invite link the token belongs to (null in an old cache). */
  inviteId: string | null
  /** The partner that link is bound to: whoever uses it speaks for that partner, fixed. */
  partnerId: string | null
  /** True when the metadata comes from this device's cache (the server was unreachable). */
  fromCache: boolean
}

export type AccessState =
  | { status: 'loading' }
  | { status: 'ready'; access: BoardAccess }
  | { status: 'no-token' }
  | { status: 'invalid-link' }
  | { status: 'unreachable' }
  | { status: 'error'; message: string }

/** Runs once per page load, before any render reads the token. */
function takeTokenFromAddressBar(boardId: string): void {
  const token = tokenFromHash(location.hash)
  if (token === null) return
  rememberToken(boardId, token)
  // The token must not linger in the address bar, history, or a bookmark someone shares.
  history.replaceState(history.state, '', location.pathname + location.search)
}

function cachedAccess(boardId: string): BoardAccess | null {
  const known = knownBoard(boardId)
  if (!known || known.title === null || known.role === null) return null
  return {
    token: known.token, title: known.title, role: known.role, invites: known.invites, inviteId: known.inviteId, partnerId: known.partnerId,
    fromCache: true,
  }
}

export function useBoardAccess(boardId: string): { state: AccessState; retry(): void } {
  const [state, setState] = useState<AccessState>(() => {
    takeTokenFromAddressBar(boardId)
    const cached = cachedAccess(boardId)
    if (cached) return { status: 'ready', access: cached }
    return knownBoard(boardId) ? { status: 'loading' } : { status: 'no-token' }
  })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const known = knownBoard(boardId)
    if (!known) return
    let live = true
    fetchBoard(boardId, known.token).then((result) => {
      if (!live) return
      if (result.ok) {
        const { title, role, language, inviteId, partnerId } = result.value
        // Invite tokens are stored hashed on the server: only the device that created the board
        // has them (from the creation response), and only a facilitator may see them.
        const invites = role === 'facilitator' ? known.invites : null
        updateKnownBoard(boardId, { title, role, language, invites, inviteId, partnerId, lastOpened: new Date().toISOString() })
        setState((previous) => {
          // Keep the same object when nothing changed: the live session is keyed by token and role.
          if (previous.status === 'ready' && previous.access.token === known.token && previous.access.role === role && previous.access.title === title &&
            previous.access.invites === invites && previous.access.inviteId === inviteId && previous.access.partnerId === partnerId) {
            return previous.access.fromCache ? { status: 'ready', access: { ...previous.access, fromCache: false } } : previous
          }
          return { status: 'ready', access: { token: known.token, title, role, invites, inviteId, partnerId, fromCache: false } }
        })
      } else if (result.kind === 'http' && (result.status === 401 || result.status === 404)) {
        setState({ status: 'invalid-link' })
      } else {
        const cached = cachedAccess(boardId)
        if (cached) {
          updateKnownBoard(boardId, { lastOpened: new Date().toISOString() })
          setState({ status: 'ready', access: cached })
        } else {
          setState(result.kind === 'network' ? { status: 'unreachable' } : { status: 'error', message: result.message })
        }
      }
    })
    return () => { live = false }
  }, [boardId, attempt])

  const retry = useCallback(() => {
    setState(knownBoard(boardId) ? { status: 'loading' } : { status: 'no-token' })
    setAttempt((n) => n + 1)
  }, [boardId])

  return { state, retry }
}
