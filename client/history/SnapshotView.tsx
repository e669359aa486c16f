/**
 * One saved snapshot (an iteration, a named snapshot, a restore point) with the same views as the
 * live board: the content sections (content-sections.tsx) render on the snapshot's own Y.Doc with an
 * observer actor and no live session, so nothing can change it. Its own links choose the view
 * (`&section=…` in the address, back goes to the previous one); an iteration also has its session
 * record and each partner's deliberation on it (those are recorded on the live board).
 */
import { useCallback, useId, useMemo } from 'react'
import type * as Y from 'yjs'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { listActionLog, sessionActions } from '../../shared/board/actions.ts'
import { listSessions, type SessionView } from '../../shared/board/sessions.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { navigate, useSearchParam } from '../app/router.ts'
import { CONTENT_SECTIONS } from '../board/content-sections.tsx'
import type { SectionProps } from '../board/section-props.ts'
import { Deliberations } from '../deliberations/Deliberations.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/en.ts'
import { useDocValue } from '../live/useDocValue.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { usePartners } from '../partners/usePartners.ts'
import { DecisionItem } from '../sessions/Decisions.tsx'
import { ActionsFollowUp } from '../sessions/ActionsFollowUp.tsx'

/** The query parameter of the view shown in an open snapshot. */
export const SNAPSHOT_SECTION_PARAM = 'section'
const RECORD = 'record'

/** The record of one session: kind, phase, date, attendance by partner, agenda, decisions. */
export function SessionRecord({ session, partners, actionsShownApart = false }: {
  session: SessionView; partners: readonly PartnerFields[]
  /** The session's actions are shown beside the record with their status (ActionsFollowUp): list only its other decisions. */
  actionsShownApart?: boolean
}) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const decisions = actionsShownApart ? session.decisions.filter((d) => d.kind !== 'action') : session.decisions
  const present = session.attendance.filter((a) => a.present)
  const byPartner = [...new Set(present.map((a) => a.partnerId))]
  return (
    <div className="hist-session">
      <dl className="iter-facts">
        <div><dt>{t('session.kind')}</dt><dd>{terms.sessionKind[session.kind]}</dd></div>
        <div><dt>{t('session.date')}</dt><dd>{formatDay(session.date, language)}</dd></div>
        <div><dt>{t('session.phase')}</dt><dd>{terms.phase[session.phase]}</dd></div>
      </dl>
      <h4>{t('session.attendance')}</h4>
      {present.length === 0 ? <p className="muted">{t('history.nobody')}</p> : (
        <ul className="hist-attendance">
          {byPartner.map((partnerId) => (
            <li key={partnerId || 'none'}>
              {partnerId ? <PartnerTag partners={partners} partnerId={partnerId} /> : <span className="muted">{t('session.noPartner')}</span>}
              {' '}{present.filter((a) => a.partnerId === partnerId).map((a) => a.name).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('session.agenda')}</h4>
      {session.agenda.length === 0 ? <p className="muted">{t('session.agendaEmpty')}</p> : (
        <ol>{session.agenda.map((item, i) => <li key={i}>{item}</li>)}</ol>
      )}
      <h4>{t('decision.heading')}</h4>
      {decisions.length === 0 ? <p className="muted">{t(actionsShownApart ? 'decision.emptyActionsApart' : 'decision.empty')}</p> : (
        <ul className="sess-decisions__list">{decisions.map((d) => <DecisionItem key={d.id} decision={d} partners={partners} />)}</ul>
      )}
    </div>
  )
}

interface Props {
  boardId: string
  snapshot: SnapshotSummary
  /** The snapshot's doc (useSnapshotDoc): read-only, never synced. */
  doc: Y.Doc
  /** The live board's doc and my actor there: deliberations on the iteration are recorded on it. */
  liveDoc: Y.Doc
  actor: Actor
  livePartners: readonly PartnerFields[]
  /** The address of this snapshot showing one of its views. */
  pathOf(section: string): string
}

export function SnapshotView({ boardId, snapshot, doc, liveDoc, actor, livePartners, pathOf }: Props) {
  const { t } = useI18n()
  const id = useId()
  const findSession = useCallback((d: Y.Doc) => listSessions(d).find((s) => s.id === snapshot.sessionId) ?? null, [snapshot.sessionId])
  const session = useDocValue(doc, findSession)
  // An iteration's actions are listed once, in the follow-up from the live board (with their status
  // since), when the live board still has them; else as the record kept them.
  const liveActionCount = useCallback((d: Y.Doc) => (snapshot.kind === 'iteration' && snapshot.sessionId
    ? sessionActions(listSessions(d), listActionLog(d), snapshot.sessionId).length : 0), [snapshot.kind, snapshot.sessionId])
  const actionsFollowedUp = useDocValue(liveDoc, liveActionCount) > 0
  const partners = usePartners(doc)
  const hasRecord = session !== null || snapshot.kind === 'iteration'
  const views: { id: string; labelKey: MessageKey }[] = [
    ...(hasRecord ? [{ id: RECORD, labelKey: 'history.record' as const }] : []),
    ...CONTENT_SECTIONS,
  ]
  const asked = useSearchParam(SNAPSHOT_SECTION_PARAM)
  const current = views.find((view) => view.id === asked) ?? views[0]!
  const content = CONTENT_SECTIONS.find((section) => section.id === current.id)

  // Who looks at a snapshot is an observer of it, whatever their role on the live board.
  const reader = useMemo<Actor>(() => ({ ...actor, role: 'observer' }), [actor])
  const props: SectionProps = {
    boardId, session: null, snapshot: { id: snapshot.id, label: snapshot.label }, doc, actor: reader, role: 'observer',
    peers: [], loaded: true, onChoosePartner: () => {},
  }

  return (
    <div className="hist-view" data-testid="snapshot-view" data-snapshot={snapshot.id}>
      <nav className="board-nav hist-nav" aria-label={t('history.viewsLabel', { label: snapshot.label })}>
        <ul className="board-nav__list">
          {views.map((view) => {
            const href = pathOf(view.id)
            return (
              <li key={view.id}>
                <a
                  href={href}
                  className="board-nav__link"
                  data-snapshot-section={view.id}
                  aria-current={view.id === current.id ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
                    event.preventDefault()
                    if (view.id !== current.id) navigate(href, { scroll: false })
                  }}
                >
                  {t(view.labelKey)}
                </a>
              </li>
            )
          })}
        </ul>
      </nav>
      <div className="hist-view__body" data-section={current.id}>
        {content ? <div key={current.id} className="hist-view__section">{content.render(props)}</div> : (
          <>
            {session && (
              <section className="card" aria-labelledby={`${id}-session`}>
                <h3 id={`${id}-session`}>{t('history.sessionOf', { title: session.title })}</h3>
                <SessionRecord session={session} partners={partners} actionsShownApart={actionsFollowedUp} />
              </section>
            )}
            {snapshot.kind === 'iteration' && session && <ActionsFollowUp doc={liveDoc} sessionId={session.id} partners={livePartners} />}
            {snapshot.kind === 'iteration' && (
              <Deliberations doc={liveDoc} actor={actor} snapshotId={snapshot.id} label={snapshot.label} partners={livePartners} />
            )}
          </>
        )}
      </div>
    </div>
  )
}
