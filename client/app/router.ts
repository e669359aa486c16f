/**
 * Two routes need no router library: `/` (home) and `/b/<boardId>` (a board). The server answers
 * every page path with index.html, so deep links and reloads land here.
 */
import { useEffect, useState } from 'react'
import { BOARD_ID_PATTERN } from '../../shared/api/board-limits.ts'

export type Route =
  | { name: 'home' }
  | { name: 'board'; boardId: string }
  | { name: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match) {
    const boardId = decodeURIComponent(match[1]!)
    if (BOARD_ID_PATTERN.test(boardId)) return { name: 'board', boardId }
  }
  return { name: 'not-found' }
}

export const boardPath = (boardId: string): string => `/b/${encodeURIComponent(boardId)}`

const NAVIGATE = 'atelier:navigate'

export function navigate(path: string): void {
  history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
  window.scrollTo(0, 0)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname))
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname))
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATE, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATE, update)
    }
  }, [])
  return route
}
