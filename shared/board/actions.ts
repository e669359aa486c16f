/**
 * Phase 5, follow-up: the actions decided in sessions, each with a status (to do, in progress,
 * done, dropped) that carries over from session to session until it has been reported once as
 * closed.
 *
 * An action is a decision of kind 'action' in its session's `decisions` (sessions.ts). Its status
 * is not a field of it: every change is an entry of its own in the top-level `actionLog` map,
 * `${actionId}/${entryId}` → ActionChange (who, when, in which session). Entries are only ever
 * added, so two people changing one action at once both stay on record, and the status an action
 * had at any session can be told from the log (what each compte rendu needs). No entry: 'todo'.
 *
 * Which session a change belongs to: the session under way when it was made (`sessionId`), else
 * its time. "As reported by session k" means every change made up to the start of the next
 * session (changes after a meeting belong to its minutes, which are completed afterwards).
 *
 * Carry-over: an action of an earlier session appears in session k when it was still open when
 * session k started. So one closed during session k shows there as closed and is not carried to
 * session k+1; one reopened comes back.
 *
 * Who: any editor changes an action's status (auth/roles.ts 'action.track'), signed as themself.
 */
import type * as Y from 'yjs'
import { type Actor, authorOf, type Author } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { BoardKey, sessionsOf, type DecisionFields } from './schema.ts'
import { currentSession, type SessionView } from './sessions.ts'
import { can } from '../auth/roles.ts'

export const ACTION_STATUSES = ['todo', 'in-progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Done and dropped actions are closed: once reported as such, they stop carrying over. */
export const isClosed = (status: ActionStatus): boolean => status === 'done' || status === 'dropped'

/** One change of an action's status. */
export interface ActionChange {
  actionId: string
  status: ActionStatus
  by: Author
  at: string
  /** The session under way when it was changed ('' between sessions). */
  sessionId: string
}

export const actionLogOf = (doc: Y.Doc): Y.Map<ActionChange> => doc.getMap(BoardKey.ActionLog)

/** Every change, oldest first (the write guard checks their shape; a malformed one is skipped, never read). */
export function listActionLog(doc: Y.Doc): ActionChange[] {
  return sortChanges([...actionLogOf(doc).values()].filter((c) =>
    typeof c === 'object' && c !== null && typeof c.actionId === 'string' && typeof c.at === 'string' &&
    ACTION_STATUSES.includes(c.status) && typeof c.sessionId === 'string' && typeof c.by === 'object' && c.by !== null))
}

const sortChanges = (log: readonly ActionChange[]) => [...log].sort((a, b) => a.at.localeCompare(b.at) || a.actionId.localeCompare(b.actionId))

/** Records a new status of an action (any editor), in the session under way if any. */
export function setActionStatus(doc: Y.Doc, actor: Actor, actionId: string, status: ActionStatus): void {
  if (!can(actor.role, 'action.track')) throw new BoardError('forbidden', 'error.view-only', 'You are viewing this board')
  if (!ACTION_STATUSES.includes(status)) throw new BoardError('invalid', 'error.invalid', 'Unknown status')
  const exists = [...sessionsOf(doc).values()].some((session) =>
    (session.get('decisions') as Y.Array<Y.Map<unknown>> | undefined)?.toArray().some((d) => d.get('id') === actionId && d.get('kind') === 'action'))
  if (!exists) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  const change: ActionChange = { actionId, status, by: authorOf(actor), at: new Date().toISOString(), sessionId: currentSession(doc)?.id ?? '' }
  actionLogOf(doc).set(`${actionId}/${newId()}`, change)
}

// ── Reading (plain data: the live doc, a snapshot's board JSON, a report) ─────────────────────

/** An action with where it was decided and its status as a given session reports it. */
export interface TrackedAction {
  action: DecisionFields
  /** The session it was decided in. */
  origin: SessionView
  status: ActionStatus
  /** The last change counted (null: never changed, to do since it was decided). */
  lastChange: ActionChange | null
}

/** Sessions in the order they were held. */
const inOrder = (sessions: readonly SessionView[]) =>
  [...sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))

/**
 * The last change of each action made before `cut` (a session's start; null: every change).
 * A change made in a session counts before the cut when that session started before it.
 */
function lastChanges(sessions: readonly SessionView[], log: readonly ActionChange[], cut: SessionView | null): Map<string, ActionChange> {
  const started = new Map(sessions.map((s) => [s.id, s.startedAt]))
  const before = (change: ActionChange) => {
    if (!cut) return true
    const sessionStart = started.get(change.sessionId)
    if (sessionStart !== undefined) return sessionStart < cut.startedAt || (sessionStart === cut.startedAt && change.sessionId < cut.id)
    return change.at < cut.startedAt
  }
  const last = new Map<string, ActionChange>()
  for (const change of sortChanges(log)) if (before(change)) last.set(change.actionId, change)
  return last
}

/** The status as of a cut (see lastChanges). */
const statusOf = (last: Map<string, ActionChange>, actionId: string): ActionStatus => last.get(actionId)?.status ?? 'todo'

/** The session after `session` (null: the last one). */
function nextOf(sessions: readonly SessionView[], session: SessionView): SessionView | null {
  const ordered = inOrder(sessions)
  return ordered[ordered.findIndex((s) => s.id === session.id) + 1] ?? null
}

/** A session's own actions with their status as that session reports it (changes up to the next session). */
export function sessionActions(sessions: readonly SessionView[], log: readonly ActionChange[], sessionId: string): TrackedAction[] {
  const session = sessions.find((s) => s.id === sessionId)
  if (!session) return []
  const reported = lastChanges(sessions, log, nextOf(sessions, session))
  return session.decisions.filter((d) => d.kind === 'action').map((action) => ({
    action, origin: session, status: statusOf(reported, action.id), lastChange: reported.get(action.id) ?? null,
  }))
}

/**
 * The actions of earlier sessions that session `sessionId` follows up: those still open when it
 * started, with their status as it reports them (done during it, they show as done there).
 */
export function carriedOverActions(sessions: readonly SessionView[], log: readonly ActionChange[], sessionId: string): TrackedAction[] {
  const session = sessions.find((s) => s.id === sessionId)
  if (!session) return []
  const ordered = inOrder(sessions)
  const earlier = ordered.slice(0, ordered.findIndex((s) => s.id === session.id))
  const atStart = lastChanges(sessions, log, session)
  const reported = lastChanges(sessions, log, nextOf(sessions, session))
  return earlier.flatMap((origin) => origin.decisions
    .filter((d) => d.kind === 'action' && !isClosed(statusOf(atStart, d.id)))
    .map((action) => ({ action, origin, status: statusOf(reported, action.id), lastChange: reported.get(action.id) ?? null })))
}
