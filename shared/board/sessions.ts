/**
 * Sessions of the steering committee or the project group: what they are (kind, phase, agenda),
 * who attended (from presence, corrected by hand), and the decisions and actions noted during them.
 * Ending a session is followed by its iteration snapshot (server side, see snapshots).
 */
import * as Y from 'yjs'
import { type Actor, authorOf } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { assertFacilitator, cleanText } from './permissions.ts'
import {
  ATTENDANCE_STATUSES, attendanceStatus, callsForDeliberationByDefault, fieldsOf, itemMap, PHASES, PREVIOUS_APPROVALS, SESSION_KINDS, sessionsOf,
  type AttendanceStatus, type Attendee, type DecisionFields, type DecisionKind, type ItemMap, type Phase, type PreviousApproval,
  type SessionFields, type SessionKind,
} from './schema.ts'

export const SESSION_TITLE_MAX = 200
export const AGENDA_ITEM_MAX = 300
export const DECISION_TEXT_MAX = 1000
export const PERSON_ROLE_MAX = 120
export const PLACE_MAX = 300
export const RECIPIENTS_MAX = 2000
export const AGENDA_NOTE_MAX = 10_000

/** What the compte rendu says of the meeting besides its kind, title, date and phase. */
export interface SessionDetails {
  place: string
  startTime: string
  endTime: string
  nextDate: string
  nextTime: string
  nextPlace: string
  recipients: string
  previousApproval: PreviousApproval
  previousApprovalNote: string
}

export const NO_DETAILS: SessionDetails = {
  place: '', startTime: '', endTime: '', nextDate: '', nextTime: '', nextPlace: '', recipients: '', previousApproval: '', previousApprovalNote: '',
}

export interface SessionView extends Omit<SessionFields, keyof SessionDetails>, SessionDetails {
  agenda: string[]
  attendance: (Attendee & { status: AttendanceStatus; role: string })[]
  decisions: DecisionFields[]
  /** The minutes of each agenda item, by the item's text ('' or absent: none). */
  notes: Record<string, string>
  /** As set, or from its kind (schema.ts callsForDeliberationByDefault). */
  callsForDeliberation: boolean
}

const agendaOf = (item: ItemMap) => item.get('agenda') as Y.Array<string>
const attendanceOf = (item: ItemMap) => item.get('attendance') as Y.Map<Attendee>
const decisionsOf = (item: ItemMap) => item.get('decisions') as Y.Array<ItemMap>
const notesOf = (item: ItemMap) => item.get('notes') as Y.Map<string> | undefined

const isTime = (value: string) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value)

const isDate = (value: string) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))

function findSession(doc: Y.Doc, sessionId: string): ItemMap {
  const item = sessionsOf(doc).get(sessionId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  return item
}

export function readSession(item: ItemMap): SessionView {
  const fields = fieldsOf<SessionFields>(item)
  const details = Object.fromEntries(Object.entries(NO_DETAILS).map(([key, none]) => {
    const value = (fields as unknown as Record<string, unknown>)[key]
    return [key, typeof value === 'string' ? value : none]
  })) as unknown as SessionDetails
  return {
    ...fields,
    ...details,
    agenda: agendaOf(item)?.toArray() ?? [],
    // Filed under its key: that is who the person is (records of hand-added people once had personId '').
    attendance: [...(attendanceOf(item)?.entries() ?? [])]
      .map(([key, a]) => ({ ...a, personId: key, status: attendanceStatus(a), role: typeof a.role === 'string' ? a.role : '' }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId)),
    decisions: (decisionsOf(item)?.toArray() ?? []).map((d) => fieldsOf<DecisionFields>(d)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    notes: Object.fromEntries([...(notesOf(item)?.entries() ?? [])].filter(([, note]) => typeof note === 'string' && note !== '')),
    callsForDeliberation: typeof fields.callsForDeliberation === 'boolean' ? fields.callsForDeliberation : callsForDeliberationByDefault(fields.kind),
  }
}

/** Sessions, most recent first. */
export function listSessions(doc: Y.Doc): SessionView[] {
  return [...sessionsOf(doc).values()].map(readSession).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id))
}

/** The session under way (started, not ended), if any. */
export function currentSession(doc: Y.Doc): SessionView | null {
  return listSessions(doc).find((session) => !session.endedAt) ?? null
}

export function startSession(
  doc: Y.Doc, actor: Actor,
  input: { kind: SessionKind; title: string; date: string; phase: Phase; agenda?: string[]; callsForDeliberation?: boolean },
): string {
  assertFacilitator(actor)
  if (currentSession(doc)) throw new BoardError('conflict', 'error.session-open', 'A session is already under way')
  if (!SESSION_KINDS.includes(input.kind)) throw new BoardError('invalid', 'error.invalid', 'Unknown kind of session')
  if (!PHASES.includes(input.phase)) throw new BoardError('invalid', 'error.invalid', 'Unknown phase')
  if (!isDate(input.date) || input.date === '') throw new BoardError('invalid', 'error.date', 'Give a date')
  const title = cleanText(input.title, SESSION_TITLE_MAX)
  const agenda = (input.agenda ?? []).map((line) => cleanText(line, AGENDA_ITEM_MAX, { required: false })).filter(Boolean)
  const id = newId()
  doc.transact(() => {
    const fields: SessionFields = {
      id, kind: input.kind, title, date: input.date, phase: input.phase,
      startedAt: new Date().toISOString(), startedBy: authorOf(actor), endedAt: '', snapshotId: '',
      // Kept only when the facilitator chose it: otherwise it follows the kind.
      ...(typeof input.callsForDeliberation === 'boolean' ? { callsForDeliberation: input.callsForDeliberation } : {}),
    }
    const item = itemMap(fields)
    const agendaItems = new Y.Array<string>()
    agendaItems.push(agenda)
    item.set('agenda', agendaItems)
    item.set('attendance', new Y.Map<Attendee>())
    item.set('decisions', new Y.Array<ItemMap>())
    sessionsOf(doc).set(id, item)
  })
  return id
}

export function updateSession(
  doc: Y.Doc, actor: Actor, sessionId: string,
  input: Partial<{ kind: SessionKind; title: string; date: string; phase: Phase; callsForDeliberation: boolean }>,
): void {
  assertFacilitator(actor)
  const item = findSession(doc, sessionId)
  doc.transact(() => {
    if (input.kind !== undefined && SESSION_KINDS.includes(input.kind)) item.set('kind', input.kind)
    if (input.title !== undefined) item.set('title', cleanText(input.title, SESSION_TITLE_MAX))
    if (input.date !== undefined && isDate(input.date) && input.date) item.set('date', input.date)
    if (input.phase !== undefined && PHASES.includes(input.phase)) item.set('phase', input.phase)
    if (typeof input.callsForDeliberation === 'boolean') item.set('callsForDeliberation', input.callsForDeliberation)
  })
}

/** The meeting's place, times, next meeting, recipients and approval of the previous compte rendu (during or after it). */
export function updateSessionDetails(doc: Y.Doc, actor: Actor, sessionId: string, input: Partial<SessionDetails>): void {
  assertFacilitator(actor)
  const item = findSession(doc, sessionId)
  for (const key of ['startTime', 'endTime', 'nextTime'] as const) {
    if (input[key] !== undefined && !isTime(input[key])) throw new BoardError('invalid', 'error.time', 'Give a time as HH:MM')
  }
  if (input.nextDate !== undefined && !isDate(input.nextDate)) throw new BoardError('invalid', 'error.date', 'Give a valid date')
  if (input.previousApproval !== undefined && !PREVIOUS_APPROVALS.includes(input.previousApproval)) throw new BoardError('invalid', 'error.invalid', 'Unknown choice')
  const limits: Record<'place' | 'nextPlace' | 'recipients' | 'previousApprovalNote', number> = {
    place: PLACE_MAX, nextPlace: PLACE_MAX, recipients: RECIPIENTS_MAX, previousApprovalNote: DECISION_TEXT_MAX,
  }
  doc.transact(() => {
    for (const key of Object.keys(NO_DETAILS) as (keyof SessionDetails)[]) {
      const value = input[key]
      if (value === undefined) continue
      const cleaned = key in limits ? cleanText(value, limits[key as keyof typeof limits], { required: false }) : value
      if (item.get(key) !== cleaned) item.set(key, cleaned)
    }
  })
}

export function addAgendaItem(doc: Y.Doc, actor: Actor, sessionId: string, text: string): void {
  assertFacilitator(actor)
  const agenda = agendaOf(findSession(doc, sessionId))
  const item = cleanText(text, AGENDA_ITEM_MAX)
  // An item's minutes are filed under its text: two items of one text would share them.
  if (agenda.toArray().includes(item)) throw new BoardError('conflict', 'error.agenda-duplicate', 'Already on the agenda')
  agenda.push([item])
}

/** The minutes of one agenda item (what was said, what came of it). */
export function setAgendaNote(doc: Y.Doc, actor: Actor, sessionId: string, agendaItem: string, text: string): void {
  assertFacilitator(actor)
  const item = findSession(doc, sessionId)
  if (!agendaOf(item).toArray().includes(agendaItem)) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  const note = cleanText(text, AGENDA_NOTE_MAX, { required: false })
  doc.transact(() => {
    let notes = notesOf(item)
    if (!(notes instanceof Y.Map)) {
      notes = new Y.Map<string>()
      item.set('notes', notes)
    }
    if (note) notes.set(agendaItem, note)
    else notes.delete(agendaItem)
  })
}

export function removeAgendaItem(doc: Y.Doc, actor: Actor, sessionId: string, index: number): void {
  assertFacilitator(actor)
  const agenda = agendaOf(findSession(doc, sessionId))
  if (index >= 0 && index < agenda.length) agenda.delete(index, 1)
}

/**
 * Records who is here from presence: people seen are marked present (a hand correction is never
 * overwritten). Called by the facilitator's client while the session runs.
 */
export function recordPresence(doc: Y.Doc, actor: Actor, sessionId: string, people: Omit<Attendee, 'present' | 'source'>[]): void {
  assertFacilitator(actor)
  const attendance = attendanceOf(findSession(doc, sessionId))
  doc.transact(() => {
    for (const person of people) {
      const known = attendance.get(person.personId)
      if (known?.source === 'manual') continue
      if (known && known.present && known.name === person.name && known.partnerId === person.partnerId) continue
      attendance.set(person.personId, { ...person, present: true, status: 'present', ...(known?.role ? { role: known.role } : {}), source: 'presence' })
    }
  })
}

/**
 * A hand correction: add someone who was there without a device (or who apologised, or was absent),
 * mark someone present, excused or absent, say their role. A new person (no personId) gets an id,
 * kept in the record too, so correcting them later changes that record instead of adding another.
 * `status` wins over `present` (kept for callers from before statuses).
 */
export function setAttendance(
  doc: Y.Doc, actor: Actor, sessionId: string,
  person: { personId?: string; name: string; partnerId: string; status?: AttendanceStatus; present?: boolean; role?: string },
): string {
  assertFacilitator(actor)
  const name = cleanText(person.name, 120)
  const status = person.status ?? (person.present === false ? 'absent' : 'present')
  if (!ATTENDANCE_STATUSES.includes(status)) throw new BoardError('invalid', 'error.invalid', 'Unknown attendance')
  const attendance = attendanceOf(findSession(doc, sessionId))
  const personId = person.personId || newId()
  const role = cleanText(person.role ?? attendance.get(personId)?.role ?? '', PERSON_ROLE_MAX, { required: false })
  attendance.set(personId, { personId, name, partnerId: person.partnerId, present: status === 'present', status, ...(role ? { role } : {}), source: 'manual' })
  return personId
}

/** Partners with at least one person present. */
export function representedPartners(session: SessionView): string[] {
  return [...new Set(session.attendance.filter((a) => a.status === 'present').map((a) => a.partnerId))]
}

export function addDecision(doc: Y.Doc, actor: Actor, sessionId: string, input: { kind: DecisionKind; text: string; partnerIds?: string[]; owner?: string; dueDate?: string }): string {
  assertFacilitator(actor)
  const item = findSession(doc, sessionId)
  if (input.kind !== 'decision' && input.kind !== 'action') throw new BoardError('invalid', 'error.invalid', 'Unknown kind')
  const dueDate = input.dueDate ?? ''
  if (!isDate(dueDate)) throw new BoardError('invalid', 'error.date', 'Give a valid date')
  const id = newId()
  const fields: DecisionFields = {
    id, kind: input.kind, text: cleanText(input.text, DECISION_TEXT_MAX),
    partnerIds: [...new Set(input.partnerIds ?? [])],
    owner: cleanText(input.owner ?? '', 120, { required: false }),
    dueDate, author: authorOf(actor), createdAt: new Date().toISOString(),
  }
  decisionsOf(item).push([itemMap(fields)])
  return id
}

export function removeDecision(doc: Y.Doc, actor: Actor, sessionId: string, decisionId: string): void {
  assertFacilitator(actor)
  const decisions = decisionsOf(findSession(doc, sessionId))
  const index = decisions.toArray().findIndex((d) => d.get('id') === decisionId)
  if (index !== -1) decisions.delete(index, 1)
}

/** Marks the session ended with the iteration snapshot that keeps it. */
export function markSessionEnded(doc: Y.Doc, sessionId: string, snapshotId: string, endedAt: string): void {
  const item = findSession(doc, sessionId)
  doc.transact(() => {
    item.set('endedAt', endedAt)
    item.set('snapshotId', snapshotId)
  })
}
