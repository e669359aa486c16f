/** Calls for the logos of the compte rendu's header (shared/api/logos.ts): list, image, upload, remove. */
import { logoKey, type LogoInfo, type LogoOwner, type LogosResponse } from '../../shared/api/logos.ts'
import { httpFailure, networkFailure, request, send, type ApiResult } from './request.ts'

const logosPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/logos`

export const logoPath = (boardId: string, owner: LogoOwner): string =>
  owner.kind === 'network' ? `${logosPath(boardId)}/network` : `${logosPath(boardId)}/partners/${encodeURIComponent(owner.partnerId)}`

export const fetchLogos = (boardId: string, token: string) => request<LogosResponse>(logosPath(boardId), token)

/** The image as an object URL (an <img> cannot send the Bearer token), or null. The caller revokes it. */
export async function fetchLogoImage(boardId: string, token: string, owner: LogoOwner, version: string): Promise<string | null> {
  const response = await send(`${logoPath(boardId, owner)}?v=${encodeURIComponent(version)}`, token)
  if (!response?.ok) return null
  return URL.createObjectURL(await response.blob())
}

/** Sends the file as it is: the server tells PNG from JPEG by its bytes. */
export async function uploadLogo(boardId: string, token: string, owner: LogoOwner, file: Blob): Promise<ApiResult<LogoInfo>> {
  let response: Response
  try {
    response = await fetch(logoPath(boardId, owner), {
      method: 'PUT', body: file, cache: 'no-store', credentials: 'same-origin',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': file.type || 'application/octet-stream' },
    })
  } catch {
    return networkFailure()
  }
  if (!response.ok) return httpFailure(response)
  return { ok: true, value: (await response.json()) as LogoInfo }
}

export async function removeLogo(boardId: string, token: string, owner: LogoOwner): Promise<ApiResult<null>> {
  const response = await send(logoPath(boardId, owner), token, { method: 'DELETE' })
  if (!response) return networkFailure()
  if (!response.ok && response.status !== 404) return httpFailure(response)
  return { ok: true, value: null }
}

export { logoKey }
