/**
 * (Folder "live", not "sync": the dev proxy sends /sync* to the server.)
 * The one hook that owns a board's live objects (Y.Doc, WebsocketProvider, IndexedDB, awareness).
 * Created in an effect and held in state, not in useMemo: StrictMode runs effects twice in dev, and a
 * memoised provider would be destroyed by the first cleanup and then reused.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Role } from '../../shared/auth/roles.ts'
import { BoardSession, type SessionSnapshot } from './board-session.ts'
import type { PresenceUser } from './presence.ts'

const IDLE: SessionSnapshot = { connection: 'connecting', save: 'saved', peers: [], loaded: false, fatal: null }
const noopSubscribe = () => () => {}

export function useBoardSession(boardId: string, token: string, role: Role, user: PresenceUser): { session: BoardSession | null; state: SessionSnapshot } {
  const [session, setSession] = useState<BoardSession | null>(null)

  useEffect(() => {
    const created = new BoardSession(boardId, token, role, user)
    setSession(created)
    return () => {
      created.destroy()
      setSession(null)
    }
    // The user changes without a new session (see below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, token, role])

  useEffect(() => {
    if (session && session.user !== user) session.setUser(user)
  }, [session, user])

  const state = useSyncExternalStore(session?.subscribe ?? noopSubscribe, session?.getSnapshot ?? (() => IDLE))
  return { session, state }
}
