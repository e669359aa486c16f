/**
 * The method (DOMAIN.md, "five phases"), as a guide that never locks: the board's current phase, a
 * checklist of each phase's steps, phase 2's strategic diagnosis per partner and field of
 * cooperation, phase 3's impact grid per partner, phase 5's periodic reviews of the charter.
 * Nothing here gates anything else: any phase can be opened, ticked or revisited at any time.
 *
 * Stored flat, so that concurrent edits merge field by field and no nested container is ever
 * created by two people at once (schema.ts):
 *   method       Y.Map   MethodFields: `phase`, and the field of cooperation (`field`, `fieldGroups`, `form`, `formWhy`)
 *   methodSteps  Y.Map   stepId → StepCheck
 *   diagnoses    Y.Map   `${partnerId}/${DiagnosisField}` → string, `${partnerId}/shared` → boolean
 *   impacts      Y.Map   `${partnerId}/${ImpactArea}` → ImpactRating
 *   reviews      Y.Map   reviewId → CharterReview
 *
 * Who writes what (shared/auth/roles.ts): the phase and reviews the facilitator; steps and the field
 * of cooperation any editor; a partner's diagnosis and impact grid only a link bound to that partner,
 * or the facilitator on its behalf.
 *
 * Privacy of a diagnosis before it is shared: it is not in the board document at all. The server
 * keeps it (server/method/diagnosis-service.ts, like private-writing drafts), read and written over
 * REST by that partner's bound links and the facilitator only. Sharing moves its text into the
 * document (`publishDiagnosis`) in one server change; taking it back moves the current text back to
 * the server and out of the document (`withdrawDiagnosis`). The `shared` flag is the server's alone,
 * and the write guard refuses diagnosis text for a partner whose diagnosis is not shared. Once
 * shared, its fields are co-edited live in the document with `setDiagnosisField`.
 */
import * as Y from 'yjs'
import { type Actor, authorOf, type Author } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { listGroups, type GroupView } from './interests.ts'
import { assertCanEdit, assertFacilitator, assertSpeaksFor, cleanText, mayActFor } from './permissions.ts'
import { BoardKey, PHASES, type Phase } from './schema.ts'

// ── Vocabulary ───────────────────────────────────────────────────────────────────────────────

/** Each phase's steps, in order (their words: shared/i18n/method-terms.ts). Ids are stored: never rename one. */
export const PHASE_STEPS: Readonly<Record<Phase, readonly string[]>> = {
  1: ['meet-actors', 'present-approach', 'mandate-bodies', 'calendar'],
  2: ['diagnosis', 'interests-map', 'field', 'form'],
  3: ['impact-grid', 'impact-summary', 'inform-staff', 'charter-draft'],
  4: ['informed-deliberation', 'charter-signed', 'acts-formalities'],
  5: ['follow-actions', 'charter-review', 'indicators'],
}

export const STEP_IDS: readonly string[] = PHASES.flatMap((p) => PHASE_STEPS[p])

export const DIAGNOSIS_FIELDS = ['project', 'strengths', 'constraints', 'expectations'] as const
export type DiagnosisField = (typeof DIAGNOSIS_FIELDS)[number]

export const IMPACT_AREAS = ['associative-life', 'governance', 'human-resources', 'finances', 'quality-of-service'] as const
export type ImpactArea = (typeof IMPACT_AREAS)[number]

/** 0 none, 1 low, 2 moderate, 3 strong. */
export const IMPACT_LEVELS = [0, 1, 2, 3] as const
export type ImpactLevel = (typeof IMPACT_LEVELS)[number]

/** From light to heavy (DOMAIN.md, "forms of cooperation"); '' not chosen yet. */
export const COOPERATION_FORMS = [
  '', 'informal-collective', 'partnership-charter', 'agreement', 'joint-action', 'pooling', 'new-association',
  'employers-group', 'gcsms', 'merger', 'other',
] as const
export type CooperationForm = (typeof COOPERATION_FORMS)[number]

export const DIAGNOSIS_MAX = 5_000
export const FIELD_MAX = 5_000
export const IMPACT_NOTE_MAX = 2_000
export const INDICATOR_MAX = 20

// ── Stored shapes ────────────────────────────────────────────────────────────────────────────

export interface MethodFields {
  phase: Phase
  /** The field of cooperation, in words. */
  field: string
  /** The groups of the interests map it is drawn from (convergent and complementary ones). */
  fieldGroups: string[]
  form: CooperationForm
  formWhy: string
}

export interface StepCheck {
  done: boolean
  by: Author
  at: string
}

export interface ImpactRating {
  level: ImpactLevel
  /** How it affects this area. */
  note: string
  risks: string
}

export interface Indicator {
  name: string
  /** What the partners aim for. */
  target: string
  /** Where it stands at this review. */
  value: string
}

export interface CharterReview {
  id: string
  /** YYYY-MM-DD */
  date: string
  /** What the review concluded: the charter kept, amended… */
  conclusion: string
  indicators: Indicator[]
  by: Author
  at: string
}

export const methodOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(BoardKey.Method)
export const methodStepsOf = (doc: Y.Doc): Y.Map<StepCheck> => doc.getMap(BoardKey.MethodSteps)
export const diagnosesOf = (doc: Y.Doc): Y.Map<string | boolean> => doc.getMap(BoardKey.Diagnoses)
export const impactsOf = (doc: Y.Doc): Y.Map<ImpactRating> => doc.getMap(BoardKey.Impacts)
export const reviewsOf = (doc: Y.Doc): Y.Map<CharterReview> => doc.getMap(BoardKey.Reviews)

export const diagnosisKey = (partnerId: string, field: DiagnosisField | 'shared') => `${partnerId}/${field}`
export const impactKey = (partnerId: string, area: ImpactArea) => `${partnerId}/${area}`

// ── Views (what readers, exports and the UI use) ─────────────────────────────────────────────

export interface Diagnosis {
  partnerId: string
  project: string
  strengths: string
  constraints: string
  expectations: string
  shared: boolean
}

export interface ImpactGrid {
  partnerId: string
  ratings: Record<ImpactArea, ImpactRating>
}

export interface MethodView extends MethodFields {
  steps: Record<string, StepCheck>
  diagnoses: Diagnosis[]
  impacts: ImpactGrid[]
  reviews: CharterReview[]
}

export const EMPTY_METHOD: MethodView = {
  phase: 1, field: '', fieldGroups: [], form: '', formWhy: '', steps: {}, diagnoses: [], impacts: [], reviews: [],
}

const NO_RATING: ImpactRating = { level: 0, note: '', risks: '' }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const s = (v: unknown) => (typeof v === 'string' ? v : '')

export const isImpactRating = (v: unknown): v is ImpactRating =>
  isObj(v) && (IMPACT_LEVELS as readonly unknown[]).includes(v.level) && typeof v.note === 'string' && v.note.length <= IMPACT_NOTE_MAX * 2 &&
  typeof v.risks === 'string' && v.risks.length <= IMPACT_NOTE_MAX * 2

function rating(v: unknown): ImpactRating {
  if (!isObj(v)) return NO_RATING
  return { level: (IMPACT_LEVELS as readonly unknown[]).includes(v.level) ? (v.level as ImpactLevel) : 0, note: s(v.note), risks: s(v.risks) }
}

function review(v: unknown): CharterReview | null {
  if (!isObj(v) || typeof v.id !== 'string') return null
  const by = isObj(v.by) ? { personId: s(v.by.personId), name: s(v.by.name) } : { personId: '', name: '' }
  const indicators = Array.isArray(v.indicators)
    ? v.indicators.filter(isObj).map((i) => ({ name: s(i.name), target: s(i.target), value: s(i.value) }))
    : []
  return { id: v.id, date: s(v.date), conclusion: s(v.conclusion), indicators, by, at: s(v.at) }
}

/** The method as plain data: every partner of `partnerIds` gets a diagnosis and a grid (empty when not written). */
export function readMethod(doc: Y.Doc, partnerIds: readonly string[]): MethodView {
  const method = methodOf(doc)
  const phase = method.get('phase')
  const form = method.get('form')
  const groups = method.get('fieldGroups')
  const steps: Record<string, StepCheck> = {}
  for (const [id, check] of methodStepsOf(doc).entries()) {
    if (isObj(check) && typeof check.done === 'boolean') steps[id] = { done: check.done, by: isObj(check.by) ? { personId: s(check.by.personId), name: s(check.by.name) } : { personId: '', name: '' }, at: s(check.at) }
  }
  const diagnoses = diagnosesOf(doc)
  const impacts = impactsOf(doc)
  return {
    phase: (PHASES as readonly unknown[]).includes(phase) ? (phase as Phase) : 1,
    field: s(method.get('field')),
    fieldGroups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    form: (COOPERATION_FORMS as readonly unknown[]).includes(form) ? (form as CooperationForm) : '',
    formWhy: s(method.get('formWhy')),
    steps,
    diagnoses: partnerIds.map((partnerId) => ({
      partnerId,
      ...(Object.fromEntries(DIAGNOSIS_FIELDS.map((f) => [f, s(diagnoses.get(diagnosisKey(partnerId, f)))])) as Record<DiagnosisField, string>),
      shared: diagnoses.get(diagnosisKey(partnerId, 'shared')) === true,
    })),
    impacts: partnerIds.map((partnerId) => ({
      partnerId,
      ratings: Object.fromEntries(IMPACT_AREAS.map((area) => [area, rating(impacts.get(impactKey(partnerId, area)))])) as Record<ImpactArea, ImpactRating>,
    })),
    reviews: [...reviewsOf(doc).values()].map(review).filter((r): r is CharterReview => r !== null)
      .sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at)),
  }
}

/** Makes plain JSON (a snapshot's `method`, possibly from an older or hostile writer) a MethodView. */
export function repairMethod(v: unknown): MethodView {
  if (!isObj(v)) return EMPTY_METHOD
  const doc = new Y.Doc()
  // Reuse readMethod's coercions on a scratch doc: one definition of what is valid.
  doc.transact(() => {
    const method = methodOf(doc)
    for (const key of ['phase', 'field', 'fieldGroups', 'form', 'formWhy'] as const) if (v[key] !== undefined) method.set(key, v[key])
    if (isObj(v.steps)) for (const [id, check] of Object.entries(v.steps)) methodStepsOf(doc).set(id, check as StepCheck)
    for (const d of Array.isArray(v.diagnoses) ? v.diagnoses.filter(isObj) : []) {
      for (const f of DIAGNOSIS_FIELDS) diagnosesOf(doc).set(diagnosisKey(s(d.partnerId), f), s(d[f]))
      diagnosesOf(doc).set(diagnosisKey(s(d.partnerId), 'shared'), d.shared === true)
    }
    for (const g of Array.isArray(v.impacts) ? v.impacts.filter(isObj) : []) {
      for (const area of IMPACT_AREAS) impactsOf(doc).set(impactKey(s(g.partnerId), area), rating(isObj(g.ratings) ? g.ratings[area] : null))
    }
    for (const r of Array.isArray(v.reviews) ? v.reviews : []) {
      const fixed = review(r)
      if (fixed) reviewsOf(doc).set(fixed.id, fixed)
    }
  })
  const ids = [
    ...(Array.isArray(v.diagnoses) ? v.diagnoses.filter(isObj).map((d) => s(d.partnerId)) : []),
    ...(Array.isArray(v.impacts) ? v.impacts.filter(isObj).map((g) => s(g.partnerId)) : []),
  ]
  const view = readMethod(doc, [...new Set(ids)])
  doc.destroy()
  return view
}

/** A step's state: done or not. */
export const isStepDone = (method: Pick<MethodView, 'steps'>, stepId: string): boolean => method.steps[stepId]?.done === true

/** How far each phase's checklist is: done / total. */
export function phaseProgress(method: Pick<MethodView, 'steps'>, phase: Phase): { done: number; total: number } {
  const steps = PHASE_STEPS[phase]
  return { done: steps.filter((id) => isStepDone(method, id)).length, total: steps.length }
}

/** The groups the field of cooperation may be drawn from: convergent and complementary ones. */
export const fieldCandidates = (groups: readonly GroupView[]): GroupView[] =>
  groups.filter((g) => g.kind === 'convergent' || g.kind === 'complementary')

/**
 * Where the impact concentrates: each area's total over the partners' grids (and the partners
 * rating it strong), highest first; areas nobody rated above 0 are left out.
 */
export function impactSummary(grids: readonly ImpactGrid[]): { area: ImpactArea; total: number; strong: string[]; risks: number }[] {
  return IMPACT_AREAS.map((area) => ({
    area,
    total: grids.reduce((sum, g) => sum + g.ratings[area].level, 0),
    strong: grids.filter((g) => g.ratings[area].level === 3).map((g) => g.partnerId),
    risks: grids.filter((g) => g.ratings[area].risks.trim() !== '').length,
  }))
    .filter((row) => row.total > 0)
    .sort((a, b) => b.total - a.total || IMPACT_AREAS.indexOf(a.area) - IMPACT_AREAS.indexOf(b.area))
}

/** Diagnoses others may read: shared ones, and the one of the partner the reader acts for. */
export const visibleDiagnoses = (method: Pick<MethodView, 'diagnoses'>, actor: Actor | null): Diagnosis[] =>
  method.diagnoses.filter((d) => d.shared || (actor !== null && mayActFor(actor, d.partnerId)))

// ── Operations ───────────────────────────────────────────────────────────────────────────────

/** The board's current phase (facilitator). Revisiting an earlier phase is just setting it again. */
export function setPhase(doc: Y.Doc, actor: Actor, phase: Phase): void {
  assertFacilitator(actor)
  if (!PHASES.includes(phase)) throw new BoardError('invalid', 'error.invalid', 'Unknown phase')
  if (methodOf(doc).get('phase') !== phase) methodOf(doc).set('phase', phase)
}

/** Ticks or unticks a step of any phase (any editor). */
export function checkStep(doc: Y.Doc, actor: Actor, stepId: string, done: boolean): void {
  assertCanEdit(actor)
  if (!STEP_IDS.includes(stepId)) throw new BoardError('invalid', 'error.invalid', 'Unknown step')
  methodStepsOf(doc).set(stepId, { done, by: authorOf(actor), at: new Date().toISOString() })
}

/** The field of cooperation, the groups it is drawn from, the chosen form and why (any editor). */
export function setCooperationField(doc: Y.Doc, actor: Actor, input: Partial<Omit<MethodFields, 'phase'>>): void {
  assertCanEdit(actor)
  if (input.form !== undefined && !COOPERATION_FORMS.includes(input.form)) throw new BoardError('invalid', 'error.invalid', 'Unknown form')
  const method = methodOf(doc)
  doc.transact(() => {
    if (input.field !== undefined) method.set('field', cleanText(input.field, FIELD_MAX, { required: false }))
    if (input.formWhy !== undefined) method.set('formWhy', cleanText(input.formWhy, FIELD_MAX, { required: false }))
    if (input.form !== undefined) method.set('form', input.form)
    if (input.fieldGroups !== undefined) method.set('fieldGroups', [...new Set(input.fieldGroups)].slice(0, 200))
  })
}

/**
 * One field of a partner's shared strategic diagnosis, co-edited live (by that partner's bound link,
 * or the facilitator). While not shared it is written over REST instead: the server refuses it here.
 */
export function setDiagnosisField(doc: Y.Doc, actor: Actor, partnerId: string, field: DiagnosisField, text: string): void {
  assertSpeaksFor(actor, partnerId)
  if (!DIAGNOSIS_FIELDS.includes(field)) throw new BoardError('invalid', 'error.invalid', 'Unknown field')
  const value = cleanText(text, DIAGNOSIS_MAX, { required: false })
  if (diagnosesOf(doc).get(diagnosisKey(partnerId, field)) !== value) diagnosesOf(doc).set(diagnosisKey(partnerId, field), value)
}

/**
 * Sets the `shared` flag (a server change only: the write guard refuses it from any client; see
 * publishDiagnosis and withdrawDiagnosis for what sharing moves).
 */
export function shareDiagnosis(doc: Y.Doc, actor: Actor, partnerId: string, shared: boolean): void {
  assertSpeaksFor(actor, partnerId)
  diagnosesOf(doc).set(diagnosisKey(partnerId, 'shared'), shared)
}

/** A diagnosis's four texts, without its partner or flag. */
export type DiagnosisText = Record<DiagnosisField, string>

export const EMPTY_DIAGNOSIS_TEXT: DiagnosisText = { project: '', strengths: '', constraints: '', expectations: '' }

export const isDiagnosisShared = (doc: Y.Doc, partnerId: string): boolean => diagnosesOf(doc).get(diagnosisKey(partnerId, 'shared')) === true

/** A partner's texts as the document holds them ('' where absent). */
export const diagnosisTextOf = (doc: Y.Doc, partnerId: string): DiagnosisText =>
  Object.fromEntries(DIAGNOSIS_FIELDS.map((f) => [f, s(diagnosesOf(doc).get(diagnosisKey(partnerId, f)))])) as DiagnosisText

/** Server change: the partner's text goes into the document and is shared, in one transaction. */
export function publishDiagnosis(doc: Y.Doc, partnerId: string, text: DiagnosisText): void {
  doc.transact(() => {
    for (const f of DIAGNOSIS_FIELDS) diagnosesOf(doc).set(diagnosisKey(partnerId, f), cleanText(text[f], DIAGNOSIS_MAX, { required: false }))
    diagnosesOf(doc).set(diagnosisKey(partnerId, 'shared'), true)
  })
}

/** Server change: the partner's text leaves the document (the caller keeps it first), flagged not shared. */
export function withdrawDiagnosis(doc: Y.Doc, partnerId: string): void {
  doc.transact(() => {
    for (const f of DIAGNOSIS_FIELDS) diagnosesOf(doc).delete(diagnosisKey(partnerId, f))
    diagnosesOf(doc).set(diagnosisKey(partnerId, 'shared'), false)
  })
}

/**
 * Text of diagnoses not shared that a document holds (boards stored before diagnoses were kept by
 * the server, old snapshots), by partner id; non-empty texts only.
 */
export function unsharedDiagnosisTexts(doc: Y.Doc): Map<string, DiagnosisText> {
  const found = new Map<string, DiagnosisText>()
  for (const [key, value] of diagnosesOf(doc).entries()) {
    const slash = key.lastIndexOf('/')
    const partnerId = key.slice(0, slash)
    const field = key.slice(slash + 1)
    if (!(DIAGNOSIS_FIELDS as readonly string[]).includes(field) || isDiagnosisShared(doc, partnerId)) continue
    if (typeof value !== 'string' || value === '') continue
    found.set(partnerId, { ...(found.get(partnerId) ?? EMPTY_DIAGNOSIS_TEXT), [field]: value })
  }
  return found
}

/** Removes from the document the text of every diagnosis not shared (the flags stay). */
export function stripUnsharedDiagnoses(doc: Y.Doc): void {
  const partners = [...unsharedDiagnosisTexts(doc).keys()]
  if (partners.length === 0) return
  doc.transact(() => {
    for (const partnerId of partners) for (const f of DIAGNOSIS_FIELDS) diagnosesOf(doc).delete(diagnosisKey(partnerId, f))
  })
}

/** One row of a partner's impact grid: its level, how, and the risks. */
export function rateImpact(doc: Y.Doc, actor: Actor, partnerId: string, area: ImpactArea, input: Partial<ImpactRating>): void {
  assertSpeaksFor(actor, partnerId)
  if (!IMPACT_AREAS.includes(area)) throw new BoardError('invalid', 'error.invalid', 'Unknown area')
  if (input.level !== undefined && !IMPACT_LEVELS.includes(input.level)) throw new BoardError('invalid', 'error.invalid', 'Unknown level')
  const before = rating(impactsOf(doc).get(impactKey(partnerId, area)))
  const next: ImpactRating = {
    level: input.level ?? before.level,
    note: input.note !== undefined ? cleanText(input.note, IMPACT_NOTE_MAX, { required: false }) : before.note,
    risks: input.risks !== undefined ? cleanText(input.risks, IMPACT_NOTE_MAX, { required: false }) : before.risks,
  }
  if (JSON.stringify(next) !== JSON.stringify(before) || !impactsOf(doc).has(impactKey(partnerId, area))) impactsOf(doc).set(impactKey(partnerId, area), next)
}

/** A periodic review of the charter with the indicators the partners chose (facilitator). */
export function addCharterReview(doc: Y.Doc, actor: Actor, input: { date: string; conclusion: string; indicators: Indicator[] }): string {
  assertFacilitator(actor)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date))) throw new BoardError('invalid', 'error.date', 'Give a date')
  const indicators = input.indicators
    .map((i) => ({ name: cleanText(i.name, 300, { required: false }), target: cleanText(i.target, 300, { required: false }), value: cleanText(i.value, 300, { required: false }) }))
    .filter((i) => i.name)
    .slice(0, INDICATOR_MAX)
  const id = newId()
  reviewsOf(doc).set(id, { id, date: input.date, conclusion: cleanText(input.conclusion, FIELD_MAX, { required: false }), indicators, by: authorOf(actor), at: new Date().toISOString() })
  return id
}

export function removeCharterReview(doc: Y.Doc, actor: Actor, reviewId: string): void {
  assertFacilitator(actor)
  reviewsOf(doc).delete(reviewId)
}

/** The groups of the map, for the field of cooperation. */
export const mapGroups = (doc: Y.Doc): GroupView[] => listGroups(doc)
