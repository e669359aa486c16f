/** Calls to the invite links API (facilitator) and to join by code. */
import type { CreateInviteRequest, CreatedInvite, InviteSummary, JoinResponse } from '../../shared/api/invites.ts'
import { request, type ApiResult } from './request.ts'

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/invites`

export function listInvites(boardId: string, token: string): Promise<ApiResult<InviteSummary[]>> {
  return request(base(boardId), token)
}

export function createInvite(boardId: string, token: string, body: CreateInviteRequest): Promise<ApiResult<CreatedInvite>> {
  return request(base(boardId), token, { method: 'POST', body: JSON.stringify(body) })
}

export function revokeInvite(boardId: string, token: string, inviteId: string): Promise<ApiResult<InviteSummary>> {
  return request(`${base(boardId)}/${encodeURIComponent(inviteId)}/revoke`, token, { method: 'POST' })
}

export function regenerateInvite(boardId: string, token: string, inviteId: string): Promise<ApiResult<CreatedInvite>> {
  return request(`${base(boardId)}/${encodeURIComponent(inviteId)}/regenerate`, token, { method: 'POST' })
}

export function joinByCode(code: string): Promise<ApiResult<JoinResponse>> {
  return request('/api/join', null, { method: 'POST', body: JSON.stringify({ code }) })
}
