/**
 * Calls for iterations: snapshots, compare, restore, ending a session, and the downloads (session
 * reports, charter, archive) and archive import. Failures come back as values (request.ts). The token
 * is the board's invite token (sent as a Bearer header, never in a URL).
 */
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { RestoreResponse, SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { BoardDiff } from '../../shared/board/compare.ts'
import { httpFailure, networkFailure, request, send, type ApiResult } from './request.ts'
import { PERSON_HEADER } from '../../shared/auth/person.ts'
import { personKey } from '../storage/person.ts'

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

export const listSnapshots = (boardId: string, token: string) =>
  request<SnapshotSummary[]>(`${board(boardId)}/snapshots`, token)

export const getSnapshot = (boardId: string, token: string, snapshotId: string) =>
  request<SnapshotResponse>(`${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`, token)

/** The snapshot as a Yjs update (immutable), to build a read-only Y.Doc of it. */
export async function getSnapshotState(boardId: string, token: string, snapshotId: string): Promise<ApiResult<Uint8Array>> {
  const response = await send(`${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/state`, token)
  if (!response) return networkFailure()
  if (!response.ok) return httpFailure(response)
  try {
    return { ok: true, value: new Uint8Array(await response.arrayBuffer()) }
  } catch {
    return networkFailure()
  }
}

export const createSnapshot = (boardId: string, token: string, label: string) =>
  request<SnapshotSummary>(`${board(boardId)}/snapshots`, token, { method: 'POST', body: JSON.stringify({ label }) })

/** `name`: who restores, as the announcement to everyone shows it (the person key proves the rest). */
export const restoreSnapshot = (boardId: string, token: string, snapshotId: string, name = '') =>
  request<RestoreResponse>(`${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, token, {
    method: 'POST', headers: { [PERSON_HEADER]: personKey() }, body: JSON.stringify({ name }),
  })

/** `to` is a snapshot id or 'live'. */
export const compareSnapshots = (boardId: string, token: string, from: string, to: string) =>
  request<BoardDiff>(`${board(boardId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, token)

export const endSession = (boardId: string, token: string, sessionId: string) =>
  request<SnapshotSummary>(`${board(boardId)}/sessions/${encodeURIComponent(sessionId)}/end`, token, { method: 'POST' })

/** `adminToken`: the server's ADMIN_TOKEN, when /api/config says importing needs it. */
export const importArchive = (archive: unknown, adminToken: string | null = null) =>
  request<CreateBoardResponse>('/api/boards/import', adminToken, { method: 'POST', body: JSON.stringify(archive) })

export type ReportFormat = 'pdf' | 'docx' | 'md'

export const reportPath = (boardId: string, snapshotId: string, format: ReportFormat) =>
  `${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/report?format=${format}`
export const charterPath = (boardId: string, format: 'pdf' | 'docx') => `${board(boardId)}/charter?format=${format}`
/** The charter for signature as of a snapshot (the text the partners' boards deliberated on). */
export const snapshotCharterPath = (boardId: string, snapshotId: string, format: 'pdf' | 'docx') =>
  `${board(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/charter?format=${format}`
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
  const response = await send(path, token)
  if (!response) return networkFailure()
  if (!response.ok) return httpFailure(response)
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
    return networkFailure()
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
