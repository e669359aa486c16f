/** Board-level checks shared by every operation, built on the one table of roles (auth/roles.ts). */
import { can } from '../auth/roles.ts'
import type { Actor } from './actor.ts'
import { BoardError } from './board-error.ts'

export function assertCanEdit(actor: Actor): void {
  if (!can(actor.role, 'board.edit')) throw new BoardError('forbidden', 'error.view-only', 'You are viewing this board')
}

export function assertFacilitator(actor: Actor): void {
  if (actor.role !== 'facilitator') throw new BoardError('forbidden', 'error.facilitator-only', 'Only the facilitator can do this')
}

/** Someone may speak for a partner if they belong to it; the facilitator records for anyone. */
export function assertSpeaksFor(actor: Actor, partnerId: string): void {
  assertCanEdit(actor)
  if (actor.role !== 'facilitator' && actor.partnerId !== partnerId) {
    throw new BoardError('forbidden', 'error.not-your-partner', 'Only someone from that partner can change its stance')
  }
}

export function cleanText(value: string, max: number, { required = true } = {}): string {
  const text = value.trim()
  if (required && !text) throw new BoardError('invalid', 'error.text-required', 'Write something first')
  if (text.length > max) throw new BoardError('invalid', 'error.too-long', `At most ${max} characters`, { max })
  return text
}
