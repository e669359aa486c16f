/**
 * A partner's diagnosis while it is not shared, from the server (it is not in the shared document):
 * loaded once, each keystroke shown at once and saved a moment after typing stops (or at once when
 * the field is left), one save at a time, with a state to show (saving, saved, not saved and why).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { WriteDiagnosisRequest } from '../../shared/api/diagnoses.ts'
import type { DiagnosisField, DiagnosisText } from '../../shared/board/method.ts'
import { readDiagnosis, setDiagnosisShared, writeDiagnosis } from '../http/diagnoses-api.ts'
import type { ApiFailure } from '../http/request.ts'

/** How long after the last keystroke a field is saved. */
export const SAVE_DELAY_MS = 800

export type SaveState =
  | { kind: 'loading' }
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; failure: ApiFailure }

export interface PrivateDiagnosis {
  /** Null until loaded (or when loading failed: see `state`). */
  text: DiagnosisText | null
  state: SaveState
  edit(field: DiagnosisField, value: string): void
  /** Saves what waits now (leaving a field). */
  flush(): Promise<boolean>
  /** Saves what waits, then shares it: it leaves the server's keeping for the board. */
  share(): Promise<boolean>
}

/** `active`: while the diagnosis is not shared (it is loaded again each time it becomes so). */
export function usePrivateDiagnosis(boardId: string, token: string, partnerId: string, active: boolean): PrivateDiagnosis {
  const [text, setText] = useState<DiagnosisText | null>(null)
  const [state, setState] = useState<SaveState>({ kind: 'loading' })
  const pending = useRef<WriteDiagnosisRequest>({})
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const chain = useRef<Promise<boolean>>(Promise.resolve(true))

  useEffect(() => {
    let live = true
    if (!token || !active) return
    setText(null)
    setState({ kind: 'loading' })
    void readDiagnosis(boardId, token, partnerId).then((result) => {
      if (!live) return
      if (result.ok) {
        const { project, strengths, constraints, expectations } = result.value
        setText({ project, strengths, constraints, expectations })
        setState({ kind: 'idle' })
      } else {
        setState({ kind: 'failed', failure: result })
      }
    })
    return () => { live = false }
  }, [boardId, token, partnerId, active])

  /** Sends what waits, after the saves before it. */
  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current)
    timer.current = undefined
    chain.current = chain.current.then(async () => {
      const fields = pending.current
      if (Object.keys(fields).length === 0) return true
      pending.current = {}
      setState({ kind: 'saving' })
      const result = await writeDiagnosis(boardId, token, partnerId, fields)
      if (result.ok) {
        // Typed again meanwhile: that waits for its own save.
        setState(Object.keys(pending.current).length === 0 ? { kind: 'saved' } : { kind: 'saving' })
        return true
      }
      // Kept to be sent again with the next save.
      pending.current = { ...fields, ...pending.current }
      setState({ kind: 'failed', failure: result })
      return false
    })
    return chain.current
  }, [boardId, token, partnerId])

  const edit = useCallback((field: DiagnosisField, value: string) => {
    setText((current) => (current ? { ...current, [field]: value } : current))
    pending.current = { ...pending.current, [field]: value }
    clearTimeout(timer.current)
    timer.current = setTimeout(() => { void flush() }, SAVE_DELAY_MS)
  }, [flush])

  // Leaving the section (or the partner's diagnosis being shared by someone else): save what waits.
  useEffect(() => () => {
    if (timer.current !== undefined) void flush()
  }, [flush])

  const share = useCallback(async (): Promise<boolean> => {
    if (!(await flush())) return false
    setState({ kind: 'saving' })
    const result = await setDiagnosisShared(boardId, token, partnerId, true)
    if (!result.ok) setState({ kind: 'failed', failure: result })
    return result.ok
  }, [boardId, token, partnerId, flush])

  return { text, state, edit, flush, share }
}
