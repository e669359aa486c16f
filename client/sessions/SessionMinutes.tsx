/**
 * What the compte rendu says of the meeting besides the board: where and when it was held, who the
 * compte rendu goes to, whether the previous one was approved, and the next meeting. The facilitator
 * fills it in during the session or after it (the report reads it as it is when downloaded); everyone
 * else reads it.
 */
import { useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { PREVIOUS_APPROVALS, type PreviousApproval } from '../../shared/board/schema.ts'
import { NO_DETAILS, PLACE_MAX, RECIPIENTS_MAX, updateSessionDetails, type SessionDetails, type SessionView } from '../../shared/board/sessions.ts'
import { formatDay } from '../../shared/i18n/board-terms.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

const detailsOf = (session: SessionView): SessionDetails =>
  Object.fromEntries(Object.keys(NO_DETAILS).map((key) => [key, session[key as keyof SessionDetails]])) as unknown as SessionDetails

export function SessionMinutes({ doc, actor, session }: { doc: Y.Doc; actor: Actor; session: SessionView }) {
  const { t, language } = useI18n()
  const id = useId()
  const facilitator = can(actor.role, 'session.run')
  const stored = detailsOf(session)
  const [draft, setDraft] = useState<SessionDetails>(stored)
  const [saved, setSaved] = useState(false)
  const { error, run } = useBoardAction()
  const set = (key: keyof SessionDetails) => (value: string) => {
    setSaved(false)
    setDraft((current) => ({ ...current, [key]: value }))
  }
  const changed = (Object.keys(NO_DETAILS) as (keyof SessionDetails)[]).some((key) => draft[key] !== stored[key])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (run(() => updateSessionDetails(doc, actor, session.id, draft))) setSaved(true)
  }

  if (!facilitator) {
    const facts: [string, string][] = ([
      [t('minutes.place'), session.place],
      [t('minutes.hours'), [session.startTime, session.endTime].filter(Boolean).join(' – ')],
      [t('minutes.recipients'), session.recipients],
      [t('minutes.previous'), session.previousApproval ? t(`minutes.previous.${session.previousApproval}`) : ''],
      [t('minutes.next'), [session.nextDate ? formatDay(session.nextDate, language) : '', session.nextTime, session.nextPlace].filter(Boolean).join(', ')],
    ] as [string, string][]).filter(([, value]) => value)
    if (facts.length === 0) return null
    return (
      <section className="card sess-minutes" aria-labelledby={`${id}-heading`}>
        <h3 id={`${id}-heading`}>{t('minutes.heading')}</h3>
        <dl className="iter-facts">
          {facts.map(([label, value]) => <div key={label}><dt>{label}</dt><dd className="sess-minutes__text">{value}</dd></div>)}
        </dl>
      </section>
    )
  }

  const field = (key: keyof SessionDetails, label: string, type: 'text' | 'time' | 'date', max = PLACE_MAX) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={type} value={draft[key]} maxLength={type === 'text' ? max : undefined} onChange={(e) => set(key)(e.target.value)} />
    </div>
  )
  return (
    <section className="card sess-minutes" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('minutes.heading')}</h3>
      <p className="field__hint">{t('minutes.hint')}</p>
      <form onSubmit={submit} noValidate>
        {field('place', t('minutes.place'), 'text')}
        <div className="sess-grid">
          {field('startTime', t('minutes.start'), 'time')}
          {field('endTime', t('minutes.end'), 'time')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-recipients`}>{t('minutes.recipients')}</label>
          <textarea id={`${id}-recipients`} rows={2} value={draft.recipients} maxLength={RECIPIENTS_MAX} aria-describedby={`${id}-recipients-hint`}
            onChange={(e) => set('recipients')(e.target.value)} />
          <p id={`${id}-recipients-hint`} className="field__hint">{t('minutes.recipientsHint')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-previous`}>{t('minutes.previous')}</label>
          <select id={`${id}-previous`} value={draft.previousApproval} onChange={(e) => set('previousApproval')(e.target.value as PreviousApproval)}>
            {PREVIOUS_APPROVALS.map((value) => <option key={value} value={value}>{t(`minutes.previous.${value || 'none'}`)}</option>)}
          </select>
        </div>
        {draft.previousApproval === 'approved-with-changes' && (
          <div className="field">
            <label htmlFor={`${id}-previous-note`}>{t('minutes.previousNote')}</label>
            <textarea id={`${id}-previous-note`} rows={2} value={draft.previousApprovalNote} maxLength={1000} onChange={(e) => set('previousApprovalNote')(e.target.value)} />
          </div>
        )}
        <fieldset className="sess-minutes__next">
          <legend>{t('minutes.next')}</legend>
          <div className="sess-grid">
            {field('nextDate', t('minutes.nextDate'), 'date')}
            {field('nextTime', t('minutes.nextTime'), 'time')}
          </div>
          {field('nextPlace', t('minutes.nextPlace'), 'text')}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!changed}>{t('minutes.save')}</button>
          <span role="status" className="muted">{saved && !changed ? t('minutes.saved') : ''}</span>
        </div>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  )
}
