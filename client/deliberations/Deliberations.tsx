/**
 * Each partner's deliberation on an iteration (its board of directors, general assembly…): status,
 * body, date and note. A person records their own partner's; the facilitator records any.
 */
import { useCallback, useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { mayActFor } from '../../shared/board/permissions.ts'
import { deliberationsFor, iterationCallsForDeliberation, RESOLUTION_MAX, setDeliberation } from '../../shared/board/deliberations.ts'
import { listSessions } from '../../shared/board/sessions.ts'
import { DELIBERATION_STATUSES, type Deliberation, type DeliberationStatus, type PartnerFields } from '../../shared/board/schema.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'

const STATUS_MARK: Record<DeliberationStatus, string> = {
  pending: '…',
  approved: '✓',
  'approved-with-reservations': '✓!',
  'amendments-requested': '✎',
  rejected: '✗',
}

export function DeliberationStatusBadge({ status }: { status: DeliberationStatus }) {
  const { language } = useI18n()
  return (
    <span className={`iter-badge delib-status delib-status--${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_MARK[status]} </span>{BOARD_TERMS[language].deliberation[status]}
    </span>
  )
}

export function useDeliberations(doc: Y.Doc, snapshotId: string) {
  const read = useCallback((d: Y.Doc) => deliberationsFor(d, snapshotId), [snapshotId])
  return useDocValue(doc, read)
}

function DeliberationForm({ doc, actor, snapshotId, partnerId, current, onDone }: {
  doc: Y.Doc; actor: Actor; snapshotId: string; partnerId: string; current: Deliberation | null; onDone(): void
}) {
  const { t, language } = useI18n()
  const id = useId()
  const [status, setStatus] = useState<DeliberationStatus>(current?.status ?? 'approved')
  const [body, setBody] = useState(current?.body ?? '')
  const [date, setDate] = useState(current?.date ?? '')
  const [note, setNote] = useState(current?.note ?? '')
  const [resolution, setResolution] = useState(current?.resolution ?? '')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      setDeliberation(doc, actor, snapshotId, partnerId, { status, body, date, note, resolution })
      onDone()
    } catch (problem) {
      setError(describeError(t, problem))
    }
  }
  return (
    <form className="delib-form" onSubmit={submit} noValidate>
      <div className="sess-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('delib.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as DeliberationStatus)}>
            {DELIBERATION_STATUSES.map((s) => <option key={s} value={s}>{BOARD_TERMS[language].deliberation[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('delib.date')}</label>
          <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('delib.body')}</label>
        <input id={`${id}-body`} type="text" value={body} maxLength={200} list={`${id}-bodies`} aria-describedby={`${id}-body-hint`} onChange={(e) => setBody(e.target.value)} />
        <datalist id={`${id}-bodies`}>
          <option value={t('delib.body.board')} />
          <option value={t('delib.body.assembly')} />
          <option value={t('delib.body.bureau')} />
        </datalist>
        <p className="field__hint" id={`${id}-body-hint`}>{t('delib.bodyHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('delib.note')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-resolution`}>{t('delib.resolution')}</label>
        <textarea id={`${id}-resolution`} rows={5} value={resolution} maxLength={RESOLUTION_MAX} aria-describedby={`${id}-resolution-hint`}
          onChange={(e) => setResolution(e.target.value)} />
        <p className="field__hint" id={`${id}-resolution-hint`}>{t('delib.resolutionHint')}</p>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary">{t('delib.save')}</button>
        <button type="button" className="button" onClick={onDone}>{t('iter.cancel')}</button>
      </div>
    </form>
  )
}

export function Deliberations({ doc, actor, snapshotId, label, partners }: {
  doc: Y.Doc; actor: Actor; snapshotId: string; label: string; partners: readonly PartnerFields[]
}) {
  const { t, language } = useI18n()
  const id = useId()
  const rows = useDeliberations(doc, snapshotId)
  // A session that calls for no deliberation (a project group's): said once, nobody shown as pending.
  const readCalled = useCallback((d: Y.Doc) => iterationCallsForDeliberation(listSessions(d), snapshotId), [snapshotId])
  const called = useDocValue(doc, readCalled)
  const [editing, setEditing] = useState<string | null>(null)
  const mayEdit = (partnerId: string) => mayActFor(actor, partnerId)

  return (
    <section className="card delib" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('delib.heading', { label })}</h3>
      {!called && <p className="muted" data-testid="no-deliberation">{t('followUp.noDeliberation')}</p>}
      {rows.length === 0 ? <p className="muted">{t('delib.noPartners')}</p> : (
        <ul className="delib__list">
          {rows.map(({ partnerId, deliberation, status }) => (
            <li key={partnerId} className="delib__row" data-partner={partnerId}>
              <div className="delib__head">
                <PartnerTag partners={partners} partnerId={partnerId} />
                {(called || deliberation) && <DeliberationStatusBadge status={status} />}
                {mayEdit(partnerId) && editing !== partnerId && (
                  <button type="button" className="button button--small"
                    aria-label={t('delib.editLabel', { partner: partners.find((p) => p.id === partnerId)?.name ?? partnerId })}
                    onClick={() => setEditing(partnerId)}>
                    {t('delib.edit')}
                  </button>
                )}
              </div>
              {deliberation && (deliberation.body || deliberation.date || deliberation.note) && (
                <p className="delib__detail">
                  {[deliberation.body, deliberation.date && formatDay(deliberation.date, language)].filter(Boolean).join(', ')}
                  {deliberation.note && <><br /><span className="muted">{deliberation.note}</span></>}
                </p>
              )}
              {deliberation?.resolution && (
                <figure className="delib__resolution">
                  <figcaption>{t('delib.resolutionOf', { partner: partners.find((p) => p.id === partnerId)?.name ?? partnerId })}</figcaption>
                  <blockquote>{deliberation.resolution}</blockquote>
                </figure>
              )}
              {editing === partnerId && (
                <DeliberationForm doc={doc} actor={actor} snapshotId={snapshotId} partnerId={partnerId} current={deliberation} onDone={() => setEditing(null)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
