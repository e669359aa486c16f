/**
 * What each place of the board document may hold, at run time: the same schema as schema.ts's
 * types, as data the server's write guard checks every update against before committing it (so a
 * `partners.x = "string"` or an unknown top-level name never reaches the disk). The charter's
 * content is checked against the Tiptap schema instead (editor/charter-rules.ts).
 *
 * Limits are generous where the operations already clean input (they are the honest client's
 * rules); they only stop what would break readers: wrong kinds, missing ids, megabyte strings.
 */
import { ATTENDANCE_STATUSES, BoardKey, DELIBERATION_STATUSES, PARTNER_KINDS, PHASES, PREVIOUS_APPROVALS, SESSION_KINDS } from './schema.ts'
import { isAnnouncement } from './announcements.ts'
import { ACTION_STATUSES } from './actions.ts'
import { isFollow, isJoinLinkMarker, isTimer } from './room.ts'
import { COOPERATION_FORMS, DIAGNOSIS_FIELDS, IMPACT_AREAS, INDICATOR_MAX, STEP_IDS, isImpactRating } from './method.ts'

export type Shape =
  /** A Y.Map whose keys are known, each with its own shape. */
  | { kind: 'record'; fields: Readonly<Record<string, Shape>> }
  /** A Y.Map of any keys matching `key`, all of one shape. */
  | { kind: 'map'; key: RegExp; of: Shape }
  /** A Y.Array, all elements of one shape. */
  | { kind: 'list'; of: Shape }
  /** A plain value (a JSON value stored as is). */
  | { kind: 'json'; valid: (value: unknown) => boolean }
  /** Tiptap content (a Y.XmlFragment). */
  | { kind: 'charter' }

/** Ids are ours (ids.ts) or imported: short, URL-safe. */
const ID = /^[A-Za-z0-9_-]{1,64}$/
/** Deliberation keys: `${snapshotId}/${partnerId}`. */
const DELIBERATION_KEY = /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/
/** Any text a person typed is cut far above what the operations allow. */
const TEXT_MAX = 10_000

const json = (valid: (value: unknown) => boolean): Shape => ({ kind: 'json', valid })
const record = (fields: Record<string, Shape>): Shape => ({ kind: 'record', fields })

const isText = (max = TEXT_MAX) => (v: unknown) => typeof v === 'string' && v.length <= max
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
const isOneOf = (values: readonly unknown[]) => (v: unknown) => values.includes(v)
const isId = (v: unknown) => typeof v === 'string' && ID.test(v)
const isDateOrEmpty = (v: unknown) => typeof v === 'string' && (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v))
const isTimeOrEmpty = (v: unknown) => typeof v === 'string' && v.length <= 40
/** A time of day (HH:MM) or ''. */
const isClockOrEmpty = (v: unknown) => typeof v === 'string' && (v === '' || /^\d{2}:\d{2}$/.test(v))

export const isAuthor = (v: unknown): v is { personId: string; name: string } =>
  isObject(v) && isId(v.personId) && isText(200)(v.name)

const isStance = (v: unknown) =>
  isObject(v) && isOneOf(['agree', 'reservation', 'object', 'undecided'])(v.kind) && isAuthor(v.by) && isTimeOrEmpty(v.at) &&
  (v.text === undefined || isText(TEXT_MAX)(v.text)) && (v.onText === undefined || isText(TEXT_MAX)(v.onText)) &&
  (v.onBehalf === undefined || typeof v.onBehalf === 'boolean')

const isMergedValue = (v: unknown) =>
  isObject(v) && isId(v.id) && isText()(v.text) && isText()(v.explanation) && typeof v.partnerId === 'string' && isAuthor(v.author) &&
  isObject(v.stances) && Object.values(v.stances).every(isStance) && isAuthor(v.mergedBy)

const isVote = (v: unknown) =>
  isObject(v) && typeof v.voter === 'string' && v.voter.length <= 64 && isId(v.targetId) && isAuthor(v.by) && isTimeOrEmpty(v.at) &&
  (v.onBehalf === undefined || typeof v.onBehalf === 'boolean')

const isAttendee = (v: unknown) =>
  isObject(v) && typeof v.personId === 'string' && v.personId.length <= 64 && isText(200)(v.name) && typeof v.partnerId === 'string' &&
  typeof v.present === 'boolean' && isOneOf(['presence', 'manual'])(v.source) &&
  (v.status === undefined || isOneOf(ATTENDANCE_STATUSES)(v.status)) && (v.role === undefined || isText(200)(v.role))

const isDeliberation = (v: unknown) =>
  isObject(v) && isId(v.snapshotId) && isId(v.partnerId) && isOneOf(DELIBERATION_STATUSES)(v.status) && isText(200)(v.body) &&
  isDateOrEmpty(v.date) && isText()(v.note) && isAuthor(v.by) && isTimeOrEmpty(v.at) &&
  (v.onBehalf === undefined || typeof v.onBehalf === 'boolean') && (v.resolution === undefined || isText()(v.resolution))

/** One change of an action's status (actions.ts). */
const isActionChange = (v: unknown) =>
  isObject(v) && isId(v.actionId) && isOneOf(ACTION_STATUSES)(v.status) && isAuthor(v.by) && isTimeOrEmpty(v.at) &&
  (v.sessionId === '' || isId(v.sessionId))
/** Action log keys: `${actionId}/${entryId}`. */
const ACTION_LOG_KEY = /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/

const ITEM_BASE = { id: json(isId), createdAt: json(isTimeOrEmpty) }
const POSITION = { x: json(isNumber), y: json(isNumber) }

export const PARTNER_SHAPE = record({
  ...ITEM_BASE,
  name: json(isText(200)), shortName: json(isText(40)), color: json(isText(20)), kind: json(isOneOf(PARTNER_KINDS)),
  note: json(isText()), createdBy: json(isAuthor),
})

export const VALUE_SHAPE = record({
  ...ITEM_BASE,
  text: json(isText(1_000)), explanation: json(isText()), partnerId: json(isText(64)), author: json(isAuthor), order: json(isNumber),
  endorsements: { kind: 'map', key: ID, of: json(isStance) },
  mergedFrom: { kind: 'list', of: json(isMergedValue) },
})

export const CARD_SHAPE = record({
  ...ITEM_BASE, ...POSITION,
  text: json(isText(1_000)), kind: json(isOneOf(['interest', 'brings'])), partnerId: json(isText(64)), author: json(isAuthor),
  groupId: json((v) => v === '' || isId(v)), roundId: json((v) => v === '' || isId(v)),
})

export const GROUP_SHAPE = record({ ...ITEM_BASE, ...POSITION, name: json(isText(500)), createdBy: json(isAuthor) })

export const ROUND_SHAPE = record({
  id: json(isId), kind: json(isOneOf(['private-writing', 'dot-vote'])), status: json(isOneOf(['open', 'closed'])),
  title: json(isText(500)), startedAt: json(isTimeOrEmpty), startedBy: json(isAuthor), closedAt: json(isTimeOrEmpty),
  votesPerVoter: json((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100),
  scope: json(isOneOf(['person', 'partner'])), target: json(isOneOf(['groups', 'values'])),
  mode: json(isOneOf(['open', 'controlled'])),
  votes: { kind: 'map', key: ID, of: json(isVote) },
})

export const DECISION_SHAPE = record({
  ...ITEM_BASE,
  kind: json(isOneOf(['decision', 'action'])), text: json(isText()),
  partnerIds: json((v) => Array.isArray(v) && v.length <= 100 && v.every(isId)),
  owner: json(isText(200)), dueDate: json(isDateOrEmpty), author: json(isAuthor),
})

export const SESSION_SHAPE = record({
  id: json(isId), kind: json(isOneOf(SESSION_KINDS)), title: json(isText(500)), date: json(isDateOrEmpty),
  phase: json(isOneOf(PHASES)), startedAt: json(isTimeOrEmpty), startedBy: json(isAuthor),
  endedAt: json(isTimeOrEmpty), snapshotId: json((v) => v === '' || isId(v)),
  agenda: { kind: 'list', of: json(isText(1_000)) },
  attendance: { kind: 'map', key: /^[A-Za-z0-9_-]{1,64}$/, of: json(isAttendee) },
  decisions: { kind: 'list', of: DECISION_SHAPE },
  // The compte rendu's (sessions.ts, SessionDetails).
  place: json(isText(1_000)), startTime: json(isClockOrEmpty), endTime: json(isClockOrEmpty),
  nextDate: json(isDateOrEmpty), nextTime: json(isClockOrEmpty), nextPlace: json(isText(1_000)),
  recipients: json(isText()), previousApproval: json(isOneOf(PREVIOUS_APPROVALS)), previousApprovalNote: json(isText()),
  // Minutes per agenda item, filed under the item's text.
  notes: { kind: 'map', key: /^[^\u0000]{1,1000}$/, of: json(isText()) },
  // Phase 4: whether the partners' boards deliberate on its iteration (absent: from its kind).
  callsForDeliberation: json((v) => typeof v === 'boolean'),
})

export const META_SHAPE = record({
  language: json(isText(10)),
  templateVersion: json(isNumber),
  participantsEditPartners: json((v) => typeof v === 'boolean'),
})

// The method's guide (method.ts).
export const METHOD_SHAPE = record({
  phase: json(isOneOf(PHASES)), field: json(isText()), formWhy: json(isText()), form: json(isOneOf(COOPERATION_FORMS)),
  fieldGroups: json((v) => Array.isArray(v) && v.length <= 200 && v.every(isId)),
})
const isStepCheck = (v: unknown) => isObject(v) && typeof v.done === 'boolean' && isAuthor(v.by) && isTimeOrEmpty(v.at)
const STEP_KEY = new RegExp(`^(${STEP_IDS.join('|')})$`)
/** `${partnerId}/project` … → text; `${partnerId}/shared` → boolean. */
const DIAGNOSIS_KEY = new RegExp(`^[A-Za-z0-9_-]{1,64}/(${DIAGNOSIS_FIELDS.join('|')}|shared)$`)
const IMPACT_KEY = new RegExp(`^[A-Za-z0-9_-]{1,64}/(${IMPACT_AREAS.join('|')})$`)
const isIndicator = (v: unknown) => isObject(v) && isText(300)(v.name) && isText(300)(v.target) && isText(300)(v.value)
const isReview = (v: unknown) =>
  isObject(v) && isId(v.id) && isDateOrEmpty(v.date) && isText()(v.conclusion) && Array.isArray(v.indicators) &&
  v.indicators.length <= INDICATOR_MAX && v.indicators.every(isIndicator) && isAuthor(v.by) && isTimeOrEmpty(v.at)

/** Every top-level name of the board and its shape; any other name is refused. */
export const BOARD_SHAPE: Readonly<Record<string, Shape>> = {
  [BoardKey.Charter]: { kind: 'charter' },
  [BoardKey.Partners]: { kind: 'map', key: ID, of: PARTNER_SHAPE },
  [BoardKey.Values]: { kind: 'list', of: VALUE_SHAPE },
  [BoardKey.Interests]: { kind: 'list', of: CARD_SHAPE },
  [BoardKey.Groups]: { kind: 'map', key: ID, of: GROUP_SHAPE },
  [BoardKey.Rounds]: { kind: 'map', key: ID, of: ROUND_SHAPE },
  [BoardKey.Sessions]: { kind: 'map', key: ID, of: SESSION_SHAPE },
  [BoardKey.Deliberations]: { kind: 'map', key: DELIBERATION_KEY, of: json(isDeliberation) },
  [BoardKey.Meta]: META_SHAPE,
  // Written by the server only (write-guard.ts refuses every client write there).
  [BoardKey.Announcements]: { kind: 'map', key: ID, of: json(isAnnouncement) },
  [BoardKey.Room]: record({ follow: json(isFollow), timer: json(isTimer), joinLink: json(isJoinLinkMarker) }),
  [BoardKey.Method]: METHOD_SHAPE,
  [BoardKey.MethodSteps]: { kind: 'map', key: STEP_KEY, of: json(isStepCheck) },
  [BoardKey.Diagnoses]: { kind: 'map', key: DIAGNOSIS_KEY, of: json((v) => typeof v === 'boolean' || isText()(v)) },
  [BoardKey.Impacts]: { kind: 'map', key: IMPACT_KEY, of: json(isImpactRating) },
  [BoardKey.Reviews]: { kind: 'map', key: ID, of: json(isReview) },
  [BoardKey.ActionLog]: { kind: 'map', key: ACTION_LOG_KEY, of: json(isActionChange) },
}

/** The shape of a child of `shape` at `key` (a record's field, a map's entry), or null when nothing may be there. */
export function childShape(shape: Shape, key: string | null): Shape | null {
  switch (shape.kind) {
    case 'record':
      return key !== null && Object.hasOwn(shape.fields, key) ? shape.fields[key]! : null
    case 'map':
      return key !== null && shape.key.test(key) ? shape.of : null
    case 'list':
      return key === null ? shape.of : null
    default:
      return null
  }
}
