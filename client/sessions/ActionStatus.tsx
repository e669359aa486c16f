/**
 * Where an action stands (to do, in progress, done, dropped): a select for editors, text for
 * others, with who last said so and when. Every change is recorded (shared/board/actions.ts).
 */
import { useId } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { ACTION_STATUSES, setActionStatus, type ActionChange, type ActionStatus } from '../../shared/board/actions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function ActionStatusControl({ doc, actor, actionId, text, status, lastChange }: {
  doc: Y.Doc; actor: Actor; actionId: string; text: string; status: ActionStatus; lastChange: ActionChange | null
}) {
  const { t, language } = useI18n()
  const id = useId()
  const words = BOARD_TERMS[language].actionStatus
  const { error, run } = useBoardAction()
  const editable = can(actor.role, 'action.track')
  return (
    <span className="sess-action-status" data-status={status}>
      {editable ? (
        <>
          <label className="visually-hidden" htmlFor={`${id}-status`}>{t('action.statusOf', { text })}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => run(() => setActionStatus(doc, actor, actionId, e.target.value as ActionStatus))}>
            {ACTION_STATUSES.map((s) => <option key={s} value={s}>{words[s]}</option>)}
          </select>
        </>
      ) : (
        <span className={`iter-badge sess-action-status__badge sess-action-status__badge--${status}`}>{words[status]}</span>
      )}
      {lastChange && (
        <span className="sess-action-status__by">{t('action.lastChange', { name: lastChange.by.name, date: formatDay(lastChange.at.slice(0, 10), language) })}</span>
      )}
      {error && <span className="form-error" role="alert">{error}</span>}
    </span>
  )
}
