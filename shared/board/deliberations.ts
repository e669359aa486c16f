/** Each partner's deliberation on an iteration (its own board, general assembly…), tracked on the board. */
import type * as Y from 'yjs'
import { type Actor, authorOf } from './actor.ts'
import { BoardError } from './board-error.ts'
import { listPartners } from './partners.ts'
import { assertSpeaksFor, cleanText } from './permissions.ts'
import { DELIBERATION_STATUSES, deliberationsOf, type Deliberation, type DeliberationStatus } from './schema.ts'
import type { SessionView } from './sessions.ts'

/** The resolution a partner's board adopted: long, but bounded (the write guard's text limit). */
export const RESOLUTION_MAX = 10_000

const keyOf = (snapshotId: string, partnerId: string) => `${snapshotId}/${partnerId}`

export function setDeliberation(
  doc: Y.Doc, actor: Actor, snapshotId: string, partnerId: string,
  input: { status: DeliberationStatus; body?: string; date?: string; note?: string; resolution?: string },
): void {
  assertSpeaksFor(actor, partnerId)
  if (!DELIBERATION_STATUSES.includes(input.status)) throw new BoardError('invalid', 'error.invalid', 'Unknown status')
  const date = input.date ?? ''
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new BoardError('invalid', 'error.date', 'Give a valid date')
  deliberationsOf(doc).set(keyOf(snapshotId, partnerId), {
    snapshotId, partnerId, status: input.status,
    body: cleanText(input.body ?? '', 200, { required: false }),
    date,
    note: cleanText(input.note ?? '', 2000, { required: false }),
    resolution: cleanText(input.resolution ?? '', RESOLUTION_MAX, { required: false }),
    by: authorOf(actor), at: new Date().toISOString(),
    // Anyone but a link bound to this partner records on its behalf (the facilitator), and says so.
    ...(actor.partnerBound === true && actor.partnerId === partnerId ? {} : { onBehalf: true }),
  })
}

/** Every partner's deliberation on an iteration; a partner that hasn't recorded one is pending. */
export function deliberationsFor(doc: Y.Doc, snapshotId: string): { partnerId: string; deliberation: Deliberation | null; status: DeliberationStatus }[] {
  const all = deliberationsOf(doc)
  return listPartners(doc).map((partner) => {
    const deliberation = all.get(keyOf(snapshotId, partner.id)) ?? null
    return { partnerId: partner.id, deliberation, status: deliberation?.status ?? 'pending' }
  })
}

/** Partners that have still to deliberate on an iteration. */
export const pendingPartners = (doc: Y.Doc, snapshotId: string): string[] =>
  deliberationsFor(doc, snapshotId).filter((d) => d.status === 'pending').map((d) => d.partnerId)

/**
 * Whether the partners' boards are asked to deliberate on an iteration: its session says so (a
 * project group's need not). A snapshot of no session (named, or a session removed) is not held back.
 */
export function iterationCallsForDeliberation(sessions: readonly Pick<SessionView, 'snapshotId' | 'callsForDeliberation'>[], snapshotId: string): boolean {
  return sessions.find((session) => session.snapshotId === snapshotId)?.callsForDeliberation ?? true
}
