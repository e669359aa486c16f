/**
 * An ended session's actions as its compte rendu reports them (from the live board: their statuses
 * are recorded after the meeting too): its own actions with their status, and the actions of earlier
 * sessions it followed up. Read-only in History; editable after the meeting, until the next session
 * starts (what changes then belongs to this session's minutes).
 */
import { useCallback, useId } from 'react'
import type * as Y from 'yjs'
import { carriedOverActions, listActionLog, sessionActions, type TrackedAction } from '../../shared/board/actions.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { listSessions } from '../../shared/board/sessions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { DecisionItem } from './Decisions.tsx'
import { ActionStatusControl } from './ActionStatus.tsx'
import type { Actor } from '../../shared/board/actor.ts'

function Tracked({ tracked, partners, carried, doc, actor }: {
  tracked: TrackedAction; partners: readonly PartnerFields[]; carried: boolean; doc: Y.Doc; actor?: Actor
}) {
  const { t, language } = useI18n()
  const { action, origin, status, lastChange } = tracked
  return (
    <DecisionItem decision={action} partners={partners}>
      {carried && <span className="sess-carried__from">{t('action.from', { title: origin.title, date: formatDay(origin.date, language) })}</span>}
      {actor ? <ActionStatusControl doc={doc} actor={actor} actionId={action.id} text={action.text} status={status} lastChange={lastChange} /> : (
        <span className="sess-action-status" data-status={status}>
          <span className={`iter-badge sess-action-status__badge sess-action-status__badge--${status}`}>{BOARD_TERMS[language].actionStatus[status]}</span>
          {lastChange && <span className="sess-action-status__by">{t('action.lastChange', { name: lastChange.by.name, date: formatDay(lastChange.at.slice(0, 10), language) })}</span>}
        </span>
      )}
    </DecisionItem>
  )
}

export function ActionsFollowUp({ doc, sessionId, partners, actor }: {
  doc: Y.Doc; sessionId: string; partners: readonly PartnerFields[]
  /** Who may change the statuses here (none: read-only). */
  actor?: Actor
}) {
  const { t } = useI18n()
  const id = useId()
  const read = useCallback((d: Y.Doc) => {
    const sessions = listSessions(d)
    const log = listActionLog(d)
    return { own: sessionActions(sessions, log, sessionId), carried: carriedOverActions(sessions, log, sessionId) }
  }, [sessionId])
  const { own, carried } = useDocValue(doc, read)
  if (own.length === 0 && carried.length === 0) return null
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="actions-follow-up">
      <h3 id={`${id}-heading`}>{t('action.followUp.heading')}</h3>
      {own.length > 0 && <ul className="sess-decisions__list">{own.map((x) => <Tracked key={x.action.id} tracked={x} partners={partners} carried={false} doc={doc} actor={actor} />)}</ul>}
      {carried.length > 0 && (
        <>
          <h4>{t('action.carried.heading')}</h4>
          <ul className="sess-decisions__list">{carried.map((x) => <Tracked key={x.action.id} tracked={x} partners={partners} carried doc={doc} actor={actor} />)}</ul>
        </>
      )}
    </section>
  )
}
