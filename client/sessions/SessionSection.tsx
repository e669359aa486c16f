/**
 * The Session section: the facilitator starts a session; during it everyone follows the agenda,
 * attendance (from presence, corrected by hand) and notes decisions and actions; the facilitator
 * ends it, which saves the numbered iteration. A named snapshot can be saved at any time.
 */
import { useEffect, useRef, useState } from 'react'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { can } from '../../shared/auth/roles.ts'
import { currentSession, listSessions } from '../../shared/board/sessions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import type { SectionProps } from '../board/section-props.ts'
import { boardPath, navigate } from '../app/router.ts'
import { PendingDeliberations } from '../deliberations/PendingDeliberations.tsx'
import { endSession } from '../http/snapshots-api.ts'
import { apiErrorText } from '../history/api-error.ts'
import { snapshotsChanged, useBoardToken, useSnapshots } from '../history/useSnapshots.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { usePartners } from '../partners/usePartners.ts'
import { Agenda } from './Agenda.tsx'
import { Attendance, useRecordPresence } from './Attendance.tsx'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { Decisions } from './Decisions.tsx'
import { CarriedActions } from './CarriedActions.tsx'
import { ActionsFollowUp } from './ActionsFollowUp.tsx'
import { DeliberationCall } from './DeliberationCall.tsx'
import { SessionMinutes } from './SessionMinutes.tsx'
import { ReportDownloads } from '../downloads/ReportDownloads.tsx'
import { SnapshotForm } from './SnapshotForm.tsx'
import { StartSessionForm } from './StartSessionForm.tsx'
import { useMethod } from '../method/MethodSection.tsx'
import './iterations.css'

export function SessionSection({ boardId, doc, actor, role, peers }: SectionProps) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const token = useBoardToken(boardId)
  const partners = usePartners(doc)
  const running = useDocValue(doc, currentSession)
  // A new session starts in the board's current phase (the facilitator may pick another).
  const method = useMethod(doc)
  const last = useDocValue(doc, listSessions)[0] ?? null
  const { snapshots } = useSnapshots(boardId, doc)
  const facilitator = can(role, 'board.facilitate')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [ended, setEnded] = useState<SnapshotSummary | null>(null)
  const [error, setError] = useState<string | null>(null)

  useRecordPresence(doc, actor, running, peers)
  // Once the session has ended, its button is gone: focus goes to what came of it.
  const endedCard = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (ended) endedCard.current?.focus()
  }, [ended])

  const end = async () => {
    if (!running) return
    setBusy(true)
    const result = await endSession(boardId, token, running.id)
    setBusy(false)
    setConfirming(false)
    if (result.ok) {
      setEnded(result.value)
      setError(null)
      snapshotsChanged()
    } else {
      setError(apiErrorText(t, result))
    }
  }

  return (
    <div className="iter sess" data-testid="session-section">
      <h2 className="iter__title">{t('section.session')}</h2>
      <PendingDeliberations doc={doc} snapshots={snapshots} partners={partners} />
      {ended && (
        <div className="card iter-success-card" role="status" ref={endedCard} tabIndex={-1}>
          <p><strong>{t('session.ended', { label: ended.label })}</strong></p>
          <ReportDownloads boardId={boardId} snapshotId={ended.id} label={ended.label} charter />
          <a className="button button--small" href={`${boardPath(boardId)}?view=history`}
            onClick={(e) => { e.preventDefault(); navigate(`${boardPath(boardId)}?view=history`, { scroll: false }) }}>
            {t('session.seeHistory')}
          </a>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {running ? (
        <>
          <section className="card sess-running" aria-labelledby="sess-running-heading" data-session={running.id}>
            <p className="sess-running__kicker"><span className="iter-badge iter-badge--live">● {t('session.underway')}</span></p>
            <h3 id="sess-running-heading" className="sess-running__title">{running.title}</h3>
            <dl className="iter-facts">
              <div><dt>{t('session.kind')}</dt><dd>{terms.sessionKind[running.kind]}</dd></div>
              <div><dt>{t('session.date')}</dt><dd>{formatDay(running.date, language)}</dd></div>
              <div><dt>{t('session.phase')}</dt><dd>{terms.phase[running.phase]}</dd></div>
            </dl>
            <DeliberationCall doc={doc} actor={actor} session={running} />
            {facilitator && (
              <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>{t('session.end')}</button>
            )}
          </section>
          <div className="sess-columns">
            <div>
              <Agenda doc={doc} actor={actor} session={running} />
              <Attendance doc={doc} actor={actor} session={running} partners={partners} />
            </div>
            <div>
              <CarriedActions doc={doc} actor={actor} session={running} partners={partners} />
              <Decisions doc={doc} actor={actor} session={running} partners={partners} />
              <SessionMinutes key={running.id} doc={doc} actor={actor} session={running} />
            </div>
          </div>
        </>
      ) : facilitator ? (
        <StartSessionForm key={last?.id ?? 'first'} doc={doc} actor={actor} defaultPhase={method.phase} />
      ) : (
        <p className="card muted">{t('session.none')}</p>
      )}
      {!running && facilitator && last?.endedAt && (
        // The minutes are often finished after the meeting: the last session's stay open for that, next to its report.
        <section className="card sess-after" aria-labelledby="sess-after-heading" data-session={last.id}>
          <h3 id="sess-after-heading">{t('minutes.after', { title: last.title })}</h3>
          <p className="field__hint">{t('minutes.afterHint')}</p>
          {last.snapshotId && <ReportDownloads boardId={boardId} snapshotId={last.snapshotId} label={snapshots?.find((x) => x.id === last.snapshotId)?.label ?? last.title} charter />}
          <div className="sess-columns">
            <Agenda doc={doc} actor={actor} session={last} />
            <SessionMinutes key={last.id} doc={doc} actor={actor} session={last} />
          </div>
          <ActionsFollowUp doc={doc} sessionId={last.id} partners={partners} actor={actor} />
        </section>
      )}
      {facilitator && <SnapshotForm boardId={boardId} />}
      {confirming && running && (
        <ConfirmDialog title={t('session.endConfirmTitle')} confirmLabel={busy ? t('session.ending') : t('session.endConfirm')} busy={busy}
          onConfirm={end} onClose={() => setConfirming(false)}>
          <p>{t('session.endConfirmBody', { title: running.title })}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}
