/**
 * Two routes need no router library: `/` (home) and `/b/<boardId>` (a board). The server answers
 * every page path with index.html, so deep links and reloads land here.
 */
import { useEffect, useState } from 'react'
import { BOARD_ID_PATTERN } from '../../shared/api/board-limits.ts'

export type Route =
  | { name: 'home' }
  | { name: 'board'; boardId: string }
  /** `/j`, where a phone types a join code (`/j#K7PM-2QXR` fills it in: the fragment never reaches a server). */
  | { name: 'join' }
  | { name: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' }
  if (pathname === '/j' || pathname === '/j/') return { name: 'join' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match) {
    const boardId = decodeURIComponent(match[1]!)
    if (BOARD_ID_PATTERN.test(boardId)) return { name: 'board', boardId }
  }
  return { name: 'not-found' }
}

export const boardPath = (boardId: string): string => `/b/${encodeURIComponent(boardId)}`

const NAVIGATE = 'atelier:navigate'

export function navigate(path: string, { scroll = true }: { scroll?: boolean } = {}): void {
  history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
  if (scroll) window.scrollTo(0, 0)
}

function useLocationValue<T>(read: () => T): T {
  const [value, setValue] = useState(read)
  useEffect(() => {
    const update = () => setValue(read)
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATE, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATE, update)
    }
    // `read` is a module-level reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return value
}

const readRoute = (): Route => parseRoute(location.pathname)
const readSearch = (): string => location.search

export function useRoute(): Route {
  return useLocationValue(readRoute)
}

/** The current address's query string (`?…`), kept in step with navigation. */
export function useSearch(): string {
  return useLocationValue(readSearch)
}

/** A query parameter of the current address (e.g. a board's `?view=`), kept in step with navigation. */
export function useSearchParam(name: string): string | null {
  const search = useLocationValue(readSearch)
  return new URLSearchParams(search).get(name)
}
