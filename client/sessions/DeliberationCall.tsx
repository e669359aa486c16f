/**
 * Phase 4: whether the partners' boards are to deliberate on this session's iteration. It follows
 * the kind (a steering committee does, a project group need not); the facilitator may change it.
 * Reports and the pending-deliberation reminders follow it.
 */
import { useId } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { updateSession, type SessionView } from '../../shared/board/sessions.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function DeliberationCall({ doc, actor, session }: { doc: Y.Doc; actor: Actor; session: SessionView }) {
  const { t } = useI18n()
  const id = useId()
  const { error, run } = useBoardAction()
  if (!can(actor.role, 'session.run')) {
    return <p className="sess-call" data-calls={session.callsForDeliberation}>{t(session.callsForDeliberation ? 'followUp.calls' : 'followUp.noCall')}</p>
  }
  return (
    <div className="sess-call" data-calls={session.callsForDeliberation}>
      <label>
        <input type="checkbox" checked={session.callsForDeliberation} aria-describedby={`${id}-hint`}
          onChange={(e) => run(() => updateSession(doc, actor, session.id, { callsForDeliberation: e.target.checked }))} />
        {' '}{t('followUp.callsForDeliberation')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>{t('followUp.callsHint')}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  )
}
