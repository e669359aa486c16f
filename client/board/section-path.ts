/** The address of a board section: `?view=<id>`; the first section (charter) is the board's plain address. */
import { boardPath } from '../app/router.ts'

export const VIEW_PARAM = 'view'
export const DEFAULT_SECTION = 'charter'

export function sectionPath(boardId: string, sectionId: string): string {
  return sectionId === DEFAULT_SECTION ? boardPath(boardId) : `${boardPath(boardId)}?${VIEW_PARAM}=${encodeURIComponent(sectionId)}`
}
