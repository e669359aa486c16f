/** Decisions and actions noted during the session: anyone with write access adds them. */
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { addDecision, listSessions, removeDecision, type SessionView } from '../../shared/board/sessions.ts'
import { listActionLog, sessionActions } from '../../shared/board/actions.ts'
import type { DecisionFields, DecisionKind, PartnerFields } from '../../shared/board/schema.ts'
import { formatDay } from '../../shared/i18n/board-terms.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { ActionStatusControl } from './ActionStatus.tsx'

/** One decision or action, as the live session and the read-only views show it. */
export function DecisionItem({ decision, partners, onRemove, children }: {
  decision: DecisionFields; partners: readonly PartnerFields[]; onRemove?: () => void
  /** What else to say of it: an action's status, the session it comes from. */
  children?: ReactNode
}) {
  const { t, language } = useI18n()
  return (
    <li className="sess-decision" data-kind={decision.kind}>
      <span className={`iter-badge iter-badge--${decision.kind}`}>{t(decision.kind === 'action' ? 'decision.kind.action' : 'decision.kind.decision')}</span>
      <span className="sess-decision__text">{decision.text}</span>
      <span className="sess-decision__meta">
        {decision.partnerIds.map((id) => <PartnerTag key={id} partners={partners} partnerId={id} short />)}
        {decision.owner && <span>{t('decision.ownerIs', { owner: decision.owner })}</span>}
        {decision.dueDate && <span>{t('decision.dueIs', { date: formatDay(decision.dueDate, language) })}</span>}
        {children}
        {onRemove && (
          <button type="button" className="button button--small button--quiet" aria-label={t('decision.removeLabel', { text: decision.text })} onClick={onRemove}>
            {t('iter.remove')}
          </button>
        )}
      </span>
    </li>
  )
}

export function Decisions({ doc, actor, session, partners }: { doc: Y.Doc; actor: Actor; session: SessionView; partners: readonly PartnerFields[] }) {
  const { t } = useI18n()
  const id = useId()
  const canWrite = can(actor.role, 'session.run')
  const [kind, setKind] = useState<DecisionKind>('decision')
  const [text, setText] = useState('')
  const [concerned, setConcerned] = useState<string[]>([])
  const [owner, setOwner] = useState('')
  const [dueDate, setDueDate] = useState('')
  const { error, run } = useBoardAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const done = run(() => addDecision(doc, actor, session.id, { kind, text, partnerIds: concerned, owner, dueDate }))
    if (done) {
      setText('')
      setOwner('')
      setDueDate('')
      setConcerned([])
      document.getElementById(`${id}-text`)?.focus()
    }
  }
  const mayRemove = (decision: DecisionFields) => canWrite
  // Each action's status as this session reports it (every change so far while it runs).
  const readActions = useCallback((d: Y.Doc) => sessionActions(listSessions(d), listActionLog(d), session.id), [session.id])
  const actions = useDocValue(doc, readActions)

  return (
    <section className="card sess-decisions" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('decision.heading')}</h3>
      {session.decisions.length === 0 ? <p className="muted">{t('decision.empty')}</p> : (
        <ul className="sess-decisions__list" aria-live="polite">
          {session.decisions.map((decision) => (
            <DecisionItem key={decision.id} decision={decision} partners={partners}
              onRemove={mayRemove(decision) ? () => run(() => removeDecision(doc, actor, session.id, decision.id)) : undefined}>
              {actions.filter((tracked) => tracked.action.id === decision.id).map((tracked) => (
                <ActionStatusControl key={tracked.action.id} doc={doc} actor={actor} actionId={tracked.action.id} text={tracked.action.text}
                  status={tracked.status} lastChange={tracked.lastChange} />
              ))}
            </DecisionItem>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="sess-decision-form" onSubmit={submit} aria-labelledby={`${id}-form-heading`} noValidate>
          <h4 id={`${id}-form-heading`}>{t('decision.add')}</h4>
          <fieldset className="iter-choice">
            <legend className="visually-hidden">{t('decision.kind')}</legend>
            {(['decision', 'action'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                {' '}{t(k === 'action' ? 'decision.kind.action' : 'decision.kind.decision')}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('decision.text')}</label>
            <textarea id={`${id}-text`} rows={2} value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
          </div>
          {partners.length > 0 && (
            <fieldset className="iter-choice">
              <legend>{t('decision.partners')}</legend>
              {partners.map((p) => (
                <label key={p.id}>
                  <input type="checkbox" checked={concerned.includes(p.id)}
                    onChange={(e) => setConcerned((list) => e.target.checked ? [...list, p.id] : list.filter((x) => x !== p.id))} />
                  {' '}<PartnerTag partners={partners} partnerId={p.id} />
                </label>
              ))}
            </fieldset>
          )}
          <div className="sess-grid">
            <div className="field">
              <label htmlFor={`${id}-owner`}>{t('decision.owner')}</label>
              <input id={`${id}-owner`} type="text" value={owner} maxLength={120} list={`${id}-people`} onChange={(e) => setOwner(e.target.value)} />
              {/* Offers the people of the session (anyone else can be typed). */}
              <datalist id={`${id}-people`}>
                {[...new Set(session.attendance.map((person) => person.name))].map((name) => <option key={name} value={name} />)}
              </datalist>
            </div>
            <div className="field">
              <label htmlFor={`${id}-due`}>{t('decision.due')}</label>
              <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
            </div>
          </div>
          <button type="submit" className="button button--primary">{t('decision.submit')}</button>
        </form>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  )
}
