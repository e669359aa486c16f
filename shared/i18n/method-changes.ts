/**
 * A method diff (shared/board/method-compare.ts) as sentences, in the board's language: History's
 * compare view and the compte rendu's "what changed" say it in the same words.
 */
import type { MethodDiff } from '../board/method-compare.ts'
import { BOARD_TERMS, formatDay } from './board-terms.ts'
import type { Language } from './language.ts'
import { METHOD_TERMS } from './method-terms.ts'

export const METHOD_CHANGE_WORDS = {
  fr: {
    heading: 'La démarche',
    phase: (before: string, after: string) => `Phase en cours\u00a0: ${before} → ${after}`,
    stepDone: (step: string) => `Étape faite\u00a0: ${step}`,
    stepReopened: (step: string) => `Étape rouverte\u00a0: ${step}`,
    field: 'Le champ de la coopération a été réécrit.',
    groupAdded: (group: string) => `Regroupement retenu pour le champ de la coopération\u00a0: ${group}`,
    groupRemoved: (group: string) => `Regroupement retiré du champ de la coopération\u00a0: ${group}`,
    form: (before: string, after: string) => `Forme de la coopération\u00a0: ${before} → ${after}`,
    formWhy: 'Les raisons du choix de la forme ont été réécrites.',
    shared: (partner: string) => `${partner} a partagé son diagnostic stratégique.`,
    unshared: (partner: string) => `${partner} a retiré son diagnostic du partage.`,
    edited: (partner: string, fields: string) => `Diagnostic de ${partner}, réécrit\u00a0: ${fields}`,
    impact: (partner: string, area: string, before: string, after: string) => `Impact pour ${partner}, ${area}\u00a0: ${before} → ${after}`,
    review: (date: string) => `Revue de la charte du ${date}`,
  },
  en: {
    heading: 'The method',
    phase: (before: string, after: string) => `Current phase: ${before} → ${after}`,
    stepDone: (step: string) => `Step done: ${step}`,
    stepReopened: (step: string) => `Step reopened: ${step}`,
    field: 'The field of cooperation was rewritten.',
    groupAdded: (group: string) => `Group taken into the field of cooperation: ${group}`,
    groupRemoved: (group: string) => `Group taken out of the field of cooperation: ${group}`,
    form: (before: string, after: string) => `Form of cooperation: ${before} → ${after}`,
    formWhy: 'The reasons for the chosen form were rewritten.',
    shared: (partner: string) => `${partner} shared its strategic diagnosis.`,
    unshared: (partner: string) => `${partner} took its diagnosis back from view.`,
    edited: (partner: string, fields: string) => `${partner}’s diagnosis, rewritten: ${fields}`,
    impact: (partner: string, area: string, before: string, after: string) => `Impact for ${partner}, ${area}: ${before} → ${after}`,
    review: (date: string) => `Review of the charter on ${date}`,
  },
} as const satisfies Record<Language, Record<string, unknown>>

/** One sentence per change, in reading order. */
export function methodChangeLines(diff: MethodDiff, language: Language, partnerName: (id: string) => string, groupName: (id: string) => string): string[] {
  const w = METHOD_CHANGE_WORDS[language]
  const m = METHOD_TERMS[language]
  const phase = BOARD_TERMS[language].phase
  const lines: string[] = []
  if (diff.phase) lines.push(w.phase(phase[diff.phase.before], phase[diff.phase.after]))
  for (const step of diff.steps) lines.push((step.done ? w.stepDone : w.stepReopened)(m.step[step.id] ?? step.id))
  if (diff.field) lines.push(w.field)
  for (const id of diff.fieldGroups.added) lines.push(w.groupAdded(groupName(id)))
  for (const id of diff.fieldGroups.removed) lines.push(w.groupRemoved(groupName(id)))
  if (diff.form) lines.push(w.form(m.form[diff.form.before], m.form[diff.form.after]))
  if (diff.formWhy) lines.push(w.formWhy)
  for (const change of diff.shared) lines.push((change.shared ? w.shared : w.unshared)(partnerName(change.partnerId)))
  for (const edit of diff.diagnosisEdited) lines.push(w.edited(partnerName(edit.partnerId), edit.fields.map((f) => m.diagnosis[f]).join(', ')))
  for (const change of diff.impacts) lines.push(w.impact(partnerName(change.partnerId), m.area[change.area], m.level[change.before], m.level[change.after]))
  for (const review of diff.reviewsAdded) lines.push(w.review(review.date ? formatDay(review.date, language) : '—'))
  return lines
}
