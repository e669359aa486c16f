/**
 * Calls for iterations: snapshots, compare, restore, ending a session, and the downloads (session
 * reports, charter, archive) and archive import. Same conventions as boards-api.ts: failures come
 * back as values. The token is the board's invite token (sent as a Bearer header, never in a URL).
 */
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { RestoreResponse, SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { BoardDiff } from '../../shared/board/compare.ts'
import type { ApiResult } from './boards-api.ts'

export type ApiFailure = Exclude<ApiResult<unknown>, { ok: true }>

async function call<T>(path: string, token: string | null, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response
  const headers = new Headers(init.headers)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  try {
    response = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'same-origin' })
  } catch {
    return { ok: false, kind: 'network' }
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: keep null and report the status.
  }
  if (!response.ok) return { ok: false, kind: 'http', status: response.status, message: errorMessage(body, response.status) }
  return { ok: true, value: body as T }
}

function errorMessage(body: unknown, status: number): string {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : `HTTP ${status}`
}

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

export const listSnapshots = (boardId: string, token: string) =>
  call<SnapshotSummary[]>(`${board(boardId)}/snapshots`, token)

export const getSnapshot = (boardId: string, token: string, snapshotId: string) =>
  call<SnapshotResponse>(`${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`, token)

export const createSnapshot = (boardId: string, token: string, label: string) =>
  call<SnapshotSummary>(`${board(boardId)}/snapshots`, token, { method: 'POST', body: JSON.stringify({ label }) })

export const restoreSnapshot = (boardId: string, token: string, snapshotId: string) =>
  call<RestoreResponse>(`${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, token, { method: 'POST' })

/** `to` is a snapshot id or 'live'. */
export const compareSnapshots = (boardId: string, token: string, from: string, to: string) =>
  call<BoardDiff>(`${board(boardId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, token)

export const endSession = (boardId: string, token: string, sessionId: string) =>
  call<SnapshotSummary>(`${board(boardId)}/sessions/${encodeURIComponent(sessionId)}/end`, token, { method: 'POST' })

export const importArchive = (archive: unknown) =>
  call<CreateBoardResponse>('/api/boards/import', null, { method: 'POST', body: JSON.stringify(archive) })

export type ReportFormat = 'pdf' | 'docx' | 'md'

export const reportPath = (boardId: string, snapshotId: string, format: ReportFormat) =>
  `${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/report?format=${format}`
export const charterPath = (boardId: string, format: 'pdf' | 'docx') => `${board(boardId)}/charter?format=${format}`
export const archivePath = (boardId: string) => `${board(boardId)}/archive`

/** The file name the server gave (Content-Disposition), or the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim())
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain ? plain[1]!.trim() : fallback
}

/**
 * Downloads an attachment with the Authorization header, reporting progress (0..1, or null when the
 * size is unknown), then hands the file to the browser (object URL + <a download>).
 */
export async function downloadFile(
  path: string, token: string, fallbackName: string, onProgress: (fraction: number | null) => void,
): Promise<ApiResult<{ fileName: string; size: number }>> {
  let response: Response
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'same-origin' })
  } catch {
    return { ok: false, kind: 'network' }
  }
  if (!response.ok) {
    let body: unknown = null
    try {
      body = await response.json()
    } catch {
      // not JSON
    }
    return { ok: false, kind: 'http', status: response.status, message: errorMessage(body, response.status) }
  }
  const total = Number(response.headers.get('Content-Length')) || 0
  const chunks: BlobPart[] = []
  let received = 0
  try {
    if (response.body) {
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        chunks.push(value as Uint8Array<ArrayBuffer>)
        received += value.byteLength
        onProgress(total ? Math.min(1, received / total) : null)
      }
    } else {
      const buffer = await response.arrayBuffer()
      chunks.push(buffer)
      received = buffer.byteLength
    }
  } catch {
    return { ok: false, kind: 'network' }
  }
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' })
  const fileName = fileNameOf(response, fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser time to start saving before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { ok: true, value: { fileName, size: received } }
}
