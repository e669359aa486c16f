/**
 * Follow-me, on the side of whoever follows: while the facilitator leads (room.follow) and this
 * person is in the audience, the page goes where the facilitator is. Going elsewhere oneself (a tab,
 * a link) leaves; one click comes back. Leaving holds for this leading only: when the facilitator
 * starts leading again, everyone follows again. The room display always follows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Role } from '../../shared/auth/roles.ts'
import { followsIt, readRoom, type Follow } from '../../shared/board/room.ts'
import { navigate, useSearch } from '../app/router.ts'
import { useDocValue } from '../live/useDocValue.ts'
import { CHARTER_HEADINGS_SELECTOR } from './charter-headings.ts'
import { followPath, placeKey, targetOf } from './follow-path.ts'

const readFollow = (doc: Y.Doc): Follow | null => readRoom(doc).follow
const leftKey = (boardId: string) => `atelier.left-follow.${boardId}`

function readLeft(boardId: string): string | null {
  try {
    return sessionStorage.getItem(leftKey(boardId))
  } catch {
    return null
  }
}

function writeLeft(boardId: string, id: string | null): void {
  try {
    if (id === null) sessionStorage.removeItem(leftKey(boardId))
    else sessionStorage.setItem(leftKey(boardId), id)
  } catch {
    // Private mode: leaving holds until the page reloads.
  }
}

/** The place this page shows now. */
export function useHere(): Pick<Follow, 'section' | 'params'> {
  // Read from the address as a whole: every parameter a follow carries (FOLLOW_PARAMS), no list to keep in step.
  const search = useSearch()
  return useMemo(() => targetOf(search), [search])
}

export interface FollowMe {
  /** The facilitator's leading, whoever it is for. */
  follow: Follow | null
  /** This person is in its audience. */
  applies: boolean
  following: boolean
  /** Following, but the move waits: this person has text not sent yet in the section. */
  waiting: boolean
  leave(): void
  rejoin(): void
  /** Go to the facilitator's place now, text or not. */
  goNow(): void
}

export function useFollowMe(boardId: string, doc: Y.Doc, role: Role, personId: string): FollowMe {
  const follow = useDocValue(doc, readFollow)
  const isDisplay = role === 'display'
  const applies = follow !== null && followsIt(follow, role, personId)
  const [left, setLeft] = useState<string | null>(() => readLeft(boardId))
  const following = applies && (isDisplay || left !== follow.id)
  const hereTarget = useHere()
  const here = placeKey(hereTarget)
  const target = follow ? placeKey(follow) : null
  const previous = useRef<{ here: string; target: string | null; following: boolean }>({ here, target, following: false })

  const leave = useCallback(() => {
    if (!follow || isDisplay) return
    writeLeft(boardId, follow.id)
    setLeft(follow.id)
  }, [boardId, follow, isDisplay])

  const rejoin = useCallback(() => {
    writeLeft(boardId, null)
    setLeft(null)
  }, [boardId])

  // Someone writing (a card, a value, a stance's reason) is not taken away from their text: the move
  // waits until the field is empty (sent or cleared), or until they choose to go now.
  const [waiting, setWaiting] = useState(false)
  const [retry, setRetry] = useState(0)
  const goNow = useCallback(() => {
    if (!follow) return
    previous.current = { here: placeKey(follow), target: placeKey(follow), following: true }
    setWaiting(false)
    navigate(followPath(boardId, follow), { scroll: true })
  }, [boardId, follow])

  useEffect(() => {
    const before = previous.current
    if (!following || !follow || here === target) {
      previous.current = { here, target, following }
      setWaiting(false)
      return
    }
    const broughtNow = !before.following || before.target !== target
    if (broughtNow || isDisplay) {
      if (!isDisplay && unsentText()) {
        // Not marked as done: the next look (after typing, a submit, a blur) still sees the move.
        setWaiting(true)
        let timer: ReturnType<typeof setTimeout> | undefined
        const again = () => {
          clearTimeout(timer)
          timer = setTimeout(() => setRetry((n) => n + 1), 400)
        }
        for (const type of ['input', 'focusout', 'submit'] as const) document.addEventListener(type, again, true)
        return () => {
          clearTimeout(timer)
          for (const type of ['input', 'focusout', 'submit'] as const) document.removeEventListener(type, again, true)
        }
      }
      previous.current = { here, target, following }
      setWaiting(false)
      navigate(followPath(boardId, follow), { scroll: hereTarget.section !== follow.section })
    } else {
      previous.current = { here, target, following }
      if (before.here !== here) leave() // they went elsewhere themselves
    }
  }, [here, target, following, follow, boardId, isDisplay, leave, hereTarget.section, retry])

  // A charter heading: scrolled to once the charter is on screen.
  const heading = following && follow?.section === 'charter' ? follow.heading : -1
  useEffect(() => {
    if (heading < 0 || here !== target) return
    let tries = 0
    const timer = setInterval(() => {
      const found = document.querySelectorAll(CHARTER_HEADINGS_SELECTOR)[heading]
      if (found || ++tries > 40) {
        clearInterval(timer)
        found?.scrollIntoView({ block: 'start', behavior: 'smooth' })
      }
    }, 100)
    return () => clearInterval(timer)
  }, [heading, here, target, follow?.at])

  return { follow, applies, following, waiting: following && waiting, leave, rejoin, goNow }
}

/** Text typed in the section and not sent yet (the charter's editor saves as it goes: not counted). */
function unsentText(): boolean {
  const fields = document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    '.board__main textarea, .board__main input:not([type]), .board__main input[type="text"], .board__main input[type="search"]',
  )
  return [...fields].some((field) => !field.readOnly && !field.disabled && field.value.trim() !== '')
}
