/**
 * The room display (the projector, opened with the room display link): full screen, large type,
 * high contrast, nothing to edit. It shows what the facilitator brings the room to (follow-me: a
 * charter section, the values, the interests map or matrix, vote results, a compare…) with the
 * board's own read-only sections, the room's timer, and the join QR code and short code of the
 * participant link the facilitator chose to show (fetched from the server: facilitator and display
 * only, never in the board document). Sizes follow the screen's width (room.css), so 1920×1080 and
 * 1280×720 projectors show the same layout.
 */
import { lazy, Suspense, useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { RoomJoinLinkResponse } from '../../shared/api/room.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { readRoom, type RoomState } from '../../shared/board/room.ts'
import type { BoardSection } from '../board/content-sections.tsx'
import { inviteBase } from '../http/boards-api.ts'
import { fetchRoomJoinLink } from '../http/room-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { joinCodeUrl } from '../invites/invite-names.ts'
import { inviteUrl } from '../invites/invite-url.ts'
import type { BoardSession, SessionSnapshot } from '../live/board-session.ts'
import { useDocValue } from '../live/useDocValue.ts'
import { Announcements } from '../board/Announcements.tsx'
import { RoomTimer } from './RoomTimer.tsx'
import { useSectionName } from './RoomBar.tsx'
import { unlockSound } from './soft-chime.ts'
import type { FollowMe } from './useFollowMe.ts'
import './room.css'

const QrCode = lazy(() => import('../invites/QrCode.tsx').then((module) => ({ default: module.QrCode })))

interface Props {
  boardId: string
  title: string
  token: string
  session: BoardSession
  state: SessionSnapshot
  actor: Actor
  section: BoardSection
  followMe: FollowMe
  offsetMs: number
}

const readRoomState = (doc: Y.Doc): RoomState => readRoom(doc)

/** The link to show, fetched again when the facilitator changes it (the board's `room.joinLink` marker) or on reconnection. */
function useJoinLink(boardId: string, token: string, changedAt: number, connected: boolean) {
  const [link, setLink] = useState<{ response: RoomJoinLinkResponse; url: string; joinUrl: string } | null>(null)
  useEffect(() => {
    if (!connected) return
    let live = true
    Promise.all([fetchRoomJoinLink(boardId, token), inviteBase()]).then(([response, base]) => {
      if (!live || response === 'error') return
      setLink(response ? { response, url: inviteUrl(base, boardId, response.token), joinUrl: joinCodeUrl(base) } : null)
    })
    return () => { live = false }
  }, [boardId, token, changedAt, connected])
  return link
}

export function RoomDisplay({ boardId, title, token, session, state, actor, section, followMe, offsetMs }: Props) {
  const { t } = useI18n()
  const room = useDocValue(session.doc, readRoomState)
  const sectionName = useSectionName()
  const connected = state.connection === 'connected'
  const link = useJoinLink(boardId, token, room.joinLink?.changedAt ?? 0, connected)
  const [fullScreen, setFullScreen] = useState(() => document.fullscreenElement !== null)

  // Large type for the whole page (rem-based styles scale with it), undone when leaving.
  useEffect(() => {
    document.documentElement.classList.add('room-mode')
    const onChange = () => setFullScreen(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.documentElement.classList.remove('room-mode')
      document.removeEventListener('fullscreenchange', onChange)
    }
  }, [])

  const toggleFullScreen = () => {
    unlockSound() // a click: the end-of-timer sound may play from now on
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
    else void document.documentElement.requestFullscreen?.().catch(() => {})
  }

  const timer = room.timer
  const showTimer = timer !== null && timer.state !== 'idle'
  const follow = followMe.follow

  return (
    <div className="room-display" data-section={section.id} onPointerDown={unlockSound}>
      <header className="room-display__bar">
        <h1 className="room-display__title">{title}</h1>
        <p className="room-display__where" aria-live="polite">
          {follow ? t('display.showing', { section: sectionName(follow) }) : sectionName({ section: section.id })}
        </p>
        <span className="room-display__status" data-connection={state.connection}>
          {connected ? null : t('display.reconnecting')}
        </span>
        <button type="button" className="button button--small room-display__fullscreen" aria-pressed={fullScreen} onClick={toggleFullScreen}>
          {fullScreen ? t('display.exitFullScreen') : t('display.fullScreen')}
        </button>
      </header>
      <div className="room-display__body">
        <main id="main" className="room-display__main" data-section={section.id}>
          {/* A restore or a reveal is told to the room too (board/Announcements.tsx). */}
          <Announcements boardId={boardId} doc={session.doc} personId="" />
          {section.render({
            boardId, session, snapshot: null, doc: session.doc, actor, role: 'display', peers: state.peers, loaded: state.loaded,
            onChoosePartner: () => {},
          })}
        </main>
        <aside className="room-display__side" aria-label={t('display.sideLabel')}>
          {showTimer && <RoomTimer timer={timer} offsetMs={offsetMs} variant="display" allowSound />}
          {link ? (
            <section className="room-display__join" aria-label={t('display.joinLabel')} data-testid="room-join">
              <p className="room-display__join-title">{t('display.join')}</p>
              <Suspense fallback={<span className="qr-code qr-code--loading" />}>
                <QrCode text={link.url} label={t('display.qrLabel')} size={512} />
              </Suspense>
              {link.response.code && (
                <>
                  <p className="room-display__code-caption">{t('display.codeAt', { url: link.joinUrl.replace(/^https?:\/\//, '') })}</p>
                  <p className="room-display__code" data-testid="room-join-code">{link.response.code}</p>
                </>
              )}
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  )
}


