/**
 * What changed in the method's guide (method.ts) between two states of a board, in terms a reader
 * follows: the current phase, steps ticked or unticked, the field of cooperation and its form, the
 * diagnoses a partner shared or took back, impact levels, reviews of the charter added.
 *
 * A diagnosis's words never appear here: compare is served to every token of the board, and an
 * unshared diagnosis is not for other partners. Only which fields of a diagnosis shared on both
 * sides changed.
 */
import type { Phase } from './schema.ts'
import {
  DIAGNOSIS_FIELDS, EMPTY_METHOD, IMPACT_AREAS, isStepDone, type CharterReview, type CooperationForm, type DiagnosisField,
  type ImpactArea, type ImpactLevel, type MethodView,
} from './method.ts'

export interface MethodDiff {
  phase: { before: Phase; after: Phase } | null
  steps: { id: string; done: boolean }[]
  field: { before: string; after: string } | null
  fieldGroups: { added: string[]; removed: string[] }
  form: { before: CooperationForm; after: CooperationForm } | null
  formWhy: { before: string; after: string } | null
  /** Partners that shared their diagnosis (true) or took it back from view (false). */
  shared: { partnerId: string; shared: boolean }[]
  /** Fields rewritten in diagnoses shared before and after. */
  diagnosisEdited: { partnerId: string; fields: DiagnosisField[] }[]
  impacts: { partnerId: string; area: ImpactArea; before: ImpactLevel; after: ImpactLevel }[]
  reviewsAdded: CharterReview[]
  unchanged: boolean
}

export function compareMethod(before: MethodView | undefined, after: MethodView | undefined): MethodDiff {
  const a = before ?? EMPTY_METHOD
  const b = after ?? EMPTY_METHOD
  const stepIds = [...new Set([...Object.keys(a.steps), ...Object.keys(b.steps)])]
  const diagnosisOf = (view: MethodView, partnerId: string) => view.diagnoses.find((d) => d.partnerId === partnerId)
  const partnerIds = [...new Set([...a.diagnoses, ...b.diagnoses].map((d) => d.partnerId))]
  const shared = partnerIds.flatMap((partnerId) => {
    const was = diagnosisOf(a, partnerId)?.shared === true
    const is = diagnosisOf(b, partnerId)?.shared === true
    return was === is ? [] : [{ partnerId, shared: is }]
  })
  const diagnosisEdited = partnerIds.flatMap((partnerId) => {
    const old = diagnosisOf(a, partnerId)
    const now = diagnosisOf(b, partnerId)
    if (!old?.shared || !now?.shared) return []
    const fields = DIAGNOSIS_FIELDS.filter((field) => old[field] !== now[field])
    return fields.length > 0 ? [{ partnerId, fields }] : []
  })
  const gridOf = (view: MethodView, partnerId: string) => view.impacts.find((g) => g.partnerId === partnerId)
  const impacts = [...new Set([...a.impacts, ...b.impacts].map((g) => g.partnerId))].flatMap((partnerId) => IMPACT_AREAS.flatMap((area) => {
    const was = gridOf(a, partnerId)?.ratings[area].level ?? 0
    const is = gridOf(b, partnerId)?.ratings[area].level ?? 0
    return was === is ? [] : [{ partnerId, area, before: was, after: is }]
  }))
  const oldReviews = new Set(a.reviews.map((r) => r.id))
  const diff: MethodDiff = {
    phase: a.phase === b.phase ? null : { before: a.phase, after: b.phase },
    steps: stepIds.filter((id) => isStepDone(a, id) !== isStepDone(b, id)).map((id) => ({ id, done: isStepDone(b, id) })),
    field: a.field === b.field ? null : { before: a.field, after: b.field },
    fieldGroups: { added: b.fieldGroups.filter((g) => !a.fieldGroups.includes(g)), removed: a.fieldGroups.filter((g) => !b.fieldGroups.includes(g)) },
    form: a.form === b.form ? null : { before: a.form, after: b.form },
    formWhy: a.formWhy === b.formWhy ? null : { before: a.formWhy, after: b.formWhy },
    shared,
    diagnosisEdited,
    impacts,
    reviewsAdded: b.reviews.filter((r) => !oldReviews.has(r.id)),
    unchanged: false,
  }
  diff.unchanged = !diff.phase && !diff.field && !diff.form && !diff.formWhy
    && [diff.steps, diff.fieldGroups.added, diff.fieldGroups.removed, shared, diagnosisEdited, impacts, diff.reviewsAdded].every((list) => list.length === 0)
  return diff
}
