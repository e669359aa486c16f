/** Calls to the boards JSON API. Failures come back as values (request.ts), so callers handle each case. */
import type { BoardResponse, CreateBoardRequest, CreateBoardResponse, ServerConfigResponse } from '../../shared/api/boards.ts'
import { request, type ApiResult } from './request.ts'

export function createBoard(body: CreateBoardRequest): Promise<ApiResult<CreateBoardResponse>> {
  return request('/api/boards', null, { method: 'POST', body: JSON.stringify(body) })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardResponse>> {
  return request(`/api/boards/${encodeURIComponent(id)}`, token)
}

let configPromise: Promise<string> | null = null

/** Base URL for invite links: the server's PUBLIC_URL when set, else the address we were opened at. */
export function inviteBase(): Promise<string> {
  configPromise ??= request<ServerConfigResponse>('/api/config', null).then((result) => {
    const configured = result.ok ? result.value.publicUrl : null
    if (!result.ok) configPromise = null // try again next time
    return (configured ?? location.origin).replace(/\/+$/, '')
  })
  return configPromise
}
