/**
 * The `Actor` the board operations need, for this person on this board: a device-stable person id,
 * the name from the profile, the role from the invite link, and the partner they speak for here
 * (chosen when joining, remembered per board on this device; '' until chosen).
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Role } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { personId, readSpeaksFor, saveSpeaksFor } from '../storage/person.ts'

/** `partnerId` of an actor who has not said yet whom they speak for. */
export const NOT_CHOSEN = ''

/**
 * `boundPartnerId`: the partner the invite link is bound to (from the server). It wins over any
 * choice and can't be changed: the server records what this person writes for that partner.
 */
export function useActor(boardId: string, name: string, role: Role, boundPartnerId: string | null = null): { actor: Actor; choosePartner(partnerId: string): void } {
  const [id] = useState(personId)
  const [chosen, setPartnerId] = useState(() => readSpeaksFor(boardId) ?? NOT_CHOSEN)
  const partnerId = boundPartnerId ?? chosen

  useEffect(() => {
    if (boundPartnerId !== null && readSpeaksFor(boardId) !== boundPartnerId) saveSpeaksFor(boardId, boundPartnerId)
  }, [boardId, boundPartnerId])

  const choosePartner = useCallback((next: string) => {
    if (boundPartnerId !== null) return
    saveSpeaksFor(boardId, next)
    setPartnerId(next)
  }, [boardId, boundPartnerId])

  const partnerBound = boundPartnerId !== null
  const actor = useMemo<Actor>(() => ({ personId: id, name, partnerId, role, partnerBound }), [id, name, partnerId, role, partnerBound])
  return { actor, choosePartner }
}
