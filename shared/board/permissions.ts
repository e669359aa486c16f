/** Board-level checks shared by every operation, built on the one table of roles (auth/roles.ts). */
import { can } from '../auth/roles.ts'
import type { Actor } from './actor.ts'
import { BoardError } from './board-error.ts'

export function assertCanEdit(actor: Actor): void {
  if (!can(actor.role, 'board.edit')) throw new BoardError('forbidden', 'error.view-only', 'You are viewing this board')
}

export function assertFacilitator(actor: Actor): void {
  if (!can(actor.role, 'board.facilitate')) throw new BoardError('forbidden', 'error.facilitator-only', 'Only the facilitator can do this')
}

/**
 * A formal act for a partner (a stance, a deliberation): by someone whose invite link is bound to
 * that partner, or by the facilitator on its behalf (scope 'own-partner' in auth/roles.ts).
 */
export function mayActFor(actor: Actor, partnerId: string): boolean {
  if (!can(actor.role, 'board.edit')) return false
  return can(actor.role, 'board.speak-for-any-partner') || (actor.partnerBound === true && actor.partnerId === partnerId)
}

export function assertSpeaksFor(actor: Actor, partnerId: string): void {
  assertCanEdit(actor)
  if (!mayActFor(actor, partnerId)) {
    throw new BoardError('forbidden', 'error.not-your-partner', 'Only someone from that partner can change its stance')
  }
}

export function cleanText(value: string, max: number, { required = true } = {}): string {
  const text = value.trim()
  if (required && !text) throw new BoardError('invalid', 'error.text-required', 'Write something first')
  if (text.length > max) throw new BoardError('invalid', 'error.too-long', `At most ${max} characters`, { max })
  return text
}

/** Removing: one's own contributions, or anyone's for the facilitator. */
export function assertMayRemove(actor: Actor, authorPersonId: string | undefined): void {
  assertCanEdit(actor)
  if (!can(actor.role, 'board.remove-any') && authorPersonId !== actor.personId) {
    throw new BoardError('forbidden', 'error.author-only', 'Only its author or the facilitator can remove it')
  }
}
