/**
 * Which origins may open a sync socket or call the API from a browser: the page's own (same host)
 * and those listed in ALLOWED_ORIGINS. Requests without an Origin header come from non-browser
 * clients (scripts, the y-websocket client in Node) and carry their token: they are allowed.
 */
export function isOriginAllowed(origin: string | null | undefined, host: string | null | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true
  if (allowed.includes(origin)) return true
  try {
    return host != null && new URL(origin).host === host
  } catch {
    return false
  }
}
