/** Boards opened on this device, newest first; each can be forgotten (its token leaves the device). */
import { useEffect, useMemo, useRef, useState } from 'react'
import { boardPath } from '../app/router.ts'
import { Link } from '../app/Link.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { forgetBoard, knownBoards, type KnownBoard } from '../storage/boards.ts'
import { deleteLocalDatabase } from '../storage/local-database.ts'

export function RecentBoards({ version }: { version: number }) {
  const { t, formatDate } = useI18n()
  const [forgotten, setForgotten] = useState(0)
  const [confirming, setConfirming] = useState<string | null>(null)
  // Cancelled (button or Esc): focus goes back to that board's "Forget" button.
  const list = useRef<HTMLUListElement>(null)
  const [returnFocus, setReturnFocus] = useState<string | null>(null)
  const cancel = (boardId: string) => {
    setConfirming(null)
    setReturnFocus(boardId)
  }
  useEffect(() => {
    if (confirming !== null || returnFocus === null) return
    list.current?.querySelector<HTMLElement>(`[data-forget="${CSS.escape(returnFocus)}"]`)?.focus()
    setReturnFocus(null)
  }, [confirming, returnFocus])
  // Re-read when the list may have changed: a board created here, or forgotten.
  const boards: KnownBoard[] = useMemo(() => knownBoards(), [version, forgotten])

  return (
    <section className="card recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('home.recent.heading')}</h2>
      {boards.length === 0 ? (
        <p className="muted">{t('home.recent.empty')}</p>
      ) : (
        <ul className="recent__list" ref={list}>
          {boards.map((board) => (
            <li key={board.id} className="recent__item">
              <div className="recent__main">
                <Link href={boardPath(board.id)} className="recent__title">{board.title}</Link>
                <span className="recent__meta">
                  {board.role && <span className={`role-badge role-badge--${board.role}`}>{t(`role.${board.role}`)}</span>}
                  {board.lastOpened && <span>{t('home.recent.lastOpened', { date: formatDate(board.lastOpened) })}</span>}
                </span>
              </div>
              {confirming === board.id ? (
                <div className="recent__confirm" role="group" aria-label={t('home.recent.forget', { title: board.title ?? board.id })}
                  onKeyDown={(event) => { if (event.key === 'Escape') cancel(board.id) }}>
                  <p>{t('home.recent.forgetConfirm')}</p>
                  <div className="form-actions">
                    <button
                      type="button"
                      className="button button--small button--danger"
                      onClick={() => {
                        forgetBoard(board.id)
                        // The local copy of the document goes too: forgetting means nothing stays here.
                        deleteLocalDatabase(board.id)
                        setConfirming(null)
                        setForgotten((n) => n + 1)
                      }}
                    >
                      {t('home.recent.forgetShort')}
                    </button>
                    {/* The safe choice first: focus starts on Cancel. */}
                    <button type="button" className="button button--small" autoFocus onClick={() => cancel(board.id)}>{t('join.cancel')}</button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  data-forget={board.id}
                  aria-label={t('home.recent.forget', { title: board.title ?? board.id })}
                  onClick={() => setConfirming(board.id)}
                >
                  {t('home.recent.forgetShort')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
