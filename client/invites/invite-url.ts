import { boardPath } from '../app/router.ts'

/**
 * The token rides in the fragment: browsers never send it to a server (no access log, no Referer).
 */
export const inviteUrl = (base: string, boardId: string, token: string): string =>
  `${base}${boardPath(boardId)}#token=${encodeURIComponent(token)}`

/** The token of an invite link opened on this page, if any. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('token')
  return token && token.length > 0 ? token : null
}
