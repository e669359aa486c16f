/**
 * Calls for private-writing rounds: drafts (kept by the server, never in the shared document until
 * revealed) and revealing them. Every call carries the device's person key (X-Atelier-Person): the
 * server derives the author from it. Failures come back as values (request.ts).
 */
import type { DraftsResponse, DraftView, EditDraftRequest, RevealResponse, WriteDraftRequest } from '../../shared/api/drafts.ts'
import { PERSON_HEADER } from '../../shared/api/drafts.ts'
import { personKey } from '../storage/person.ts'
import { request } from './request.ts'

const round = (boardId: string, roundId: string) => `/api/boards/${encodeURIComponent(boardId)}/rounds/${encodeURIComponent(roundId)}`
const withPerson = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...init.headers, [PERSON_HEADER]: personKey() } })

export const listDrafts = (boardId: string, token: string, roundId: string) =>
  request<DraftsResponse>(`${round(boardId, roundId)}/drafts`, token, withPerson())

export const writeDraft = (boardId: string, token: string, roundId: string, draft: WriteDraftRequest) =>
  request<DraftView>(`${round(boardId, roundId)}/drafts`, token, withPerson({ method: 'POST', body: JSON.stringify(draft) }))

export const editDraft = (boardId: string, token: string, roundId: string, draftId: string, changes: EditDraftRequest) =>
  request<DraftView>(`${round(boardId, roundId)}/drafts/${encodeURIComponent(draftId)}`, token,
    withPerson({ method: 'PATCH', body: JSON.stringify(changes) }))

export const deleteDraft = (boardId: string, token: string, roundId: string, draftId: string) =>
  request<null>(`${round(boardId, roundId)}/drafts/${encodeURIComponent(draftId)}`, token, withPerson({ method: 'DELETE' }))

/** Reveals every draft and closes the round (facilitator); `name` is shown to everyone as who revealed it. */
export const revealRound = (boardId: string, token: string, roundId: string, name = '') =>
  request<RevealResponse>(`${round(boardId, roundId)}/reveal`, token, withPerson({ method: 'POST', body: JSON.stringify({ name }) }))

/** Reveals one draft of a controlled round (facilitator). */
export const revealDraft = (boardId: string, token: string, roundId: string, draftId: string) =>
  request<RevealResponse>(`${round(boardId, roundId)}/drafts/${encodeURIComponent(draftId)}/reveal`, token, withPerson({ method: 'POST' }))
