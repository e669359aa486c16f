/**
 * The `Actor` the board operations need, for this person on this board: a device-stable person id,
 * the name from the profile, the role from the invite link, and the partner they speak for here
 * (chosen when joining, remembered per board on this device; '' until chosen).
 */
import { useCallback, useMemo, useState } from 'react'
import type { Role } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { personId, readSpeaksFor, saveSpeaksFor } from '../storage/person.ts'

/** `partnerId` of an actor who has not said yet whom they speak for. */
export const NOT_CHOSEN = ''

export function useActor(boardId: string, name: string, role: Role): { actor: Actor; choosePartner(partnerId: string): void } {
  const [id] = useState(personId)
  const [partnerId, setPartnerId] = useState(() => readSpeaksFor(boardId) ?? NOT_CHOSEN)

  const choosePartner = useCallback((next: string) => {
    saveSpeaksFor(boardId, next)
    setPartnerId(next)
  }, [boardId])

  const actor = useMemo<Actor>(() => ({ personId: id, name, partnerId, role }), [id, name, partnerId, role])
  return { actor, choosePartner }
}
