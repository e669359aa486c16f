/**
 * The History section: the timeline of iterations (with kind, phase, date and who attended), named
 * snapshots and restore points; open any of them read-only with the live board's views (SnapshotView);
 * compare any two (or one with the live board); restore one (facilitator); each partner's deliberation
 * on an iteration; downloads. What is open lives in the address (`?view=history&open=…&section=…`,
 * `&from=…&to=…`): back closes it.
 */
import { useEffect, useMemo, useState } from 'react'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { can } from '../../shared/auth/roles.ts'
import type { BoardDiff } from '../../shared/board/compare.ts'
import { listGroups } from '../../shared/board/interests.ts'
import { listSessions } from '../../shared/board/sessions.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { boardPath, navigate, useSearchParam } from '../app/router.ts'
import type { SectionProps } from '../board/section-props.ts'
import { PendingDeliberations } from '../deliberations/PendingDeliberations.tsx'
import { BoardDownloads } from '../downloads/CharterDownloads.tsx'
import { ReportDownloads } from '../downloads/ReportDownloads.tsx'
import type { ApiFailure } from '../http/request.ts'
import { compareSnapshots, restoreSnapshot } from '../http/snapshots-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { usePartners } from '../partners/usePartners.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { ConfirmDialog } from '../sessions/ConfirmDialog.tsx'
import { apiErrorText } from './api-error.ts'
import { CompareView } from './CompareView.tsx'
import { SNAPSHOT_SECTION_PARAM, SnapshotView } from './SnapshotView.tsx'
import { useSnapshotDoc } from './useSnapshotDoc.ts'
import { snapshotsChanged, useBoardToken, useSnapshot, useSnapshots } from './useSnapshots.ts'
import { LockIcon } from '../app/icons.tsx'
import type * as Y from 'yjs'
import '../sessions/iterations.css'

export const LIVE = 'live'

function historyPath(boardId: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams({ view: 'history', ...params })
  return `${boardPath(boardId)}?${search.toString()}`
}

const readGroupNames = (doc: Y.Doc) => listGroups(doc).map((g) => [g.id, g.name] as const)

/** Runs the server's compare of `from` and `to` (a snapshot id or 'live'). */
function useCompare(boardId: string, from: string | null, to: string | null, version: number) {
  const token = useBoardToken(boardId)
  const [state, setState] = useState<{ key: string; diff: BoardDiff | null; error: ApiFailure | null } | null>(null)
  const key = `${from}|${to}|${version}`
  useEffect(() => {
    if (!from || !to) return
    let live = true
    compareSnapshots(boardId, token, from, to).then((result) => {
      if (live) setState(result.ok ? { key, diff: result.value, error: null } : { key, diff: null, error: result })
    })
    return () => { live = false }
  }, [boardId, token, from, to, key])
  return state?.key === key ? state : null
}

export function HistorySection({ boardId, doc, actor, role }: SectionProps) {
  const { t, language, formatDate } = useI18n()
  const terms = BOARD_TERMS[language]
  const token = useBoardToken(boardId)
  const { snapshots, error } = useSnapshots(boardId, doc)
  const livePartners = usePartners(doc)
  const sessions = useDocValue(doc, listSessions)
  const liveGroups = useDocValue(doc, readGroupNames)
  const open = useSearchParam('open')
  const from = useSearchParam('from')
  const to = useSearchParam('to')
  const facilitator = can(role, 'snapshots.write')
  const [restoring, setRestoring] = useState<SnapshotSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const [restored, setRestored] = useState<{ from: SnapshotSummary; point: SnapshotSummary } | null>(null)
  const [restoreError, setRestoreError] = useState<string | null>(null)
  const [compareVersion, setCompareVersion] = useState(0)
  const [pickFrom, setPickFrom] = useState('')
  const [pickTo, setPickTo] = useState(LIVE)

  const list = snapshots ?? []
  const iterations = list.filter((s) => s.kind === 'iteration')
  const latest = iterations[0] ?? null
  const labelOf = (snapshotId: string | null) => snapshotId === LIVE ? t('history.liveBoard') : list.find((s) => s.id === snapshotId)?.label ?? snapshotId ?? ''
  const opened = open ? list.find((s) => s.id === open) ?? null : null
  const openedDoc = useSnapshotDoc(boardId, open)
  const openError = openedDoc.error ?? (opened ? null : error)
  const fromData = useSnapshot(boardId, from && from !== LIVE ? from : null)
  const toData = useSnapshot(boardId, to && to !== LIVE ? to : null)
  const comparison = useCompare(boardId, from, to, compareVersion)

  // A partner removed since keeps its name and colour in what compares to the past.
  const partners = useMemo<PartnerFields[]>(() => {
    const all = new Map<string, PartnerFields>()
    for (const p of [...(fromData.snapshot?.board.partners ?? []), ...(toData.snapshot?.board.partners ?? []), ...livePartners]) all.set(p.id, p)
    return [...all.values()]
  }, [fromData.snapshot, toData.snapshot, livePartners])
  const groupNames = useMemo(() => new Map<string, string>([
    ...(fromData.snapshot?.board.groups ?? []).map((g) => [g.id, g.name] as const),
    ...(toData.snapshot?.board.groups ?? []).map((g) => [g.id, g.name] as const),
    ...liveGroups,
  ]), [fromData.snapshot, toData.snapshot, liveGroups])

  const go = (params: Record<string, string> = {}) => navigate(historyPath(boardId, params), { scroll: false })
  const compare = (a: string, b: string) => {
    setCompareVersion((n) => n + 1)
    go({ from: a, to: b })
  }

  const restore = async () => {
    if (!restoring) return
    setBusy(true)
    const result = await restoreSnapshot(boardId, token, restoring.id, actor.name)
    setBusy(false)
    const target = restoring
    setRestoring(null)
    if (result.ok) {
      setRestored({ from: target, point: result.value.restorePoint })
      setRestoreError(null)
      snapshotsChanged()
    } else {
      setRestoreError(apiErrorText(t, result))
    }
  }

  const sessionOf = (snapshot: SnapshotSummary) => snapshot.sessionId ? sessions.find((s) => s.id === snapshot.sessionId) ?? null : null
  const options = list.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)

  return (
    <div className="iter hist" data-testid="history-section">
      <h2 className="iter__title">{t('section.history')}</h2>
      <PendingDeliberations doc={doc} snapshots={snapshots} partners={livePartners} />

      {restored && (
        <div className="card iter-success-card" role="status">
          <p><strong>{t('restore.done', { label: restored.from.label })}</strong></p>
          <p>{t('restore.kept', { label: restored.point.label })}</p>
          {facilitator && (
            <button type="button" className="button button--small" onClick={() => setRestoring(restored.point)}>{t('restore.undo')}</button>
          )}
        </div>
      )}
      {restoreError && <p className="form-error" role="alert">{restoreError}</p>}

      <section className="card hist-tools" aria-labelledby="hist-compare-heading">
        <h3 id="hist-compare-heading">{t('compare.title')}</h3>
        {latest ? (
          <button type="button" className="button button--primary" onClick={() => compare(latest.id, LIVE)}>
            {t('compare.sinceLast')}
          </button>
        ) : <p className="muted">{t('compare.noIteration')}</p>}
        {list.length > 0 && (
          <form className="hist-pick" onSubmit={(e) => { e.preventDefault(); if (pickFrom || list[1]) compare(pickFrom || list[1]!.id, pickTo) }}>
            <div className="field">
              <label htmlFor="hist-from">{t('compare.from')}</label>
              <select id="hist-from" value={pickFrom || list[1]?.id || list[0]!.id} onChange={(e) => setPickFrom(e.target.value)}>{options}</select>
            </div>
            <div className="field">
              <label htmlFor="hist-to">{t('compare.to')}</label>
              <select id="hist-to" value={pickTo} onChange={(e) => setPickTo(e.target.value)}>
                <option value={LIVE}>{t('history.liveBoard')}</option>
                {options}
              </select>
            </div>
            <button type="submit" className="button">{t('compare.run')}</button>
          </form>
        )}
      </section>

      {from && to && (
        <div className="hist-panel">
          <p><button type="button" className="button button--small" onClick={() => go()}>← {t('history.back')}</button></p>
          {comparison === null ? <p className="muted" role="status">{t('compare.loading')}</p>
            : comparison.error ? <p className="form-error" role="alert">{apiErrorText(t, comparison.error)}</p>
            : comparison.diff && <CompareView diff={comparison.diff} fromLabel={labelOf(from)} toLabel={labelOf(to)} partners={partners} groupNames={groupNames} />}
        </div>
      )}

      {open && (
        <div className="hist-panel">
          <p><button type="button" className="button button--small" onClick={() => go()}>← {t('history.back')}</button></p>
          <div className="hist-readonly-banner" role="note">
            <h3><LockIcon inline />{t('history.readOnlyTitle', { label: opened?.label ?? '' })}</h3>
            <p>{t('history.readOnlyNote')}</p>
          </div>
          {openError ? <p className="form-error" role="alert">{apiErrorText(t, openError)}</p>
            : !openedDoc.doc || !opened ? <p className="muted" role="status">{t('history.loading')}</p> : (
              <>
                <div className="card hist-actions">
                  <ReportDownloads boardId={boardId} snapshotId={opened.id} label={opened.label} charter />
                  <div className="form-actions">
                    <button type="button" className="button button--small" onClick={() => compare(opened.id, LIVE)}>{t('compare.withLive')}</button>
                    {facilitator && <button type="button" className="button button--small" onClick={() => setRestoring(opened)}>{t('restore.button')}</button>}
                  </div>
                </div>
                <SnapshotView
                  boardId={boardId} snapshot={opened} doc={openedDoc.doc} liveDoc={doc} actor={actor} livePartners={livePartners}
                  pathOf={(section) => historyPath(boardId, { open: opened.id, [SNAPSHOT_SECTION_PARAM]: section })}
                />
              </>
            )}
        </div>
      )}

      {!open && !(from && to) && (
        <section className="card" aria-labelledby="hist-timeline-heading">
          <h3 id="hist-timeline-heading">{t('history.timeline')}</h3>
          {error && <p className="form-error" role="alert">{apiErrorText(t, error)}</p>}
          {snapshots === null && !error && <p className="muted" role="status">{t('history.loading')}</p>}
          {snapshots?.length === 0 && <p className="muted">{t('history.empty')}</p>}
          <ol className="hist-timeline" data-testid="timeline">
            {list.map((snapshot, index) => {
              const session = sessionOf(snapshot)
              const present = session?.attendance.filter((a) => a.status === 'present') ?? []
              const previousIteration = snapshot.kind === 'iteration' ? list.slice(index + 1).find((s) => s.kind === 'iteration') : undefined
              return (
                <li key={snapshot.id} className={`hist-item hist-item--${snapshot.kind}`} data-kind={snapshot.kind} data-snapshot={snapshot.id}>
                  <div className="hist-item__head">
                    <span className="iter-badge">{t(`history.kind.${snapshot.kind}`)}</span>
                    <strong className="hist-item__label">{snapshot.label}</strong>
                    <span className="muted">{formatDate(snapshot.createdAt)}</span>
                  </div>
                  {session && (
                    <p className="hist-item__facts">
                      {terms.sessionKind[session.kind]} · {terms.phase[session.phase]} · {formatDay(session.date, language)}
                    </p>
                  )}
                  {session && present.length > 0 && (
                    <p className="hist-item__who">
                      <span className="muted">{t('history.attended')} </span>
                      {[...new Set(present.map((a) => a.partnerId))].map((partnerId) => (
                        <span key={partnerId || 'none'} className="hist-who">
                          {partnerId && <PartnerTag partners={livePartners} partnerId={partnerId} short />}{' '}
                          {present.filter((a) => a.partnerId === partnerId).map((a) => a.name).join(', ')}
                        </span>
                      ))}
                    </p>
                  )}
                  {snapshot.kind === 'iteration' && <ReportDownloads boardId={boardId} snapshotId={snapshot.id} label={snapshot.label} />}
                  <div className="form-actions hist-item__actions">
                    <button type="button" className="button button--small" aria-label={t('history.openLabel', { label: snapshot.label })} onClick={() => go({ open: snapshot.id })}>
                      {t('history.open')}
                    </button>
                    {previousIteration && (
                      <button type="button" className="button button--small" aria-label={t('compare.withPreviousLabel', { label: snapshot.label })} onClick={() => compare(previousIteration.id, snapshot.id)}>
                        {t('compare.withPrevious')}
                      </button>
                    )}
                    {facilitator && (
                      <button type="button" className="button button--small button--quiet" aria-label={t('restore.buttonLabel', { label: snapshot.label })} onClick={() => setRestoring(snapshot)}>
                        {t('restore.button')}
                      </button>
                    )}
                  </div>
                </li>
              )
            })}
          </ol>
        </section>
      )}

      <BoardDownloads boardId={boardId} role={role} />

      {restoring && (
        <ConfirmDialog title={t('restore.confirmTitle', { label: restoring.label })} confirmLabel={busy ? t('restore.busy') : t('restore.confirm')} busy={busy}
          onConfirm={restore} onClose={() => setRestoring(null)}>
          <p>{t('restore.confirmBody')}</p>
          <p>{t('restore.confirmUndo')}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}
