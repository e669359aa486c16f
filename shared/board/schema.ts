/**
 * The board document: one Y.Doc per board, synced live and stored as Yjs updates.
 *
 * Top-level names (never spell them elsewhere: use the accessors at the end):
 *
 *   charter    Y.XmlFragment        the partnership charter, Tiptap content (editor/extensions.ts)
 *   partners   Y.Map<Y.Map>         partnerId → PartnerFields
 *   values     Y.Array<Y.Map>       ValueFields, plus `endorsements`: Y.Map partnerId → Stance
 *                                   and `mergedFrom`: Y.Array<MergedValue>
 *   interests  Y.Array<Y.Map>       CardFields: interest and "brings" cards of the interests map
 *   groups     Y.Map<Y.Map>         groupId → GroupFields: named groups of cards on the map
 *   rounds     Y.Map<Y.Map>         roundId → RoundFields (private writing, dot voting), plus
 *                                   `votes`: Y.Map voteId → Vote for a vote round
 *   sessions   Y.Map<Y.Map>         sessionId → SessionFields, plus `agenda`: Y.Array<string>,
 *                                   `attendance`: Y.Map personId → Attendee, `decisions`: Y.Array<Y.Map> (DecisionFields),
 *                                   `notes`: Y.Map agenda item's text → the minutes of that item (string)
 *   deliberations Y.Map             `${snapshotId}/${partnerId}` → Deliberation: each partner's decision on an iteration
 *   meta       Y.Map                MetaFields: board-level facts and facilitator settings
 *   announcements Y.Map             id → Announcement (announcements.ts): restores and reveals told to
 *                                   everyone; written by the server only
 *   room       Y.Map                the room (room.ts): `follow` (follow-me, the facilitator's), `timer` and
 *                                   `joinLink` (the server's, on a facilitator's request)
 *   actionLog  Y.Map                `${actionId}/${entryId}` → ActionChange (actions.ts): each change of an
 *                                   action's status (to do, in progress, done, dropped), who and when; added only
 *   method, methodSteps, diagnoses, impacts, reviews
 *              Y.Map                the method's five phases as a guide (method.ts): current phase and field
 *                                   of cooperation, checklist, per-partner diagnosis and impact grid, charter reviews
 *
 * Rules that keep concurrent edits safe:
 * - Items carry their own random `id`, never reused; references use ids, never positions.
 * - Anything two people may change at once is its own Y.Map entry: one stance per partner in
 *   `endorsements`, one vote per entry in `votes`, one field per property of an item.
 * - List order is an `order` number on each item (order.ts): moving never deletes an item.
 * - Derived facts are never stored: a value's status (values.ts), a group's kind (interests.ts),
 *   vote results (rounds.ts) are computed from the data on every read.
 *
 * Every write goes through the board operations (partners.ts, values.ts, interests.ts, rounds.ts).
 */
import * as Y from 'yjs'
import type { Author } from './actor.ts'

export const BoardKey = {
  Charter: 'charter',
  Partners: 'partners',
  Values: 'values',
  Interests: 'interests',
  Groups: 'groups',
  Rounds: 'rounds',
  Sessions: 'sessions',
  Deliberations: 'deliberations',
  Meta: 'meta',
  Announcements: 'announcements',
  Room: 'room',
  /** The method's guide (method.ts): current phase, checklist, diagnoses, impact grids, reviews. */
  Method: 'method',
  MethodSteps: 'methodSteps',
  Diagnoses: 'diagnoses',
  Impacts: 'impacts',
  Reviews: 'reviews',
  /** Every change of an action's status (actions.ts). */
  ActionLog: 'actionLog',
} as const

export const PARTNER_KINDS = ['association', 'establishment', 'federation', 'public-body', 'funder', 'other'] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export interface PartnerFields {
  id: string
  name: string
  shortName: string
  /** One of PARTNER_PALETTE (partners.ts). */
  color: string
  kind: PartnerKind
  note: string
  createdAt: string
  createdBy: Author
}

export type StanceKind = 'agree' | 'reservation' | 'object' | 'undecided'

/** A partner's stance on a value: stored whole, so a reservation never loses its text. */
export interface Stance {
  kind: StanceKind
  /** Required for 'reservation' (the reservation) and 'object' (the reason). */
  text?: string
  by: Author
  at: string
  /**
   * The value's wording it was given on. Rewording a value makes earlier stances count as "not yet
   * decided" (the partners agreed on other words); they stay stored, so the history keeps them.
   * Absent on stances recorded before this was kept: they count as given on the current wording.
   */
  onText?: string
  /** Recorded by the facilitator on the partner's behalf (what the partner said in the room). */
  onBehalf?: boolean
}

export type ValueStatus = 'open' | 'adopted' | 'contested'

export interface ValueFields {
  id: string
  text: string
  explanation: string
  /** The partner that proposed it (or FACILITATION). */
  partnerId: string
  author: Author
  createdAt: string
  order: number
}

/** What a merged value was, kept on the value it was merged into: nothing silently dropped. */
export interface MergedValue {
  id: string
  text: string
  explanation: string
  partnerId: string
  author: Author
  createdAt: string
  /** Its stances at the time of the merge. */
  stances: Record<string, Stance>
  mergedBy: Author
  mergedAt: string
}

export type CardKind = 'interest' | 'brings'

export interface CardFields {
  id: string
  text: string
  kind: CardKind
  partnerId: string
  author: Author
  createdAt: string
  /** Position on the map, in map units (0..MAP_SIZE). */
  x: number
  y: number
  /** The group it is gathered in, or '' when alone. */
  groupId: string
  /**
   * The private-writing round it was written in ('' otherwise), kept for history. During the round
   * it was a draft kept by the server, out of this document (server/rounds/draft-service.ts); the
   * server adds it here when the facilitator reveals it, with the draft's id.
   */
  roundId: string
}

export interface GroupFields {
  id: string
  name: string
  x: number
  y: number
  createdAt: string
  createdBy: Author
}

export type RoundKind = 'private-writing' | 'dot-vote'
export type RoundStatus = 'open' | 'closed'
/**
 * Private writing: 'open' reveals every draft at once when the facilitator ends the round;
 * 'controlled' puts drafts in the facilitator's inbox, who may reveal them one by one first.
 */
export type RoundMode = 'open' | 'controlled'
export type VoteTarget = 'groups' | 'values'
/** Votes per person, or per partner (everyone speaking for a partner shares its votes). */
export type VoteScope = 'person' | 'partner'

export interface RoundFields {
  id: string
  kind: RoundKind
  status: RoundStatus
  title: string
  startedAt: string
  startedBy: Author
  closedAt: string
  /** Dot vote only. */
  votesPerVoter: number
  scope: VoteScope
  target: VoteTarget
  /** Private writing only (absent on rounds made before modes existed: 'open'). */
  mode?: RoundMode
}

export interface Vote {
  /** personId or partnerId, by the round's scope. */
  voter: string
  targetId: string
  by: Author
  at: string
  /** Cast by the facilitator for a partner (a per-partner vote). */
  onBehalf?: boolean
}

export const SESSION_KINDS = ['steering-committee', 'project-group', 'other'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]
/** The five phases of the method (DOMAIN.md): 1 information and launch … 5 follow-up. */
export const PHASES = [1, 2, 3, 4, 5] as const
export type Phase = (typeof PHASES)[number]

export interface SessionFields {
  id: string
  kind: SessionKind
  title: string
  /** YYYY-MM-DD */
  date: string
  phase: Phase
  startedAt: string
  startedBy: Author
  /** Set when the session ended with its iteration snapshot. */
  endedAt: string
  snapshotId: string
  /**
   * What the compte rendu says of the meeting (sessions.ts, SessionDetails). Absent on sessions made
   * before the compte rendu had them: read as ''.
   */
  place?: string
  /** HH:MM or '' */
  startTime?: string
  endTime?: string
  /** The next meeting: YYYY-MM-DD or '', HH:MM or '', and where. */
  nextDate?: string
  nextTime?: string
  nextPlace?: string
  /** Who the compte rendu goes to (the partners' boards of directors…), free text, one per line. */
  recipients?: string
  /** Whether this meeting approved the previous compte rendu ('' not put to it). */
  previousApproval?: PreviousApproval
  previousApprovalNote?: string
  /**
   * Whether the partners' boards are to deliberate on this session's iteration (phase 4). Absent:
   * from its kind (callsForDeliberationByDefault): a steering committee does, a project group need not.
   */
  callsForDeliberation?: boolean
}

/** A steering committee's iterations go to the partners' boards; a project group's work need not. */
export const callsForDeliberationByDefault = (kind: SessionKind): boolean => kind !== 'project-group'

export const PREVIOUS_APPROVALS = ['', 'approved', 'approved-with-changes', 'postponed'] as const
export type PreviousApproval = (typeof PREVIOUS_APPROVALS)[number]

/** Present, excused (apologised in advance) or absent. */
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]

export interface Attendee {
  /** The key it is filed under in the session's `attendance` map. */
  personId: string
  name: string
  /** '' for someone of no partner (the facilitation, the network's own staff). */
  partnerId: string
  /** Kept equal to `status === 'present'` (readers from before statuses). */
  present: boolean
  /** Absent on records made before statuses: read from `present` (attendanceStatus). */
  status?: AttendanceStatus
  /** Their role or body: administrateur, directeur, salariée, bénévole… ('' or absent: not said). */
  role?: string
  /** 'presence' when taken from who was connected, 'manual' when corrected by hand. */
  source: 'presence' | 'manual'
}

export const attendanceStatus = (a: Pick<Attendee, 'present' | 'status'>): AttendanceStatus =>
  a.status && (ATTENDANCE_STATUSES as readonly string[]).includes(a.status) ? a.status : a.present ? 'present' : 'absent'

export type DecisionKind = 'decision' | 'action'

export interface DecisionFields {
  id: string
  kind: DecisionKind
  text: string
  partnerIds: string[]
  owner: string
  /** YYYY-MM-DD or '' */
  dueDate: string
  author: Author
  createdAt: string
}

export const DELIBERATION_STATUSES = ['pending', 'approved', 'approved-with-reservations', 'amendments-requested', 'rejected'] as const
export type DeliberationStatus = (typeof DELIBERATION_STATUSES)[number]

export interface Deliberation {
  snapshotId: string
  partnerId: string
  status: DeliberationStatus
  /** The body that decided: board of directors, general assembly… */
  body: string
  /** YYYY-MM-DD or '' */
  date: string
  note: string
  /** The text of the resolution the partner's board adopted (absent on deliberations recorded before it was kept). */
  resolution?: string
  by: Author
  at: string
  /** Recorded by the facilitator on the partner's behalf. */
  onBehalf?: boolean
}

export interface MetaFields {
  language: string
  /** Bumped when the charter template changes; tells which template a board started from. */
  templateVersion: number
  /** Facilitator setting: may participants add and edit partners? Default true. */
  participantsEditPartners: boolean
}

/** The map's coordinate space; the view scales it to the screen. */
export const MAP_SIZE = 1000

/** Items are Y.Maps: concurrent edits of different fields of one item merge. */
export type ItemMap = Y.Map<unknown>

export const charterOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(BoardKey.Charter)
export const partnersOf = (doc: Y.Doc): Y.Map<ItemMap> => doc.getMap(BoardKey.Partners)
export const valuesOf = (doc: Y.Doc): Y.Array<ItemMap> => doc.getArray(BoardKey.Values)
export const interestsOf = (doc: Y.Doc): Y.Array<ItemMap> => doc.getArray(BoardKey.Interests)
export const groupsOf = (doc: Y.Doc): Y.Map<ItemMap> => doc.getMap(BoardKey.Groups)
export const roundsOf = (doc: Y.Doc): Y.Map<ItemMap> => doc.getMap(BoardKey.Rounds)
export const sessionsOf = (doc: Y.Doc): Y.Map<ItemMap> => doc.getMap(BoardKey.Sessions)
export const deliberationsOf = (doc: Y.Doc): Y.Map<Deliberation> => doc.getMap(BoardKey.Deliberations)
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(BoardKey.Meta)
export const announcementsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(BoardKey.Announcements)
export const roomOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(BoardKey.Room)

/** Reads the plain fields of an item map (nested Y types are left out). */
export function fieldsOf<T>(item: ItemMap): T {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of item.entries()) {
    if (!(value instanceof Y.AbstractType)) fields[key] = value
  }
  return fields as T
}

/** A new item map with the given plain fields (nested Y types are added by the caller). */
export function itemMap(fields: object): ItemMap {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}
