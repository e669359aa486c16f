/** Where the live sync lives: `ws(s)://host/sync/<boardId>?token=<token>` (y-websocket puts the room name after the URL). */
export const SYNC_PATH = '/sync'
export const SYNC_TOKEN_PARAM = 'token'

/** The board id in a sync request path, or null when the path is not a sync path. */
export function boardIdFromSyncPath(pathname: string): string | null {
  const prefix = `${SYNC_PATH}/`
  if (!pathname.startsWith(prefix)) return null
  const id = pathname.slice(prefix.length)
  if (id.length === 0 || id.includes('/')) return null
  try {
    return decodeURIComponent(id)
  } catch {
    return null // a broken escape (`%E0%A4%A`) names no board
  }
}
