/**
 * Phase 5's follow-up in a session: the actions of earlier sessions still open when it began, with
 * the session each comes from, and where it stands now (editors change it here). One marked done or
 * dropped shows so in this session and its compte rendu, and is not carried to the next one.
 */
import { useCallback, useId } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { carriedOverActions, listActionLog } from '../../shared/board/actions.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { listSessions, type SessionView } from '../../shared/board/sessions.ts'
import { formatDay } from '../../shared/i18n/board-terms.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { ActionStatusControl } from './ActionStatus.tsx'
import { DecisionItem } from './Decisions.tsx'

export function CarriedActions({ doc, actor, session, partners }: { doc: Y.Doc; actor: Actor; session: SessionView; partners: readonly PartnerFields[] }) {
  const { t, language } = useI18n()
  const id = useId()
  const read = useCallback((d: Y.Doc) => carriedOverActions(listSessions(d), listActionLog(d), session.id), [session.id])
  const carried = useDocValue(doc, read)
  return (
    <section className="card sess-carried" aria-labelledby={`${id}-heading`} data-testid="carried-actions">
      <h3 id={`${id}-heading`}>{t('action.carried.heading')}</h3>
      {carried.length === 0 ? <p className="muted">{t('action.carried.empty')}</p> : (
        <>
          <p className="field__hint">{t('action.carried.intro')}</p>
          <ul className="sess-decisions__list">
            {carried.map(({ action, origin, status, lastChange }) => (
              <DecisionItem key={action.id} decision={action} partners={partners}>
                <span className="sess-carried__from">{t('action.from', { title: origin.title, date: formatDay(origin.date, language) })}</span>
                <ActionStatusControl doc={doc} actor={actor} actionId={action.id} text={action.text} status={status} lastChange={lastChange} />
              </DecisionItem>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
