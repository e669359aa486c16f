/**
 * The Method section: the five phases as a guide that never locks (shared/board/method.ts). Every
 * phase is open: its aim, its checklist, and for phase 2 the partners' strategic diagnoses and the
 * field of cooperation, for phase 3 the impact grids and where the impact concentrates, for phase 5
 * the reviews of the charter. The facilitator marks the current phase; anyone may go back to any.
 * Text fields are saved when leaving them (or with their button), checkboxes and selects at once;
 * one's own diagnosis before it is shared is kept by the server (not in the board document) and
 * saved there as one types, with its save state said (usePrivateDiagnosis.ts).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { listGroups } from '../../shared/board/interests.ts'
import { listPartners } from '../../shared/board/partners.ts'
import { mayActFor } from '../../shared/board/permissions.ts'
import {
  addCharterReview, checkStep, COOPERATION_FORMS, DIAGNOSIS_FIELDS, DIAGNOSIS_MAX, fieldCandidates, IMPACT_AREAS, IMPACT_LEVELS, impactSummary,
  PHASE_STEPS, phaseProgress, rateImpact, readMethod, removeCharterReview, setCooperationField, setDiagnosisField, setPhase,
  type CooperationForm, type DiagnosisField, type DiagnosisText, type ImpactLevel, type Indicator, type MethodView,
} from '../../shared/board/method.ts'
import { PHASES, type PartnerFields, type Phase } from '../../shared/board/schema.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { METHOD_TERMS } from '../../shared/i18n/method-terms.ts'
import type { SectionProps } from '../board/section-props.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useBoardToken } from '../history/useSnapshots.ts'
import { setDiagnosisShared } from '../http/diagnoses-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { usePrivateDiagnosis } from './usePrivateDiagnosis.ts'
import './method.css'

const readWhole = (doc: Y.Doc): MethodView => readMethod(doc, listPartners(doc).map((p) => p.id))

/** The method as this doc holds it (the live board, or a snapshot). */
export const useMethod = (doc: Y.Doc): MethodView => useDocValue(doc, readWhole)

/** A text field saved when it loses focus; it follows others' edits while it isn't being typed in. */
function BlurText({ id, label, value, onSave, readOnly, rows = 3, max = 5000 }: {
  id: string; label: string; value: string; onSave(value: string): void; readOnly: boolean; rows?: number; max?: number
}) {
  const [draft, setDraft] = useState(value)
  const editing = useRef(false)
  useEffect(() => {
    if (!editing.current) setDraft(value)
  }, [value])
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} maxLength={max} value={draft} readOnly={readOnly}
        onFocus={() => { editing.current = true }}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          editing.current = false
          if (!readOnly && draft !== value) onSave(draft)
        }} />
    </div>
  )
}

export function MethodSection({ boardId, doc, actor, role, snapshot }: SectionProps) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const words = METHOD_TERMS[language]
  const id = useId()
  const method = useMethod(doc)
  const partners = useDocValue(doc, listPartners)
  const facilitator = !snapshot && can(role, 'method.steer')
  const mayCheck = !snapshot && can(role, 'method.check')
  const { error, run } = useBoardAction()

  return (
    <div className="method" data-testid="method-section">
      <h2>{t('method.heading')}</h2>
      <p className="field__hint">{t('method.intro')}</p>
      <p className="method__current" data-phase={method.phase}><strong>{t('method.currentIs', { phase: terms.phase[method.phase] })}</strong></p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <ol className="method__phases">
        {PHASES.map((phase) => {
          const progress = phaseProgress(method, phase)
          const current = method.phase === phase
          return (
            <li key={phase}>
              <section className={`card method-phase${current ? ' method-phase--current' : ''}`} aria-labelledby={`${id}-p${phase}`} data-phase={phase}>
                <h3 id={`${id}-p${phase}`}>
                  {terms.phase[phase]}
                  {current && <span className="iter-badge iter-badge--live method-phase__badge">{t('method.current')}</span>}
                </h3>
                <p className="muted">{words.phaseAim[phase]}</p>
                <p className="method-phase__progress">{t('method.progress', { done: String(progress.done), total: String(progress.total) })}</p>
                {facilitator && !current && (
                  // Its name is its visible text (axe: label-content-name-mismatch), the phase included.
                  <button type="button" className="button button--small" onClick={() => run(() => setPhase(doc, actor, phase))}>
                    {t('method.makeCurrentLabel', { phase: terms.phase[phase] })}
                  </button>
                )}
                <fieldset className="method-steps">
                  <legend className="visually-hidden">{t('method.stepsOf', { phase: terms.phase[phase] })}</legend>
                  <ul>
                    {PHASE_STEPS[phase].map((step) => {
                      const check = method.steps[step]
                      return (
                        <li key={step}>
                          <label>
                            <input type="checkbox" data-step={step} checked={check?.done === true} disabled={!mayCheck}
                              onChange={(e) => run(() => checkStep(doc, actor, step, e.target.checked))} />
                            {' '}{words.step[step]}
                          </label>
                          {check?.done && check.by.name && <span className="muted method-steps__by"> — {t('method.stepBy', { name: check.by.name })}</span>}
                        </li>
                      )
                    })}
                  </ul>
                </fieldset>
                {phase === 2 && <Diagnoses boardId={boardId} doc={doc} actor={actor} method={method} partners={partners} readOnly={Boolean(snapshot)} run={run} />}
                {phase === 2 && <CooperationField doc={doc} actor={actor} method={method} readOnly={Boolean(snapshot) || !can(role, 'cooperation.define')} run={run} />}
                {phase === 3 && <ImpactGrids doc={doc} actor={actor} method={method} partners={partners} readOnly={Boolean(snapshot)} run={run} />}
                {phase === 4 && <p className="field__hint">{t('method.deliberationHint')}</p>}
                {phase === 5 && <Reviews doc={doc} actor={actor} method={method} readOnly={Boolean(snapshot) || !can(role, 'review.run')} run={run} />}
              </section>
            </li>
          )
        })}
      </ol>
    </div>
  )
}

interface PartProps {
  doc: Y.Doc
  actor: Actor
  method: MethodView
  readOnly: boolean
  run(work: () => void): boolean
}

function Diagnoses({ boardId, doc, actor, method, partners, readOnly, run }: PartProps & { boardId: string; partners: readonly PartnerFields[] }) {
  const { t } = useI18n()
  const words = METHOD_TERMS[useI18n().language]
  const id = useId()
  const token = useBoardToken(boardId)
  const name = (partnerId: string) => partners.find((p) => p.id === partnerId)?.name ?? partnerId
  return (
    <section className="method-part" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('method.diagnoses')}</h4>
      <p className="field__hint">{t('method.diagnosesHint')}</p>
      <div className="method-cards">
        {method.diagnoses.map((diagnosis) => {
          const mine = !readOnly && mayActFor(actor, diagnosis.partnerId)
          const partner = name(diagnosis.partnerId)
          const fieldId = (field: string) => `${id}-${diagnosis.partnerId}-${field}`
          return (
            <article key={diagnosis.partnerId} className="card method-card" aria-labelledby={`${id}-${diagnosis.partnerId}`} data-diagnosis={diagnosis.partnerId}>
              <h5 id={`${id}-${diagnosis.partnerId}`}>
                <PartnerTag partners={partners} partnerId={diagnosis.partnerId} />{' '}
                <span className={`iter-badge${diagnosis.shared ? ' iter-badge--adopted' : ''}`}>{t(diagnosis.shared ? 'method.sharedBadge' : 'method.privateBadge')}</span>
              </h5>
              {mine ? (
                <OwnDiagnosis boardId={boardId} token={token} partnerId={diagnosis.partnerId} partner={partner} fieldId={fieldId} shared={diagnosis.shared}
                  text={diagnosis} onSave={(field, value) => run(() => setDiagnosisField(doc, actor, diagnosis.partnerId, field, value))} />
              ) : !diagnosis.shared ? <p className="muted">{t('method.notShared')}</p> : (
                <dl className="iter-facts">
                  {DIAGNOSIS_FIELDS.map((field) => (
                    <div key={field}><dt>{words.diagnosis[field]}</dt><dd className="sess-minutes__text">{diagnosis[field] || '—'}</dd></div>
                  ))}
                </dl>
              )}
            </article>
          )
        })}
      </div>
    </section>
  )
}

/**
 * The diagnosis of a partner one acts for. Before it is shared it is not in the board document: read
 * and saved through the server as one types. Once shared it is co-edited live on the board. The
 * share checkbox stays the same control across both, so the keyboard focus stays on it.
 */
function OwnDiagnosis({ boardId, token, partnerId, partner, fieldId, shared, text, onSave }: {
  boardId: string
  token: string
  partnerId: string
  /** The partner's name, for the fields' names. */
  partner: string
  fieldId(field: string): string
  shared: boolean
  /** The shared text, from the board. */
  text: DiagnosisText
  onSave(field: DiagnosisField, value: string): void
}) {
  const { t, language } = useI18n()
  const words = METHOD_TERMS[language]
  const kept = usePrivateDiagnosis(boardId, token, partnerId, !shared)
  const { state } = kept
  // Changed at once on screen; the board's flag follows from the server. Not `disabled`: that would take the focus away.
  const [wanted, setWanted] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setWanted(null), [shared])
  const failure = state.kind === 'failed' ? (state.failure.kind === 'network' ? t('method.saveOffline') : t('method.saveFailed', { message: state.failure.message })) : null
  const label = (field: DiagnosisField) => t('method.diagnosisField', { field: words.diagnosis[field], partner })

  const toggle = async (share: boolean) => {
    if (wanted !== null || share === shared) return
    setWanted(share)
    setError(null)
    if (share) {
      if (!(await kept.share())) setWanted(null)
      return
    }
    const result = await setDiagnosisShared(boardId, token, partnerId, false)
    if (!result.ok) {
      setWanted(null)
      setError(result.kind === 'network' ? t('method.saveOffline') : t('method.shareFailed', { message: result.message }))
    }
  }

  return (
    <>
      {shared ? DIAGNOSIS_FIELDS.map((field) => (
        <BlurText key={field} id={fieldId(field)} label={label(field)} value={text[field]} readOnly={false} onSave={(value) => onSave(field, value)} />
      )) : (
        <>
          <p className="field__hint">{t('method.privateHint', { partner })}</p>
          {kept.text === null ? <p className="muted">{state.kind === 'loading' ? t('method.loadingDiagnosis') : failure}</p> : DIAGNOSIS_FIELDS.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={fieldId(field)}>{label(field)}</label>
              <textarea id={fieldId(field)} rows={3} maxLength={DIAGNOSIS_MAX} value={kept.text![field]}
                onChange={(e) => kept.edit(field, e.target.value)}
                onBlur={() => { void kept.flush() }} />
            </div>
          ))}
        </>
      )}
      <label className="method-share">
        <input type="checkbox" checked={wanted ?? shared} aria-label={t('method.shareLabel', { partner })} aria-describedby={shared ? fieldId('share-hint') : undefined}
          aria-busy={wanted !== null} onChange={(e) => { void toggle(e.target.checked) }} />
        {' '}{t('method.share')}
      </label>
      {shared && <p className="field__hint" id={fieldId('share-hint')}>{t('method.takeBackHint')}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {/* Said politely, as it changes: saving, saved, or not saved and why. */}
      <p className={`method-save${failure ? ' form-error' : ' muted'}`} role="status" data-save-state={shared ? 'shared' : state.kind}>
        {shared ? null : state.kind === 'saving' ? t('method.saving') : state.kind === 'saved' ? t('method.diagnosisSaved') : kept.text !== null ? failure : null}
      </p>
    </>
  )
}

function CooperationField({ doc, actor, method, readOnly, run }: PartProps) {
  const { t, language } = useI18n()
  const words = METHOD_TERMS[language]
  const terms = BOARD_TERMS[language]
  const id = useId()
  const groups = useDocValue(doc, listGroups)
  const candidates = fieldCandidates(groups)
  return (
    <section className="method-part" aria-labelledby={`${id}-h`} data-testid="cooperation-field">
      <h4 id={`${id}-h`}>{t('method.field')}</h4>
      <fieldset className="iter-choice">
        <legend>{t('method.fieldGroups')}</legend>
        {candidates.length === 0 ? <p className="muted">{t('method.noCandidates')}</p> : candidates.map((group) => (
          <label key={group.id}>
            <input type="checkbox" disabled={readOnly} checked={method.fieldGroups.includes(group.id)}
              onChange={(e) => run(() => setCooperationField(doc, actor, {
                fieldGroups: e.target.checked ? [...method.fieldGroups, group.id] : method.fieldGroups.filter((g) => g !== group.id),
              }))} />
            {' '}{group.name} <span className="muted">({terms.groupKind[group.kind]})</span>
          </label>
        ))}
      </fieldset>
      <BlurText id={`${id}-field`} label={t('method.fieldText')} value={method.field} readOnly={readOnly}
        onSave={(value) => run(() => setCooperationField(doc, actor, { field: value }))} />
      <div className="field">
        <label htmlFor={`${id}-form`}>{t('method.form')}</label>
        <select id={`${id}-form`} value={method.form} disabled={readOnly}
          onChange={(e) => run(() => setCooperationField(doc, actor, { form: e.target.value as CooperationForm }))}>
          {COOPERATION_FORMS.map((form) => <option key={form} value={form}>{words.form[form]}</option>)}
        </select>
      </div>
      <BlurText id={`${id}-why`} label={t('method.formWhy')} value={method.formWhy} readOnly={readOnly}
        onSave={(value) => run(() => setCooperationField(doc, actor, { formWhy: value }))} />
    </section>
  )
}

function ImpactGrids({ doc, actor, method, partners, readOnly, run }: PartProps & { partners: readonly PartnerFields[] }) {
  const { t, language } = useI18n()
  const words = METHOD_TERMS[language]
  const id = useId()
  const name = (partnerId: string) => partners.find((p) => p.id === partnerId)?.name ?? partnerId
  const summary = impactSummary(method.impacts)
  return (
    <section className="method-part" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('method.impacts')}</h4>
      <p className="field__hint">{t('method.impactsHint')}</p>
      {method.impacts.map((grid) => {
        const mine = !readOnly && mayActFor(actor, grid.partnerId)
        const partner = name(grid.partnerId)
        return (
          <div key={grid.partnerId} className="method-grid" data-impacts={grid.partnerId}>
            <table className="method-table">
              <caption>{t('method.gridOf', { partner })}</caption>
              <thead><tr><th scope="col">{t('method.area')}</th><th scope="col">{t('method.level')}</th><th scope="col">{t('method.how')}</th><th scope="col">{t('method.risks')}</th></tr></thead>
              <tbody>
                {IMPACT_AREAS.map((area) => {
                  const rating = grid.ratings[area]
                  const labels = { area: words.area[area], partner }
                  return (
                    <tr key={area} data-area={area}>
                      <th scope="row">{words.area[area]}</th>
                      <td>
                        {mine ? (
                          <select aria-label={t('method.levelOf', labels)} value={rating.level}
                            onChange={(e) => run(() => rateImpact(doc, actor, grid.partnerId, area, { level: Number(e.target.value) as ImpactLevel }))}>
                            {IMPACT_LEVELS.map((level) => <option key={level} value={level}>{words.level[level]}</option>)}
                          </select>
                        ) : words.level[rating.level]}
                      </td>
                      <td>{mine ? <GridText label={t('method.howOf', labels)} value={rating.note} onSave={(note) => run(() => rateImpact(doc, actor, grid.partnerId, area, { note }))} /> : rating.note}</td>
                      <td>{mine ? <GridText label={t('method.risksOf', labels)} value={rating.risks} onSave={(risks) => run(() => rateImpact(doc, actor, grid.partnerId, area, { risks }))} /> : rating.risks}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            {!mine && !readOnly && <p className="field__hint">{t('method.readOnlyPartner', { partner })}</p>}
          </div>
        )
      })}
      <h5>{t('method.summary')}</h5>
      {summary.length === 0 ? <p className="muted">{t('method.summaryEmpty')}</p> : (
        <table className="method-table" data-testid="impact-summary">
          <caption className="visually-hidden">{t('method.summary')}</caption>
          <thead><tr><th scope="col">{t('method.area')}</th><th scope="col">{t('method.total')}</th><th scope="col">{t('method.strongFor')}</th><th scope="col">{t('method.risksNoted')}</th></tr></thead>
          <tbody>
            {summary.map((row) => (
              <tr key={row.area}><th scope="row">{words.area[row.area]}</th><td>{row.total}</td><td>{row.strong.map(name).join(', ')}</td><td>{row.risks}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** A grid cell's text, saved on leaving it. */
function GridText({ label, value, onSave }: { label: string; value: string; onSave(value: string): void }) {
  const [draft, setDraft] = useState(value)
  const editing = useRef(false)
  useEffect(() => {
    if (!editing.current) setDraft(value)
  }, [value])
  return (
    <textarea aria-label={label} rows={2} maxLength={2000} value={draft}
      onFocus={() => { editing.current = true }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        editing.current = false
        if (draft !== value) onSave(draft)
      }} />
  )
}

function Reviews({ doc, actor, method, readOnly, run }: PartProps) {
  const { t, language } = useI18n()
  const id = useId()
  const [date, setDate] = useState('')
  const [conclusion, setConclusion] = useState('')
  const [indicators, setIndicators] = useState<Indicator[]>([{ name: '', target: '', value: '' }])
  const setIndicator = useCallback((index: number, key: keyof Indicator, value: string) =>
    setIndicators((list) => list.map((item, i) => (i === index ? { ...item, [key]: value } : item))), [])
  return (
    <section className="method-part" aria-labelledby={`${id}-h`} data-testid="charter-reviews">
      <h4 id={`${id}-h`}>{t('method.reviews')}</h4>
      {method.reviews.length === 0 ? <p className="muted">{t('method.noReview')}</p> : (
        <ul className="method-reviews">
          {method.reviews.map((review) => (
            <li key={review.id}>
              <strong>{formatDay(review.date, language)}</strong>{review.conclusion && <> — {review.conclusion}</>}
              {review.indicators.length > 0 && (
                <table className="method-table">
                  <caption className="visually-hidden">{t('method.reviews')} — {formatDay(review.date, language)}</caption>
                  <thead><tr><th scope="col">{t('method.indicator')}</th><th scope="col">{t('method.target')}</th><th scope="col">{t('method.value')}</th></tr></thead>
                  <tbody>{review.indicators.map((i, n) => <tr key={n}><th scope="row">{i.name}</th><td>{i.target}</td><td>{i.value}</td></tr>)}</tbody>
                </table>
              )}
              {!readOnly && (
                <button type="button" className="button button--small button--quiet" aria-label={t('method.removeReview', { date: formatDay(review.date, language) })}
                  onClick={() => run(() => removeCharterReview(doc, actor, review.id))}>
                  {t('iter.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="method-review-form" noValidate onSubmit={(e) => {
          e.preventDefault()
          if (run(() => addCharterReview(doc, actor, { date, conclusion, indicators }))) {
            setDate('')
            setConclusion('')
            setIndicators([{ name: '', target: '', value: '' }])
          }
        }}>
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('method.reviewDate')}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-conclusion`}>{t('method.reviewConclusion')}</label>
            <textarea id={`${id}-conclusion`} rows={2} value={conclusion} onChange={(e) => setConclusion(e.target.value)} />
          </div>
          {indicators.map((indicator, index) => (
            <fieldset key={index} className="method-indicator">
              <legend>{t('method.indicatorN', { n: String(index + 1) })}</legend>
              {(['name', 'target', 'value'] as const).map((key) => (
                <div className="field" key={key}>
                  <label htmlFor={`${id}-i${index}-${key}`}>{t(key === 'name' ? 'method.indicator' : key === 'target' ? 'method.target' : 'method.value')}</label>
                  <input id={`${id}-i${index}-${key}`} type="text" maxLength={300} value={indicator[key]} onChange={(e) => setIndicator(index, key, e.target.value)} />
                </div>
              ))}
            </fieldset>
          ))}
          <button type="button" className="button button--small" onClick={() => setIndicators((list) => [...list, { name: '', target: '', value: '' }])}>{t('method.addIndicator')}</button>
          {' '}<button type="submit" className="button button--primary">{t('method.addReview')}</button>
        </form>
      )}
    </section>
  )
}

/** The board's current phase, for the board's header. */
export function CurrentPhase({ doc }: { doc: Y.Doc }) {
  const { t, language } = useI18n()
  const phase = useDocValue(doc, readPhase)
  return <span className="method-badge" data-testid="current-phase">{t('method.currentIs', { phase: BOARD_TERMS[language].phase[phase] })}</span>
}

const readPhase = (doc: Y.Doc): Phase => readMethod(doc, []).phase
