/**
 * One way to call the JSON API (a folder not named "api": the dev proxy sends /api* to the server).
 * Failures come back as values, so callers handle each case.
 */

export type ApiResult<T> =
  | { ok: true; value: T }
  /** The server answered with an error status. */
  | { ok: false; kind: 'http'; status: number; message: string }
  /** The server could not be reached (offline, down). */
  | { ok: false; kind: 'network' }

export type ApiFailure = Exclude<ApiResult<unknown>, { ok: true }>

export const networkFailure = (): ApiFailure => ({ ok: false, kind: 'network' })

/**
 * Sends a request, never cached, with same-origin credentials; `token` (a board's invite token) goes
 * as a Bearer header, never in a URL, and a body is sent as JSON. Null when the server can't be reached.
 */
export async function send(path: string, token: string | null, init: RequestInit = {}): Promise<Response | null> {
  const headers = new Headers(init.headers)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  try {
    return await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'same-origin' })
  } catch {
    return null
  }
}

/** The response's JSON body, or null when it has none. */
async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return null // Not JSON: the status says what happened.
  }
}

/** An error status as a failure, with the server's `{ error }` message when it gave one. */
export async function httpFailure(response: Response): Promise<ApiFailure> {
  const body = await jsonOf(response)
  const message = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
    ? body.error
    : `HTTP ${response.status}`
  return { ok: false, kind: 'http', status: response.status, message }
}

/** A JSON call: the parsed body on success. */
export async function request<T>(path: string, token: string | null, init: RequestInit = {}): Promise<ApiResult<T>> {
  const response = await send(path, token, init)
  if (!response) return networkFailure()
  if (!response.ok) return httpFailure(response)
  return { ok: true, value: (await jsonOf(response)) as T }
}
