/** Where a followed place is, as a board address (`?view=…&open=…`), and where this page is now. */
import { cleanFollowParams, FOLLOW_PARAMS, type Follow, type FollowTarget } from '../../shared/board/room.ts'
import { boardPath } from '../app/router.ts'
import { DEFAULT_SECTION, VIEW_PARAM } from '../board/section-path.ts'

export function followPath(boardId: string, target: Pick<Follow, 'section' | 'params'>): string {
  const search = new URLSearchParams()
  if (target.section !== DEFAULT_SECTION) search.set(VIEW_PARAM, target.section)
  for (const key of FOLLOW_PARAMS) {
    const value = target.params[key]
    if (value) search.set(key, value)
  }
  const query = search.toString()
  return query ? `${boardPath(boardId)}?${query}` : boardPath(boardId)
}

/** The place an address shows (its section and the parameters a follow carries). */
export function targetOf(search: string): Required<Pick<FollowTarget, 'section' | 'params'>> {
  const params = new URLSearchParams(search)
  return {
    section: params.get(VIEW_PARAM) ?? DEFAULT_SECTION,
    params: cleanFollowParams(Object.fromEntries(FOLLOW_PARAMS.map((key) => [key, params.get(key)]))),
  }
}

/** One string per place, to compare two addresses. */
export const placeKey = (target: Pick<Follow, 'section' | 'params'>): string =>
  [target.section, ...FOLLOW_PARAMS.map((key) => target.params[key] ?? '')].join('|')
