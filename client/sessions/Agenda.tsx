/**
 * The session's agenda and the minutes of each item (what was said, what came of it): everyone reads
 * them, the facilitator adds and removes items and writes the minutes, during the session or after it.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { can } from '../../shared/auth/roles.ts'
import { addAgendaItem, AGENDA_NOTE_MAX, removeAgendaItem, setAgendaNote, type SessionView } from '../../shared/board/sessions.ts'
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
              {facilitator
                ? <AgendaNote item={item} note={session.notes[item] ?? ''} onSave={(text) => run(() => setAgendaNote(doc, actor, session.id, item, text))} />
                : session.notes[item] && <p className="sess-agenda__note">{session.notes[item]}</p>}
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

/** The minutes of one agenda item, saved when the field is left (not at every keystroke). */
function AgendaNote({ item, note, onSave }: { item: string; note: string; onSave: (text: string) => void }) {
  const { t } = useI18n()
  const id = useId()
  const [value, setValue] = useState(note)
  useEffect(() => setValue(note), [note])
  return (
    <div className="field sess-agenda__note">
      <label htmlFor={id} className="visually-hidden">{t('session.agendaNotesOf', { item })}</label>
      <textarea id={id} rows={2} value={value} maxLength={AGENDA_NOTE_MAX} placeholder={t('session.agendaNotes')}
        onChange={(e) => setValue(e.target.value)} onBlur={() => { if (value.trim() !== note) onSave(value) }} />
    </div>
  )
}
