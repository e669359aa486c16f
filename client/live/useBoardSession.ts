/**
 * (Folder "live", not "sync": the dev proxy sends /sync* to the server.)
 * The one hook that owns a board's live objects (Y.Doc, WebsocketProvider, IndexedDB, awareness).
 * Created in an effect and held in state, not in useMemo: StrictMode runs effects twice in dev, and a
 * memoised provider would be destroyed by the first cleanup and then reused.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Role } from '../../shared/auth/roles.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { BoardSession, type SessionSnapshot } from './board-session.ts'
import type { PresenceUser } from './presence.ts'
import type { Refusal } from '../../shared/protocol/messages.ts'

const IDLE: SessionSnapshot = { connection: 'connecting', save: 'saved', peers: [], loaded: false, fatal: null, refusal: null, reloadNeeded: false }
const noopSubscribe = () => () => {}

/**
 * `revoked`: the server closed the socket because a facilitator revoked (or replaced) the invite
 * link it used; `state.fatal` is then 'invalid-link' too, this says why.
 */
export function useBoardSession(boardId: string, token: string, role: Role, user: PresenceUser): { session: BoardSession | null; state: SessionSnapshot; revoked: boolean; refusal: Refusal | null; dismissRefusal(): void } {
  const [session, setSession] = useState<BoardSession | null>(null)
  const [revoked, setRevoked] = useState(false)
  /** Bumped when the server refused part of a change and this device's copy must be reloaded. */
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    const created = new BoardSession(boardId, token, role, user)
    const onClosed = (close: { code: number; reason: string } | null) => {
      if (close?.code === CloseCode.InviteRevoked.code && close.reason === CloseCode.InviteRevoked.reason) setRevoked(true)
    }
    created.provider.on('closed', onClosed)
    setSession(created)
    setRevoked(false)
    return () => {
      created.provider.off('closed', onClosed)
      created.destroy()
      setSession(null)
    }
    // The user changes without a new session (see below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, token, role, generation])

  useEffect(() => {
    if (session && session.user !== user) session.setUser(user)
  }, [session, user])

  const state = useSyncExternalStore(session?.subscribe ?? noopSubscribe, session?.getSnapshot ?? (() => IDLE))
  // The last refusal outlives the session it came from: the fresh one still has to say why it reloaded.
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  useEffect(() => {
    if (state.refusal) setRefusal(state.refusal)
    if (state.reloadNeeded) setGeneration((n) => n + 1)
  }, [state.refusal, state.reloadNeeded])
  return { session, state, revoked, refusal, dismissRefusal: () => setRefusal(null) }
}
