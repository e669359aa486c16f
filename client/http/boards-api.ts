/** Calls to the boards JSON API (a folder not named "api": the dev proxy sends /api* to the server). Failures come back as values, so callers handle each case. */
import type { BoardResponse, CreateBoardRequest, CreateBoardResponse, ServerConfigResponse } from '../../shared/api/boards.ts'

export type ApiResult<T> =
  | { ok: true; value: T }
  /** The server answered with an error status. */
  | { ok: false; kind: 'http'; status: number; message: string }
  /** The server could not be reached (offline, down). */
  | { ok: false; kind: 'network' }

async function call<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, { ...init, cache: 'no-store', credentials: 'same-origin' })
  } catch {
    return { ok: false, kind: 'network' }
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: keep null and report the status.
  }
  if (!response.ok) {
    const message = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
      ? body.error
      : `HTTP ${response.status}`
    return { ok: false, kind: 'http', status: response.status, message }
  }
  return { ok: true, value: body as T }
}

export function createBoard(request: CreateBoardRequest): Promise<ApiResult<CreateBoardResponse>> {
  return call('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardResponse>> {
  return call(`/api/boards/${encodeURIComponent(id)}`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}` },
  })
}

let configPromise: Promise<string> | null = null

/** Base URL for invite links: the server's PUBLIC_URL when set, else the address we were opened at. */
export function inviteBase(): Promise<string> {
  configPromise ??= call<ServerConfigResponse>('/api/config', { method: 'GET' }).then((result) => {
    const configured = result.ok ? result.value.publicUrl : null
    if (!result.ok) configPromise = null // try again next time
    return (configured ?? location.origin).replace(/\/+$/, '')
  })
  return configPromise
}
