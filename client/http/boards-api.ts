/** Calls to the boards JSON API. Failures come back as values (request.ts), so callers handle each case. */
import type { BoardResponse, CreateBoardRequest, CreateBoardResponse, ServerConfigResponse } from '../../shared/api/boards.ts'
import { request, type ApiResult } from './request.ts'

/** `adminToken`: the server's ADMIN_TOKEN, when /api/config says creating boards needs it. */
export function createBoard(body: CreateBoardRequest, adminToken: string | null = null): Promise<ApiResult<CreateBoardResponse>> {
  return request('/api/boards', adminToken, { method: 'POST', body: JSON.stringify(body) })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardResponse>> {
  return request(`/api/boards/${encodeURIComponent(id)}`, token)
}

let configPromise: Promise<ServerConfigResponse | null> | null = null

/** The server's /api/config, fetched once (null when it could not be reached; asked again next time). */
export function serverConfig(): Promise<ServerConfigResponse | null> {
  configPromise ??= request<ServerConfigResponse>('/api/config', null).then((result) => {
    if (!result.ok) configPromise = null
    return result.ok ? result.value : null
  })
  return configPromise
}

/** Base URL for invite links: the server's PUBLIC_URL when set, else the address we were opened at. */
export async function inviteBase(): Promise<string> {
  const configured = (await serverConfig())?.publicUrl ?? null
  return (configured ?? location.origin).replace(/\/+$/, '')
}
