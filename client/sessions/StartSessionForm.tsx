/** The facilitator starts a session: kind, title, date, phase of the method, agenda items. */
import { useId, useState, type FormEvent } from 'react'
import type { Actor } from '../../shared/board/actor.ts'
import { startSession } from '../../shared/board/sessions.ts'
import { callsForDeliberationByDefault, PHASES, SESSION_KINDS, type Phase, type SessionKind } from '../../shared/board/schema.ts'
import { BOARD_TERMS } from '../../shared/i18n/board-terms.ts'
import type * as Y from 'yjs'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

/** Today as YYYY-MM-DD, in the local time zone. */
export function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export function StartSessionForm({ doc, actor, defaultPhase }: { doc: Y.Doc; actor: Actor; defaultPhase: Phase }) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const id = useId()
  const [kind, setKind] = useState<SessionKind>('steering-committee')
  const [title, setTitle] = useState('')
  const [date, setDate] = useState(today)
  const [phase, setPhase] = useState<Phase>(defaultPhase)
  const [agenda, setAgenda] = useState('')
  // Follows the kind until the facilitator decides otherwise (a project group need not go to the boards).
  const [calls, setCalls] = useState<boolean | null>(null)
  const callsForDeliberation = calls ?? callsForDeliberationByDefault(kind)
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      startSession(doc, actor, {
        kind, date, phase, callsForDeliberation,
        title: title.trim() || terms.sessionKind[kind],
        agenda: agenda.split('\n').map((line) => line.trim()).filter(Boolean),
      })
      setError(null)
    } catch (problem) {
      setError(describeError(t, problem))
    }
  }

  return (
    <form className="card sess-start" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`}>{t('session.start.heading')}</h2>
      <p className="muted">{t('session.start.intro')}</p>
      <div className="sess-grid">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('session.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as SessionKind)}>
            {SESSION_KINDS.map((k) => <option key={k} value={k}>{terms.sessionKind[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('session.date')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('session.title')}</label>
        <input id={`${id}-title`} type="text" value={title} maxLength={200} placeholder={terms.sessionKind[kind]}
          aria-describedby={`${id}-title-hint`} onChange={(e) => setTitle(e.target.value)} />
        <p className="field__hint" id={`${id}-title-hint`}>{t('session.titleHint')}</p>
      </div>
      <fieldset className="sess-phases">
        <legend>{t('session.phase')}</legend>
        {PHASES.map((p) => (
          <label key={p} className="sess-phase">
            <input type="radio" name={`${id}-phase`} value={p} checked={phase === p} onChange={() => setPhase(p)} />
            <span>{terms.phase[p]}</span>
          </label>
        ))}
      </fieldset>
      <div className="field field--check">
        <label>
          <input type="checkbox" checked={callsForDeliberation} aria-describedby={`${id}-calls-hint`} onChange={(e) => setCalls(e.target.checked)} />
          {' '}{t('followUp.callsForDeliberation')}
        </label>
        <p className="field__hint" id={`${id}-calls-hint`}>{t('followUp.callsHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-agenda`}>{t('session.agenda')}</label>
        <textarea id={`${id}-agenda`} rows={4} value={agenda} aria-describedby={`${id}-agenda-hint`} onChange={(e) => setAgenda(e.target.value)} />
        <p className="field__hint" id={`${id}-agenda-hint`}>{t('session.agendaHint')}</p>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="submit" className="button button--primary">{t('session.start.submit')}</button>
    </form>
  )
}
