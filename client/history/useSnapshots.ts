/**
 * The board's snapshots (iterations, named snapshots, restore points) from the server, shared by the
 * Session and History sections. The list is fetched again when a session ends anywhere (the ended
 * session's snapshot id arrives in the doc), when this tab saves or restores, when the window regains
 * focus, and every half minute (another facilitator's named snapshot changes nothing in the doc).
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import { listSessions, type SessionView } from '../../shared/board/sessions.ts'
import { getSnapshot, listSnapshots } from '../http/snapshots-api.ts'
import type { ApiFailure, ApiResult } from '../http/request.ts'
import { useDocValue } from '../live/useDocValue.ts'
import { knownBoard } from '../storage/boards.ts'

const CHANGED = 'atelier:snapshots-changed'
const REFRESH_MS = 30_000

/** Tells every list on the page to fetch again (after a save, an end or a restore). */
export function snapshotsChanged(): void {
  window.dispatchEvent(new Event(CHANGED))
}

/** The token this device holds for the board (the REST calls need it). */
export function useBoardToken(boardId: string): string {
  return useMemo(() => knownBoard(boardId)?.token ?? '', [boardId])
}

/** Ended sessions with their iteration, most recent first: read from the live doc. */
const readEnded = (doc: Y.Doc): SessionView[] =>
  listSessions(doc).filter((s) => s.endedAt && s.snapshotId).sort((a, b) => b.endedAt.localeCompare(a.endedAt))

export function useEndedSessions(doc: Y.Doc): SessionView[] {
  return useDocValue(doc, readEnded)
}

export interface SnapshotList {
  snapshots: SnapshotSummary[] | null
  error: ApiFailure | null
  refresh(): void
}

export function useSnapshots(boardId: string, doc: Y.Doc): SnapshotList {
  const token = useBoardToken(boardId)
  const ended = useEndedSessions(doc)
  const endedKey = ended.map((s) => s.snapshotId).join(',')
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null)
  const [error, setError] = useState<ApiFailure | null>(null)
  const [tick, setTick] = useState(0)
  const refresh = useCallback(() => setTick((n) => n + 1), [])

  useEffect(() => {
    let live = true
    listSnapshots(boardId, token).then((result) => {
      if (!live) return
      if (result.ok) {
        setSnapshots(result.value)
        setError(null)
      } else {
        setError(result)
      }
    })
    return () => { live = false }
  }, [boardId, token, endedKey, tick])

  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS)
    window.addEventListener(CHANGED, refresh)
    window.addEventListener('focus', refresh)
    return () => {
      clearInterval(timer)
      window.removeEventListener(CHANGED, refresh)
      window.removeEventListener('focus', refresh)
    }
  }, [refresh])

  return { snapshots, error, refresh }
}

/** Snapshots never change: one fetch per id per page, shared by every view that opens it. */
const cache = new Map<string, Promise<ApiResult<SnapshotResponse>>>()

export function fetchSnapshotOnce(boardId: string, token: string, snapshotId: string): Promise<ApiResult<SnapshotResponse>> {
  const key = `${boardId}/${snapshotId}`
  let found = cache.get(key)
  if (!found) {
    found = getSnapshot(boardId, token, snapshotId).then((result) => {
      if (!result.ok) cache.delete(key) // try again next time
      return result
    })
    cache.set(key, found)
  }
  return found
}

export function useSnapshot(boardId: string, snapshotId: string | null): { snapshot: SnapshotResponse | null; error: ApiFailure | null; retry(): void } {
  const token = useBoardToken(boardId)
  const [state, setState] = useState<{ id: string; snapshot: SnapshotResponse | null; error: ApiFailure | null } | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!snapshotId) return
    let live = true
    fetchSnapshotOnce(boardId, token, snapshotId).then((result) => {
      if (!live) return
      setState(result.ok ? { id: snapshotId, snapshot: result.value, error: null } : { id: snapshotId, snapshot: null, error: result })
    })
    return () => { live = false }
  }, [boardId, token, snapshotId, tick])
  const current = state && state.id === snapshotId ? state : null
  return { snapshot: current?.snapshot ?? null, error: current?.error ?? null, retry: () => setTick((n) => n + 1) }
}
