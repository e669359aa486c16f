/**
 * My drafts in the open private-writing round, from the server (they are never in the shared
 * document), and the count of the others'. A draft written offline is queued on this device and
 * sent when the server can be reached again (with the id it was given here, so a retry never writes
 * it twice); should the round have been revealed meanwhile, it becomes an ordinary card.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { DraftView, RevealResponse } from '../../shared/api/drafts.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { newId } from '../../shared/board/ids.ts'
import { addCard, cleanCardInput, listCards } from '../../shared/board/interests.ts'
import { listRounds } from '../../shared/board/rounds.ts'
import type { CardKind } from '../../shared/board/schema.ts'
import type { ApiResult } from '../http/request.ts'
import { deleteDraft, editDraft, listDrafts, revealDraft, revealRound, writeDraft } from '../http/rounds-api.ts'
import { isRecord, readJson, writeJson } from '../storage/device-storage.ts'

/** How often the count of others' drafts (and the queue) is refreshed while a round is open. */
const REFRESH_MS = 4_000
const QUEUE_KEY = 'draftQueue'

interface QueuedDraft {
  id: string
  roundId: string
  text: string
  kind: CardKind
  partnerId?: string
  name: string
  createdAt: string
}

/** One of my drafts: `pending` while it waits on this device for the server. */
export interface MyDraft extends DraftView {
  pending: boolean
}

export interface Drafts {
  mine: MyDraft[]
  /** Drafts others have written (a count: their text never reaches this device). */
  others: number
  /** A controlled round's drafts, for its facilitator; null otherwise. */
  inbox: DraftView[] | null
  /** Writes a draft (queued first, so nothing is lost offline). Throws a BoardError for invalid input. */
  write(input: { text: string; kind: CardKind; partnerId?: string }): void
  edit(draftId: string, text: string): Promise<ApiResult<DraftView>>
  remove(draftId: string): Promise<ApiResult<null>>
  revealAll(): Promise<ApiResult<RevealResponse>>
  revealOne(draftId: string): Promise<ApiResult<RevealResponse>>
}

function readQueue(boardId: string): QueuedDraft[] {
  const all = readJson(QUEUE_KEY)
  const list = isRecord(all) ? all[boardId] : null
  return Array.isArray(list) ? list.filter((q): q is QueuedDraft => isRecord(q) && typeof q.id === 'string' && typeof q.roundId === 'string' && typeof q.text === 'string') : []
}

function saveQueue(boardId: string, queue: QueuedDraft[]): void {
  const raw = readJson(QUEUE_KEY)
  const all = isRecord(raw) ? { ...raw } : {}
  if (queue.length > 0) all[boardId] = queue
  else delete all[boardId]
  writeJson(QUEUE_KEY, all)
}

export function useDrafts(doc: Y.Doc, boardId: string, token: string, actor: Actor, roundId: string | null): Drafts {
  const [sent, setSent] = useState<DraftView[]>([])
  const [others, setOthers] = useState(0)
  const [inbox, setInbox] = useState<DraftView[] | null>(null)
  const [queue, setQueue] = useState<QueuedDraft[]>(() => readQueue(boardId))
  const flushing = useRef(false)

  const updateQueue = useCallback((change: (old: QueuedDraft[]) => QueuedDraft[]) => {
    // Read from storage: another tab of this device may have changed it.
    const next = change(readQueue(boardId))
    saveQueue(boardId, next)
    setQueue(next)
  }, [boardId])

  const refresh = useCallback(async () => {
    if (!roundId || !token) return
    const result = await listDrafts(boardId, token, roundId)
    if (!result.ok) return // offline or gone: keep what we show
    setSent(result.value.mine)
    setOthers(result.value.others)
    setInbox(result.value.inbox)
  }, [boardId, token, roundId])

  /** Sends what waits on this device, oldest first; stops at the first network failure. */
  const flush = useCallback(async () => {
    if (flushing.current || !token) return
    flushing.current = true
    try {
      for (const item of readQueue(boardId)) {
        const { id, roundId: itemRound, text, kind, partnerId, name } = item
        const result = await writeDraft(boardId, token, itemRound, { id, text, kind, partnerId, name })
        if (!result.ok && result.kind === 'network') break
        if (!result.ok && result.status === 409) {
          const round = listRounds(doc).find((r) => r.id === itemRound)
          if (round?.status === 'open') continue // not synced yet: try again later
          // Revealed meanwhile: what was written for it joins the board as an ordinary card.
          if (round && !listCards(doc).some((card) => card.id === id)) {
            try {
              addCard(doc, actor, { text, kind, partnerId })
            } catch {
              // Can't write any more (role changed): nothing more to do with it.
            }
          }
        }
        updateQueue((old) => old.filter((q) => q.id !== id))
      }
    } finally {
      flushing.current = false
    }
    await refresh()
  }, [boardId, token, doc, actor, refresh, updateQueue])

  useEffect(() => {
    setSent([])
    setOthers(0)
    setInbox(null)
    if (!roundId) return
    void refresh()
    void flush()
    const timer = setInterval(() => {
      if (readQueue(boardId).length > 0) void flush()
      else void refresh()
    }, REFRESH_MS)
    const online = () => void flush()
    window.addEventListener('online', online)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', online)
    }
  }, [roundId, boardId, refresh, flush])

  const write = useCallback((input: { text: string; kind: CardKind; partnerId?: string }) => {
    if (!roundId) return
    const { text, kind } = cleanCardInput(input)
    const item: QueuedDraft = { id: newId(), roundId, text, kind, partnerId: input.partnerId, name: actor.name, createdAt: new Date().toISOString() }
    updateQueue((old) => [...old, item])
    void flush()
  }, [roundId, actor.name, updateQueue, flush])

  const afterwards = useCallback(<T,>(result: ApiResult<T>): ApiResult<T> => {
    void refresh()
    return result
  }, [refresh])

  const edit = useCallback(async (draftId: string, text: string) => afterwards(await editDraft(boardId, token, roundId ?? '', draftId, { text })), [boardId, token, roundId, afterwards])
  const remove = useCallback(async (draftId: string) => {
    if (readQueue(boardId).some((q) => q.id === draftId)) {
      updateQueue((old) => old.filter((q) => q.id !== draftId))
      return { ok: true as const, value: null }
    }
    return afterwards(await deleteDraft(boardId, token, roundId ?? '', draftId))
  }, [boardId, token, roundId, afterwards, updateQueue])
  const revealAll = useCallback(async () => afterwards(await revealRound(boardId, token, roundId ?? '', actor.name)), [boardId, token, roundId, actor.name, afterwards])
  const revealOne = useCallback(async (draftId: string) => afterwards(await revealDraft(boardId, token, roundId ?? '', draftId)), [boardId, token, roundId, afterwards])

  const pending: MyDraft[] = queue
    .filter((q) => q.roundId === roundId && !sent.some((d) => d.id === q.id))
    .map((q) => ({
      id: q.id, roundId: q.roundId, text: q.text, kind: q.kind, partnerId: q.partnerId ?? actor.partnerId,
      author: { personId: actor.personId, name: q.name }, createdAt: q.createdAt, updatedAt: q.createdAt, pending: true,
    }))
  const mine = [...sent.map((d) => ({ ...d, pending: false })), ...pending]
  return { mine, others, inbox, write, edit, remove, revealAll, revealOne }
}
