/**
 * The room: what the facilitator controls for everyone present at once, kept in the board document
 * under `room` (a Y.Map, schema.ts) so a late joiner and a reconnecting client get it with the board.
 *
 *   follow    Follow  the place the facilitator brings people to (follow-me), written by the
 *                     facilitator's client (the write guard allows it to `room.lead` only, signed
 *                     by the connection's own person); absent when nobody leads.
 *   timer     Timer   a countdown in the SERVER's clock, written only by the server on a
 *                     facilitator's request (POST /api/boards/:id/room/timer): no client clock is
 *                     ever trusted, and every client shows the same time left from its measured
 *                     offset to the server clock (client/room/server-clock.ts).
 *   joinLink  JoinLinkMarker  that the facilitator registered a join link for the room display, and
 *                     when (written by the server). The link's token is never in the document: the
 *                     display reads it from GET /api/boards/:id/room/join-link (facilitator and
 *                     display only), and refetches when this marker changes.
 */
import type * as Y from 'yjs'
import { can } from '../auth/roles.ts'
import { type Actor, authorOf, type Author } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { roomOf } from './schema.ts'

export const FOLLOW_AUDIENCES = ['everyone', 'display'] as const
/** Whom the facilitator leads: everyone (participants, observers and the room display) or the room display only. */
export type FollowAudience = (typeof FOLLOW_AUDIENCES)[number]

/** Address parameters a followed place may carry besides its section (History: a snapshot, a compare). */
// open/section/from/to: History's; mode: the interests map or matrix.
export const FOLLOW_PARAMS = ['open', 'section', 'from', 'to', 'mode'] as const
export type FollowParam = (typeof FOLLOW_PARAMS)[number]

export interface Follow {
  /** One leading: a new id each time the facilitator starts leading (people who left follow again). */
  id: string
  /** A board section id (client/board/BoardSections.tsx), e.g. `values`, `history`. */
  section: string
  params: Partial<Record<FollowParam, string>>
  /** A charter heading to show (its index among the charter's headings), or -1 for the top. */
  heading: number
  audience: FollowAudience
  by: Author
  /** ISO 8601, the facilitator's clock (only for display: nothing is computed from it). */
  at: string
}

export type TimerState = 'idle' | 'running' | 'paused'

/** A countdown, in the server's clock (milliseconds since the epoch). */
export interface Timer {
  state: TimerState
  /** What a reset starts from. */
  durationMs: number
  /** running: when it reaches zero (server clock). 0 otherwise. */
  endsAt: number
  /** paused and idle: the time left. */
  remainingMs: number
  /** Play a short soft sound at the end (the facilitator's choice; off by default). */
  sound: boolean
  /** When the server last changed it (server clock): a change clients may announce. */
  changedAt: number
}

export interface JoinLinkMarker {
  /** A join link is registered for the room display. */
  set: boolean
  /** When it last changed (server clock, ms): the display refetches it then. */
  changedAt: number
}

export const TIMER_MAX_MS = 24 * 3_600_000
export const DEFAULT_TIMER_MS = 5 * 60_000

const SECTION_ID = /^[a-z][a-z0-9-]{0,31}$/
const PARAM_VALUE = /^[A-Za-z0-9_-]{1,64}$/
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isMs = (v: unknown, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max
const isAuthorLike = (v: unknown) =>
  isObject(v) && typeof v.personId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v.personId) && typeof v.name === 'string' && v.name.length <= 200

export function isFollow(v: unknown): v is Follow {
  if (!isObject(v)) return false
  const params = v.params
  return typeof v.id === 'string' && PARAM_VALUE.test(v.id) &&
    typeof v.section === 'string' && SECTION_ID.test(v.section) &&
    isObject(params) && Object.entries(params).every(([key, value]) =>
      (FOLLOW_PARAMS as readonly string[]).includes(key) && typeof value === 'string' && PARAM_VALUE.test(value)) &&
    typeof v.heading === 'number' && Number.isInteger(v.heading) && v.heading >= -1 && v.heading < 10_000 &&
    (FOLLOW_AUDIENCES as readonly unknown[]).includes(v.audience) &&
    isAuthorLike(v.by) && typeof v.at === 'string' && v.at.length <= 40
}

export function isTimer(v: unknown): v is Timer {
  return isObject(v) && (['idle', 'running', 'paused'] as unknown[]).includes(v.state) &&
    isMs(v.durationMs, TIMER_MAX_MS) && isMs(v.endsAt) && isMs(v.remainingMs, TIMER_MAX_MS) &&
    typeof v.sound === 'boolean' && isMs(v.changedAt)
}

export function isJoinLinkMarker(v: unknown): v is JoinLinkMarker {
  return isObject(v) && typeof v.set === 'boolean' && isMs(v.changedAt)
}

export const RoomKey = { Follow: 'follow', Timer: 'timer', JoinLink: 'joinLink' } as const

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

export interface RoomState {
  follow: Follow | null
  timer: Timer | null
  joinLink: JoinLinkMarker | null
}

/** The room, each part null when absent or malformed (a board's doc may hold anything: read defensively). */
export function readRoom(doc: Y.Doc): RoomState {
  const room = roomOf(doc)
  const follow = room.get(RoomKey.Follow)
  const timer = room.get(RoomKey.Timer)
  const joinLink = room.get(RoomKey.JoinLink)
  return {
    follow: isFollow(follow) ? follow : null,
    timer: isTimer(timer) ? timer : null,
    joinLink: isJoinLinkMarker(joinLink) ? joinLink : null,
  }
}

/** Whether `role` follows this leading (the facilitator who leads never follows themself). */
export function followsIt(follow: Follow, role: Actor['role'], personId: string): boolean {
  if (follow.by.personId === personId) return false
  return follow.audience === 'everyone' || role === 'display'
}

// ── Writing (the facilitator's client) ─────────────────────────────────────────────────────────

function assertLeads(actor: Actor): void {
  if (!can(actor.role, 'room.lead')) throw new BoardError('forbidden', 'error.facilitator-only', 'Only the facilitator can do this')
}

export interface FollowTarget {
  section: string
  params?: Partial<Record<FollowParam, string>>
  heading?: number
}

/** Only the parameters a followed place may carry, valid ones. */
export function cleanFollowParams(params: Partial<Record<string, string | null>>): Partial<Record<FollowParam, string>> {
  const clean: Partial<Record<FollowParam, string>> = {}
  for (const key of FOLLOW_PARAMS) {
    const value = params[key]
    if (typeof value === 'string' && PARAM_VALUE.test(value)) clean[key] = value
  }
  return clean
}

/**
 * Brings the audience to a place. Keeps the leading's id while the same person leads the same
 * audience (so people who chose to leave stay free), a new one otherwise (`restart`: everyone follows again).
 */
export function leadRoom(doc: Y.Doc, actor: Actor, target: FollowTarget, audience: FollowAudience, { restart = false } = {}): Follow {
  assertLeads(actor)
  if (!SECTION_ID.test(target.section)) throw new BoardError('invalid', 'error.text-required', 'Unknown section')
  const current = readRoom(doc).follow
  const same = !restart && current !== null && current.by.personId === actor.personId && current.audience === audience
  const follow: Follow = {
    id: same ? current.id : newId(),
    section: target.section,
    params: cleanFollowParams(target.params ?? {}),
    heading: Number.isInteger(target.heading) && (target.heading ?? -1) >= -1 ? Math.min(target.heading ?? -1, 9_999) : -1,
    audience,
    by: authorOf(actor),
    at: new Date().toISOString(),
  }
  if (current && same && current.section === follow.section && current.heading === follow.heading &&
    JSON.stringify(current.params) === JSON.stringify(follow.params)) return current
  roomOf(doc).set(RoomKey.Follow, follow)
  return follow
}

/** Nobody leads any more: everyone is free. */
export function stopLeading(doc: Y.Doc, actor: Actor): void {
  assertLeads(actor)
  if (roomOf(doc).has(RoomKey.Follow)) roomOf(doc).delete(RoomKey.Follow)
}

// ── The timer (computed by the server, read by everyone) ─────────────────────────────────────

export type TimerCommand =
  | { action: 'start'; durationMs?: number; sound?: boolean }
  | { action: 'pause'; sound?: boolean }
  | { action: 'reset'; durationMs?: number; sound?: boolean }
  | { action: 'sound'; sound: boolean }

/** Time left at server time `now` (never negative). */
export function timerRemaining(timer: Timer, now: number): number {
  if (timer.state === 'running') return Math.max(0, timer.endsAt - now)
  return timer.remainingMs
}

/** The timer after a command, at server time `now`. */
export function nextTimer(current: Timer | null, command: TimerCommand, now: number): Timer {
  const base: Timer = current ?? { state: 'idle', durationMs: DEFAULT_TIMER_MS, endsAt: 0, remainingMs: DEFAULT_TIMER_MS, sound: false, changedAt: now }
  const sound = command.sound ?? base.sound
  switch (command.action) {
    case 'start': {
      const durationMs = command.durationMs ?? base.durationMs
      // A new duration, or a finished or reset timer, starts from the full duration; a paused one resumes.
      const left = command.durationMs !== undefined || base.state === 'idle' ? durationMs : timerRemaining(base, now)
      const from = left > 0 ? left : durationMs
      return { state: 'running', durationMs, endsAt: now + from, remainingMs: from, sound, changedAt: now }
    }
    case 'pause':
      if (base.state !== 'running') return { ...base, sound, changedAt: now }
      return { ...base, state: 'paused', endsAt: 0, remainingMs: timerRemaining(base, now), sound, changedAt: now }
    case 'reset': {
      const durationMs = command.durationMs ?? base.durationMs
      return { state: 'idle', durationMs, endsAt: 0, remainingMs: durationMs, sound, changedAt: now }
    }
    case 'sound':
      return { ...base, sound, changedAt: now }
  }
}

/** Writes the timer: the server only (server/room/room-service.ts, through the room). */
export function writeTimer(doc: Y.Doc, timer: Timer): void {
  roomOf(doc).set(RoomKey.Timer, timer)
}

/** Records that the room's join link changed (the server only). */
export function writeJoinLinkMarker(doc: Y.Doc, set: boolean, now: number): void {
  roomOf(doc).set(RoomKey.JoinLink, { set, changedAt: now } satisfies JoinLinkMarker)
}

/** "4:05", "1:02:03" for a time left in ms (rounded up: 0:00 only at the end). */
export function formatTimer(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

