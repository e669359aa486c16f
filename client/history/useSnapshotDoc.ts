/**
 * A saved snapshot as a Y.Doc, for History to show it with the live board's sections. The doc is
 * built from the server's Yjs update (`GET …/snapshots/:id/state`) and is never connected to a
 * provider nor persisted; each mount gets its own and destroys it when it goes.
 */
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import type { ApiFailure, ApiResult } from '../http/request.ts'
import { getSnapshotState } from '../http/snapshots-api.ts'
import { useBoardToken } from './useSnapshots.ts'

/** Snapshots never change: one fetch per id per page. */
const states = new Map<string, Promise<ApiResult<Uint8Array>>>()

function fetchStateOnce(boardId: string, token: string, snapshotId: string): Promise<ApiResult<Uint8Array>> {
  const key = `${boardId}/${snapshotId}`
  let found = states.get(key)
  if (!found) {
    found = getSnapshotState(boardId, token, snapshotId).then((result) => {
      if (!result.ok) states.delete(key) // try again next time
      return result
    })
    states.set(key, found)
  }
  return found
}

export const SNAPSHOT_WRITE_ERROR = 'Atelier: something wrote to a snapshot doc; snapshots are read-only'

/** A doc holding the snapshot's state. Yjs has no read-only doc: a change is reported loudly. */
export function snapshotDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  doc.on('update', () => console.error(SNAPSHOT_WRITE_ERROR))
  return doc
}

export function useSnapshotDoc(boardId: string, snapshotId: string | null): { doc: Y.Doc | null; error: ApiFailure | null; retry(): void } {
  const token = useBoardToken(boardId)
  const [state, setState] = useState<{ id: string; doc: Y.Doc | null; error: ApiFailure | null } | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!snapshotId) return
    let live = true
    let doc: Y.Doc | null = null
    fetchStateOnce(boardId, token, snapshotId).then((result) => {
      if (!live) return
      if (result.ok) {
        doc = snapshotDoc(result.value)
        setState({ id: snapshotId, doc, error: null })
      } else {
        setState({ id: snapshotId, doc: null, error: result })
      }
    })
    return () => {
      live = false
      setState(null)
      doc?.destroy()
    }
  }, [boardId, token, snapshotId, tick])
  const current = state && state.id === snapshotId ? state : null
  return { doc: current?.doc ?? null, error: current?.error ?? null, retry: () => setTick((n) => n + 1) }
}
