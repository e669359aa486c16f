/**
 * The method's part of the compte rendu (shared/board/method.ts): the board's current phase and the
 * session's, the steps of the current phase, the field of cooperation (groups, chosen form, why),
 * the strategic diagnoses their partners shared, each partner's impact grid with where the impact
 * concentrates, and the reviews of the charter with their indicators.
 *
 * A diagnosis a partner has not shared never reaches a document, whoever downloads it: the report
 * is the same for every token, and it is sent to every partner's board.
 */
import type { BoardJson } from '../../shared/board/board-json.ts'
import { compareMethod } from '../../shared/board/method-compare.ts'
import { DIAGNOSIS_FIELDS, EMPTY_METHOD, IMPACT_AREAS, impactSummary, isStepDone, PHASE_STEPS, phaseProgress, type Diagnosis } from '../../shared/board/method.ts'
import { PHASES, type Phase } from '../../shared/board/schema.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import type { Language } from '../../shared/i18n/language.ts'
import { methodChangeLines, METHOD_CHANGE_WORDS } from '../../shared/i18n/method-changes.ts'
import { METHOD_TERMS } from '../../shared/i18n/method-terms.ts'
import { heading, paragraph, type Block } from './report-model.ts'

export const METHOD_REPORT_STRINGS = {
  fr: {
    colon: '\u00a0: ',
    method: 'La démarche',
    currentPhase: 'Phase en cours du tableau',
    sessionPhase: 'Phase de la séance',
    steps: 'Étapes de la phase en cours',
    step: 'Étape',
    state: 'État',
    done: 'faite',
    toDo: 'à faire',
    progress: 'Avancement des phases',
    phase: 'Phase',
    stepsDone: 'Étapes faites',
    field: 'Champ de la coopération',
    fieldGroups: 'Regroupements retenus',
    form: 'Forme choisie',
    formWhy: 'Pourquoi cette forme',
    notDefined: 'Pas encore défini.',
    diagnoses: 'Diagnostics stratégiques partagés',
    noDiagnosis: 'Aucun partenaire n’a encore partagé son diagnostic.',
    notSharedBy: 'Pas encore partagé par',
    impacts: 'Grilles d’impact',
    gridOf: 'Grille de',
    area: 'Domaine',
    level: 'Impact',
    how: 'Comment',
    risks: 'Risques',
    notRated: 'Pas encore renseignée par',
    summary: 'Où l’impact se concentre',
    total: 'Total',
    strongFor: 'Fort pour',
    risksNoted: 'Risques notés',
    summaryEmpty: 'Aucun impact noté.',
    reviews: 'Revues de la charte',
    noReview: 'Aucune revue.',
    indicator: 'Indicateur',
    target: 'Cible',
    value: 'Valeur constatée',
  },
  en: {
    colon: ': ',
    method: 'The method',
    currentPhase: 'Current phase of the board',
    sessionPhase: 'Phase of the session',
    steps: 'Steps of the current phase',
    step: 'Step',
    state: 'State',
    done: 'done',
    toDo: 'to do',
    progress: 'Progress of the phases',
    phase: 'Phase',
    stepsDone: 'Steps done',
    field: 'Field of cooperation',
    fieldGroups: 'Groups drawn on',
    form: 'Chosen form',
    formWhy: 'Why this form',
    notDefined: 'Not defined yet.',
    diagnoses: 'Strategic diagnoses shared',
    noDiagnosis: 'No partner has shared its diagnosis yet.',
    notSharedBy: 'Not shared yet by',
    impacts: 'Impact grids',
    gridOf: 'Grid of',
    area: 'Area',
    level: 'Impact',
    how: 'How',
    risks: 'Risks',
    notRated: 'Not filled in yet by',
    summary: 'Where the impact concentrates',
    total: 'Total',
    strongFor: 'Strong for',
    risksNoted: 'Risks noted',
    summaryEmpty: 'No impact rated.',
    reviews: 'Reviews of the charter',
    noReview: 'No review.',
    indicator: 'Indicator',
    target: 'Target',
    value: 'Value found',
  },
} satisfies Record<Language, Record<string, string>>

export interface MethodReportInput {
  /** The board as the iteration kept it: the method of that moment. */
  board: BoardJson
  /**
   * The board now, if the report is made later: a diagnosis its partner has taken back from view
   * since is left out too.
   */
  live?: BoardJson
  /** The phase the session was held in, when the report is a session's. */
  sessionPhase?: Phase | null
  language: Language
  partnerName(id: string): string
}

/** The diagnoses a report may print: shared when kept, and not taken back since. */
export function reportableDiagnoses(board: BoardJson, live?: BoardJson): Diagnosis[] {
  const sharedNow = (partnerId: string) => !live || (live.method ?? EMPTY_METHOD).diagnoses.some((d) => d.partnerId === partnerId && d.shared)
  return (board.method ?? EMPTY_METHOD).diagnoses.filter((d) => d.shared && sharedNow(d.partnerId))
}

export function methodBlocks({ board, live, sessionPhase, language, partnerName }: MethodReportInput): Block[] {
  const s = METHOD_REPORT_STRINGS[language]
  const words = METHOD_TERMS[language]
  const phaseName = BOARD_TERMS[language].phase
  const method = board.method ?? EMPTY_METHOD
  const label = (key: string, value: string): Block => ({ type: 'paragraph', runs: [{ text: `${key}${s.colon}`, bold: true }, { text: value }] })
  const blocks: Block[] = [heading(2, s.method)]

  blocks.push(label(s.currentPhase, phaseName[method.phase]))
  if (sessionPhase) blocks.push(label(s.sessionPhase, phaseName[sessionPhase]))
  blocks.push(heading(3, `${s.steps}${s.colon}${phaseName[method.phase]}`))
  blocks.push({
    type: 'table', header: [s.step, s.state], widths: [5, 1.2],
    rows: PHASE_STEPS[method.phase].map((step) => [words.step[step] ?? step, isStepDone(method, step) ? `✓ ${s.done}` : s.toDo]),
  })
  blocks.push(heading(3, s.progress))
  blocks.push({
    type: 'table', header: [s.phase, s.stepsDone], widths: [5, 1.2],
    rows: PHASES.map((phase) => {
      const { done, total } = phaseProgress(method, phase)
      return [phaseName[phase], `${done}/${total}`]
    }),
  })

  blocks.push(heading(3, s.field))
  const groups = method.fieldGroups.map((id) => board.groups.find((g) => g.id === id)).filter((g) => g !== undefined)
  if (!method.field.trim() && groups.length === 0 && !method.form && !method.formWhy.trim()) {
    blocks.push(paragraph(s.notDefined, { italic: true }))
  } else {
    if (method.field.trim()) blocks.push(lines(method.field))
    if (groups.length > 0) {
      blocks.push(paragraph(`${s.fieldGroups}${s.colon}`, { bold: true }))
      blocks.push({ type: 'list', ordered: false, items: groups.map((g) => ({ runs: [{ text: `${g.name} (${BOARD_TERMS[language].groupKind[g.kind]})` }], depth: 0 })) })
    }
    blocks.push(label(s.form, words.form[method.form]))
    if (method.formWhy.trim()) {
      blocks.push(paragraph(`${s.formWhy}${s.colon}`, { bold: true }))
      blocks.push(lines(method.formWhy))
    }
  }

  blocks.push(heading(3, s.diagnoses))
  const diagnoses = reportableDiagnoses(board, live)
  if (diagnoses.length === 0) blocks.push(paragraph(s.noDiagnosis, { italic: true }))
  for (const diagnosis of diagnoses) {
    blocks.push({
      type: 'table', header: [partnerName(diagnosis.partnerId), ''], widths: [1.6, 5],
      rows: DIAGNOSIS_FIELDS.map((field) => [words.diagnosis[field], diagnosis[field] || '—']),
    })
  }
  const unshared = method.diagnoses.filter((d) => !diagnoses.includes(d)).map((d) => partnerName(d.partnerId))
  if (unshared.length > 0) blocks.push(paragraph(`${s.notSharedBy}${s.colon}${unshared.join(', ')}`, { italic: true }))

  blocks.push(heading(3, s.impacts))
  const rated = method.impacts.filter((grid) => IMPACT_AREAS.some((area) => {
    const r = grid.ratings[area]
    return r.level > 0 || r.note.trim() || r.risks.trim()
  }))
  for (const grid of rated) {
    blocks.push(paragraph(`${s.gridOf} ${partnerName(grid.partnerId)}`, { bold: true }))
    blocks.push({
      type: 'table', header: [s.area, s.level, s.how, s.risks], widths: [2, 1.2, 3, 3],
      rows: IMPACT_AREAS.map((area) => {
        const r = grid.ratings[area]
        return [words.area[area], words.level[r.level], r.note, r.risks]
      }),
    })
  }
  const unrated = method.impacts.filter((grid) => !rated.includes(grid)).map((grid) => partnerName(grid.partnerId))
  if (unrated.length > 0) blocks.push(paragraph(`${s.notRated}${s.colon}${unrated.join(', ')}`, { italic: true }))
  blocks.push(paragraph(s.summary, { bold: true }))
  const summary = impactSummary(method.impacts)
  blocks.push(summary.length === 0 ? paragraph(s.summaryEmpty, { italic: true }) : {
    type: 'table', header: [s.area, s.total, s.strongFor, s.risksNoted], widths: [2, 1, 3, 1.2],
    rows: summary.map((row) => [words.area[row.area], String(row.total), row.strong.map(partnerName).join(', '), String(row.risks)]),
  })

  blocks.push(heading(3, s.reviews))
  if (method.reviews.length === 0) blocks.push(paragraph(s.noReview, { italic: true }))
  for (const review of method.reviews) {
    blocks.push({ type: 'paragraph', runs: [{ text: review.date ? formatDay(review.date, language) : '—', bold: true }, ...(review.conclusion ? [{ text: ` — ${review.conclusion}` }] : [])] })
    if (review.indicators.length > 0) {
      blocks.push({ type: 'table', header: [s.indicator, s.target, s.value], widths: [3, 2, 2], rows: review.indicators.map((i) => [i.name, i.target, i.value]) })
    }
  }
  return blocks
}

/** What changed in the method since the previous iteration, for the report's "what changed". */
export function methodChangeBlocks(before: BoardJson, after: BoardJson, language: Language, partnerName: (id: string) => string): Block[] {
  const diff = compareMethod(before.method, after.method)
  if (diff.unchanged) return []
  const groupName = (id: string) => after.groups.find((g) => g.id === id)?.name ?? before.groups.find((g) => g.id === id)?.name ?? id
  const items = methodChangeLines(diff, language, partnerName, groupName)
  return [heading(3, METHOD_CHANGE_WORDS[language].heading), { type: 'list', ordered: false, items: items.map((text) => ({ runs: [{ text }], depth: 0 })) }]
}

/** Text typed over several lines, kept as lines. */
function lines(text: string): Block {
  const parts = text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim())
  return { type: 'paragraph', runs: parts.map((line, i) => ({ text: i === 0 ? line : `\n${line}` })) }
}
