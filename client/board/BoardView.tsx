/** An open board: header (title, role, status, my details), its sections (charter, values…), and who is here. */
import { useEffect, useMemo, useRef, useState } from 'react'
import * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import { AppHeader } from '../app/AppHeader.tsx'
import { Link } from '../app/Link.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { InvitePanel } from '../invites/InvitePanel.tsx'
import type { Profile } from '../storage/profile.ts'
import type { PresenceUser } from '../live/presence.ts'
import { useBoardSession } from '../live/useBoardSession.ts'
import { CurrentPhase } from '../method/MethodSection.tsx'
import type { BoardAccess } from './useBoardAccess.ts'
import { BoardNav, useCurrentSection } from './BoardSections.tsx'
import { NOT_CHOSEN, useActor } from './useActor.ts'
import { PartnerChoice } from '../partners/PartnerChoice.tsx'
import { PartnerChoiceDialog } from '../partners/PartnerChoiceDialog.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { usePartners } from '../partners/usePartners.ts'
import { PresenceList } from './PresenceList.tsx'
import { PresenceJump } from './PresenceJump.tsx'
import { Announcements } from './Announcements.tsx'
import { ProfileDialog } from './ProfileDialog.tsx'
import { StatusBar } from './StatusBar.tsx'
import { RoomBar } from '../room/RoomBar.tsx'
import { RoomControls } from '../room/RoomControls.tsx'
import { RoomDisplay } from '../room/RoomDisplay.tsx'
import { useServerOffset } from '../room/server-clock.ts'
import { useFollowMe } from '../room/useFollowMe.ts'

interface Props {
  boardId: string
  access: BoardAccess
  profile: Profile
  onProfileChange(profile: Profile): void
  /** Reopen the board with what this device now knows (after the facilitator replaced their own link). */
  onReload(): void
}

/** Stands in for the board's doc until the live session exists. */
const NO_DOC = new Y.Doc()

export function BoardView({ boardId, access, profile, onProfileChange, onReload }: Props) {
  const { t } = useI18n()
  const [editingProfile, setEditingProfile] = useState(false)
  const [choosingPartner, setChoosingPartner] = useState(false)
  const title = useRef<HTMLHeadingElement>(null)
  const { actor, choosePartner } = useActor(boardId, profile.name, access.role, access.partnerId)
  const bound = access.partnerId !== null
  // The room display (projector): read-only, no presence, no personal chrome.
  const isDisplay = !can(access.role, 'presence.announce')
  const user = useMemo<PresenceUser>(
    () => ({ name: profile.name, organisation: profile.organisation, color: profile.color, role: access.role, partnerId: actor.partnerId, personId: actor.personId }),
    [profile.name, profile.organisation, profile.color, access.role, actor.partnerId, actor.personId],
  )
  const { session, state, revoked, refusal, dismissRefusal } = useBoardSession(boardId, access.token, access.role, user)
  const section = useCurrentSection()
  const partners = usePartners(session?.doc ?? NO_DOC)
  // The room (client/room): follow-me, and the offset to the server's clock the timer is read with.
  const followMe = useFollowMe(boardId, session?.doc ?? NO_DOC, access.role, actor.personId)
  const serverOffset = useServerOffset(state.connection === 'connected')
  const presenceHeading = useRef<HTMLHeadingElement>(null)
  // The others see which section I have open (PresenceList, the tabs); the room display says nothing.
  useEffect(() => { session?.setSection(section.id) }, [session, section.id])
  const chosen = actor.partnerId !== NOT_CHOSEN
  // Observers contribute nothing: they may say whom they come from, but are not asked.
  const askPartner = session !== null && state.loaded && !chosen && access.role !== 'observer' && !isDisplay

  // After the join form, focus would fall to <body>: start from the board's title instead.
  useEffect(() => {
    if (document.activeElement === document.body) title.current?.focus()
  }, [])

  useEffect(() => {
    document.title = `${access.title} — ${t('app.name')}`
  }, [access.title, t])

  if (state.fatal === 'invalid-link') {
    return (
      <>
        <AppHeader />
        <main id="main" className="page page--center">
          <section className="card problem" role="alert">
            <p>{revoked ? t('board.linkRevoked') : t('board.invalidLink')}</p>
            <Link href="/" className="button">{t('board.backHome')}</Link>
          </section>
        </main>
      </>
    )
  }

  if (isDisplay && session) {
    return (
      <RoomDisplay
        boardId={boardId} title={access.title} token={access.token} session={session} state={state} actor={actor}
        section={section} followMe={followMe} offsetMs={serverOffset}
      />
    )
  }

  return (
    <>
      <AppHeader
        actions={isDisplay ? undefined : <button
          type="button"
          className="button button--small button--quiet me-button"
          aria-label={t('board.myDetailsLabel', { name: profile.name, organisation: profile.organisation })}
          onClick={() => setEditingProfile(true)}
        >
          <span className="presence__dot" style={{ backgroundColor: profile.color }} aria-hidden="true" />
          <span className="me-button__name">{profile.name}</span>
        </button>}
      >
        <StatusBar connection={state.connection} save={state.save} />
      </AppHeader>
      <main id="main" className="page board">
        <div className="board__title">
          <h1 ref={title} tabIndex={-1}>{access.title}</h1>
          <span className={`role-badge role-badge--${access.role}`}>{t('board.roleBadge', { role: t(`role.${access.role}`) })}</span>
          {isDisplay && <span className="muted display-note">{t('board.displayMode')}</span>}
          {session && <CurrentPhase doc={session.doc} />}
          {session && chosen && (
            <span className="speaks-for">
              <span className="speaks-for__label">{t('speaksFor.current')}</span>{' '}
              <PartnerTag partners={partners} partnerId={actor.partnerId} />
              {bound ? (
                <span className="muted speaks-for__bound"> ({t('speaksFor.bound')})</span>
              ) : (
                <button type="button" className="button button--small button--quiet" aria-label={t('speaksFor.changeLabel')} onClick={() => setChoosingPartner(true)}>
                  {t('speaksFor.change')}
                </button>
              )}
            </span>
          )}
          {session && !chosen && access.role === 'observer' && (
            <button type="button" className="button button--small button--quiet" onClick={() => setChoosingPartner(true)}>{t('speaksFor.observerChoose')}</button>
          )}
        </div>
        {refusal && (
          <section className="card problem refusal" role="alert">
            <p>{t(`refusal.${refusal.reason}`)} {t('refusal.reloaded')}</p>
            <button type="button" className="button button--small" onClick={dismissRefusal}>{t('refusal.dismiss')}</button>
          </section>
        )}
        {session && <Announcements boardId={boardId} doc={session.doc} personId={actor.personId} />}
        {askPartner && (
          <section className="card speaks-for-prompt" aria-labelledby="speaks-for-heading">
            <h2 id="speaks-for-heading">{t('speaksFor.heading')}</h2>
            <p>{t('speaksFor.intro')}</p>
            <PartnerChoice doc={session.doc} actor={actor} organisation={profile.organisation} onChosen={choosePartner} />
          </section>
        )}
        {!isDisplay && <PresenceJump peers={state.peers} partners={partners} target={presenceHeading} />}
        {session && <RoomBar doc={session.doc} actor={actor} role={access.role} followMe={followMe} offsetMs={serverOffset} />}
        <BoardNav boardId={boardId} current={section} peers={state.peers} />
        <div className="board__layout">
          <div className="board__main" data-section={section.id}>
            {session ? section.render({
              boardId, session, snapshot: null, doc: session.doc, actor, role: access.role, peers: state.peers, loaded: state.loaded,
              onChoosePartner: () => setChoosingPartner(true),
            }) : <p className="muted">{t('charter.loading')}</p>}
          </div>
          <aside className="board__side">
            <PresenceList peers={state.peers} partners={partners} ref={presenceHeading} />
            {session && can(access.role, 'room.lead') && (
              <details className="side-room">
                <summary>{t('room.show')}</summary>
                <RoomControls
                  boardId={boardId} token={access.token} doc={session.doc} actor={actor} partners={partners}
                  offsetMs={serverOffset} connected={state.connection === 'connected'}
                />
              </details>
            )}
            {can(access.role, 'invites.read') && (
              <details className="side-invites">
                <summary>{t('invites.show')}</summary>
                <InvitePanel
                  boardId={boardId} token={access.token} inviteId={access.inviteId} partners={partners}
                  onOwnTokenReplaced={onReload} headingLevel={3}
                />
              </details>
            )}
          </aside>
        </div>
      </main>
      {choosingPartner && session && !bound && (
        <PartnerChoiceDialog doc={session.doc} actor={actor} organisation={profile.organisation} onChosen={choosePartner} onClose={() => setChoosingPartner(false)} />
      )}
      {editingProfile && <ProfileDialog profile={profile} onSave={onProfileChange} onClose={() => setEditingProfile(false)} />}
    </>
  )
}
