/**
 * Makes a board read from a stored document safe to export, compare and serve, whatever it holds.
 * A Yjs document is only as well-formed as the clients that wrote it: an item whose `text` is a
 * number, a stance that is a string, a partner that is not a map, a charter nested thousands deep,
 * a link with a broken `%` escape. Every field of the BoardJson is coerced here to the type it
 * declares (a wrong type becomes the field's empty value; an unknown enum value a neutral one),
 * items that are not objects are dropped, and the charter is cut at a sane depth. Fields this file
 * does not know are kept as they are (a newer board operation's field is not lost here). Readers after this
 * point (reports, compare, the snapshot API, the client) can trust the types.
 */
import type { JSONContent } from '@tiptap/core'
import type { Author } from './actor.ts'
import type { BoardJson } from './board-json.ts'
import type { GroupKind, GroupView } from './interests.ts'
import type { RoundView } from './rounds.ts'
import {
  ATTENDANCE_STATUSES, callsForDeliberationByDefault, DELIBERATION_STATUSES, PARTNER_KINDS, PHASES, PREVIOUS_APPROVALS, SESSION_KINDS,
  type AttendanceStatus, type Attendee, type CardFields, type DecisionFields, type Deliberation, type MergedValue, type PartnerFields, type Stance, type Vote,
} from './schema.ts'
import type { SessionView } from './sessions.ts'
import type { ValueView } from './values.ts'
import { repairMethod } from './method.ts'
import { ACTION_STATUSES, type ActionChange } from './actions.ts'

/** Deeper charter nodes are dropped: no editor writes them, and renderers recurse. */
export const CHARTER_MAX_DEPTH = 64

type Loose = Record<string, unknown>

export const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value)
export const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
const num = (value: unknown, fallback = 0): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  return Number.isFinite(n) ? n : fallback
}
const bool = (value: unknown): boolean => value === true
const oneOf = <T extends string | number>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const objects = (value: unknown): Loose[] => list(value).filter(isObject)
const strings = (value: unknown): string[] => list(value).map(str)
const author = (value: unknown): Author => (isObject(value) ? { personId: str(value.personId), name: str(value.name) } : { personId: '', name: '' })

const STANCE_KINDS = ['agree', 'reservation', 'object', 'undecided'] as const
const VALUE_STATUSES = ['open', 'adopted', 'contested'] as const
const GROUP_KINDS: readonly GroupKind[] = ['convergent', 'complementary', 'specific', 'empty']

export function stance(value: unknown): Stance {
  // A bare string ("agree") is taken as the kind it names.
  const raw: Loose = isObject(value) ? value : { kind: value }
  const result: Stance = { ...raw, kind: oneOf(raw.kind, STANCE_KINDS, 'undecided'), by: author(raw.by), at: str(raw.at) }
  if (raw.text !== undefined) result.text = str(raw.text)
  else delete result.text
  return result
}

function stances(value: unknown): Record<string, Stance> {
  if (!isObject(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([partnerId, s]) => [partnerId, stance(s)]))
}

const partner = (p: Loose): PartnerFields => ({
  ...p, id: str(p.id), name: str(p.name), shortName: str(p.shortName), color: str(p.color),
  kind: oneOf(p.kind, PARTNER_KINDS, 'other'), note: str(p.note), createdAt: str(p.createdAt), createdBy: author(p.createdBy),
})

export const mergedValue = (v: Loose): MergedValue => ({
  ...v, id: str(v.id), text: str(v.text), explanation: str(v.explanation), partnerId: str(v.partnerId), author: author(v.author),
  createdAt: str(v.createdAt), stances: stances(v.stances), mergedBy: author(v.mergedBy), mergedAt: str(v.mergedAt),
})

const value = (v: Loose): ValueView => ({
  ...v, id: str(v.id), text: str(v.text), explanation: str(v.explanation), partnerId: str(v.partnerId), author: author(v.author),
  createdAt: str(v.createdAt), order: num(v.order), stances: stances(v.stances),
  mergedFrom: objects(v.mergedFrom).map(mergedValue), status: oneOf(v.status, VALUE_STATUSES, 'open'),
})

const card = (c: Loose): CardFields => ({
  ...c, id: str(c.id), text: str(c.text), kind: oneOf(c.kind, ['interest', 'brings'] as const, 'interest'), partnerId: str(c.partnerId),
  author: author(c.author), createdAt: str(c.createdAt), x: num(c.x), y: num(c.y), groupId: str(c.groupId), roundId: str(c.roundId),
})

const group = (g: Loose): GroupView => ({
  ...g, id: str(g.id), name: str(g.name), x: num(g.x), y: num(g.y), createdAt: str(g.createdAt), createdBy: author(g.createdBy),
  kind: oneOf(g.kind, GROUP_KINDS, 'empty'), cardIds: strings(g.cardIds), partnerIds: strings(g.partnerIds),
})

export const vote = (v: Loose): Vote => ({ ...v, voter: str(v.voter), targetId: str(v.targetId), by: author(v.by), at: str(v.at) })

function round(r: Loose): BoardJson['rounds'][number] {
  const result: RoundView & { results: { targetId: string; votes: number }[] } = {
    ...r, id: str(r.id), kind: oneOf(r.kind, ['private-writing', 'dot-vote'] as const, 'dot-vote'), status: oneOf(r.status, ['open', 'closed'] as const, 'closed'),
    title: str(r.title), startedAt: str(r.startedAt), startedBy: author(r.startedBy), closedAt: str(r.closedAt),
    votesPerVoter: num(r.votesPerVoter), scope: oneOf(r.scope, ['person', 'partner'] as const, 'person'),
    target: oneOf(r.target, ['groups', 'values'] as const, 'groups'),
    votes: objects(r.votes).map((v) => ({ ...vote(v), id: str(v.id) })),
    results: objects(r.results).map((x) => ({ targetId: str(x.targetId), votes: num(x.votes) })),
  }
  if (r.mode !== undefined) result.mode = oneOf(r.mode, ['open', 'controlled'] as const, 'open')
  return result
}

export const attendee = (a: Loose): Attendee & { status: AttendanceStatus; role: string } => {
  const present = bool(a.present)
  return {
    ...a, personId: str(a.personId), name: str(a.name), partnerId: str(a.partnerId), present,
    status: oneOf(a.status, ATTENDANCE_STATUSES, present ? 'present' : 'absent'), role: str(a.role),
    source: oneOf(a.source, ['presence', 'manual'] as const, 'manual'),
  }
}

export const decision = (d: Loose): DecisionFields => ({
  ...d, id: str(d.id), kind: oneOf(d.kind, ['decision', 'action'] as const, 'decision'), text: str(d.text), partnerIds: strings(d.partnerIds),
  owner: str(d.owner), dueDate: str(d.dueDate), author: author(d.author), createdAt: str(d.createdAt),
})

const session = (s: Loose): SessionView => ({
  ...s, id: str(s.id), kind: oneOf(s.kind, SESSION_KINDS, 'other'), title: str(s.title), date: str(s.date),
  phase: oneOf(s.phase, PHASES, 1), startedAt: str(s.startedAt), startedBy: author(s.startedBy), endedAt: str(s.endedAt),
  snapshotId: str(s.snapshotId), agenda: strings(s.agenda), attendance: objects(s.attendance).map(attendee), decisions: objects(s.decisions).map(decision),
  place: str(s.place), startTime: str(s.startTime), endTime: str(s.endTime), nextDate: str(s.nextDate), nextTime: str(s.nextTime),
  nextPlace: str(s.nextPlace), recipients: str(s.recipients), previousApproval: oneOf(s.previousApproval, PREVIOUS_APPROVALS, ''),
  previousApprovalNote: str(s.previousApprovalNote),
  callsForDeliberation: typeof s.callsForDeliberation === 'boolean' ? s.callsForDeliberation : callsForDeliberationByDefault(oneOf(s.kind, SESSION_KINDS, 'other')),
  notes: isObject(s.notes) ? Object.fromEntries(Object.entries(s.notes).filter((e): e is [string, string] => typeof e[1] === 'string')) : {},
})

const deliberation = (d: Loose): Deliberation => ({
  ...d, snapshotId: str(d.snapshotId), partnerId: str(d.partnerId), status: oneOf(d.status, DELIBERATION_STATUSES, 'pending'),
  body: str(d.body), date: str(d.date), note: str(d.note), resolution: str(d.resolution), by: author(d.by), at: str(d.at),
})

const actionChange = (c: Loose): ActionChange => ({
  ...c, actionId: str(c.actionId), status: oneOf(c.status, ACTION_STATUSES, 'todo'), by: author(c.by), at: str(c.at), sessionId: str(c.sessionId),
})

/** A Tiptap JSON node with the declared types, cut at CHARTER_MAX_DEPTH. Iterative: no recursion limit to hit. */
export function repairCharter(value: unknown): JSONContent {
  const root: JSONContent = { type: 'doc', content: [] }
  const stack: { from: unknown; to: JSONContent; depth: number }[] = [{ from: value, to: root, depth: 0 }]
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!
    if (!isObject(from)) continue
    if (depth > 0) to.type = str(from.type) || 'paragraph'
    if (isObject(from.attrs)) to.attrs = { ...from.attrs }
    if (from.text !== undefined) to.text = str(from.text)
    if (from.marks !== undefined) {
      to.marks = objects(from.marks).map((mark) => ({ type: str(mark.type), ...(isObject(mark.attrs) ? { attrs: { ...mark.attrs } } : {}) }))
    }
    if (from.content !== undefined || depth === 0) {
      const children = depth < CHARTER_MAX_DEPTH ? objects(from.content) : []
      to.content = children.map(() => ({}))
      children.forEach((child, i) => stack.push({ from: child, to: to.content![i]!, depth: depth + 1 }))
    }
  }
  return root
}

/** The board with every field of the declared type. */
export function repairBoardJson(board: Partial<Record<keyof BoardJson, unknown>>): BoardJson {
  return {
    version: num(board.version, 1),
    language: str(board.language) || 'fr',
    charter: repairCharter(board.charter),
    partners: objects(board.partners).map(partner),
    values: objects(board.values).map(value),
    interests: objects(board.interests).map(card),
    groups: objects(board.groups).map(group),
    rounds: objects(board.rounds).map(round),
    sessions: objects(board.sessions).map(session),
    deliberations: objects(board.deliberations).map(deliberation),
    method: repairMethod(board.method),
    actionLog: objects(board.actionLog).map(actionChange),
  }
}
