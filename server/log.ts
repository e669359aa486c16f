/**
 * One-line structured logs on stdout. Never pass a token or a URL with its query string here: use
 * `pathOnly()` for URLs.
 */
type Level = 'info' | 'warn' | 'error'
type Fields = Record<string, string | number | boolean | null | undefined>

let quiet = process.env.LOG_LEVEL === 'silent'

export function setQuiet(value: boolean): void {
  quiet = value
}

export function log(level: Level, message: string, fields: Fields = {}): void {
  if (quiet && level === 'info') return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'info') process.stdout.write(line + '\n')
  else process.stderr.write(line + '\n')
}

/** The path of a URL without its query string (where sync tokens travel). */
export function pathOnly(url: string | undefined): string {
  if (!url) return ''
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : url.slice(0, cut)
}
