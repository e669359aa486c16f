/** The running session's agenda: everyone reads it, the facilitator adds and removes items. */
import { useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { can } from '../../shared/auth/roles.ts'
import { addAgendaItem, removeAgendaItem, type SessionView } from '../../shared/board/sessions.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function Agenda({ doc, actor, session }: { doc: Y.Doc; actor: Actor; session: SessionView }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState('')
  const { error, run } = useBoardAction()
  const facilitator = can(actor.role, 'board.facilitate')

  const add = (event: FormEvent) => {
    event.preventDefault()
    run(() => {
      addAgendaItem(doc, actor, session.id, text)
      setText('')
    })
  }

  return (
    <section className="card sess-agenda" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('session.agenda')}</h3>
      {session.agenda.length === 0 ? <p className="muted">{t('session.agendaEmpty')}</p> : (
        <ol className="sess-agenda__list">
          {session.agenda.map((item, index) => (
            <li key={`${index}-${item}`}>
              <span>{item}</span>
              {facilitator && (
                <button type="button" className="button button--small button--quiet"
                  aria-label={t('session.agendaRemove', { item })}
                  onClick={() => run(() => removeAgendaItem(doc, actor, session.id, index))}>
                  {t('iter.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {facilitator && (
        <form className="sess-inline-form" onSubmit={add}>
          <label htmlFor={`${id}-new`} className="visually-hidden">{t('session.agendaNew')}</label>
          <input id={`${id}-new`} type="text" value={text} maxLength={300} placeholder={t('session.agendaNew')} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button">{t('session.agendaAdd')}</button>
        </form>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  )
}
