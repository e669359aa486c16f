/** An open board: header (title, role, status, my details), its sections (charter, values…), and who is here. */
import { useEffect, useMemo, useRef, useState } from 'react'
import { can } from '../../shared/auth/roles.ts'
import { AppHeader } from '../app/AppHeader.tsx'
import { Link } from '../app/Link.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { InviteLinks } from '../invites/InviteLinks.tsx'
import type { Profile } from '../storage/profile.ts'
import type { PresenceUser } from '../live/presence.ts'
import { useBoardSession } from '../live/useBoardSession.ts'
import type { BoardAccess } from './useBoardAccess.ts'
import { BoardNav, useCurrentSection } from './BoardSections.tsx'
import { useActor } from './useActor.ts'
import { PresenceList } from './PresenceList.tsx'
import { ProfileDialog } from './ProfileDialog.tsx'
import { StatusBar } from './StatusBar.tsx'

interface Props {
  boardId: string
  access: BoardAccess
  profile: Profile
  onProfileChange(profile: Profile): void
}

export function BoardView({ boardId, access, profile, onProfileChange }: Props) {
  const { t } = useI18n()
  const [editingProfile, setEditingProfile] = useState(false)
  const title = useRef<HTMLHeadingElement>(null)
  const user = useMemo<PresenceUser>(
    () => ({ name: profile.name, organisation: profile.organisation, color: profile.color, role: access.role }),
    [profile.name, profile.organisation, profile.color, access.role],
  )
  const { session, state } = useBoardSession(boardId, access.token, access.role, user)
  const { actor } = useActor(boardId, profile.name, access.role)
  const section = useCurrentSection()

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
            <p>{t('board.invalidLink')}</p>
            <Link href="/" className="button">{t('board.backHome')}</Link>
          </section>
        </main>
      </>
    )
  }

  return (
    <>
      <AppHeader
        actions={<button
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
        </div>
        <BoardNav boardId={boardId} current={section} />
        <div className="board__layout">
          <div className="board__main" data-section={section.id}>
            {session ? section.render({
              boardId, session, doc: session.doc, actor, role: access.role, peers: state.peers, loaded: state.loaded,
              onChoosePartner: () => {},
            }) : <p className="muted">{t('charter.loading')}</p>}
          </div>
          <aside className="board__side">
            <PresenceList peers={state.peers} />
            {can(access.role, 'invites.read') && (access.invites ? (
              <details className="side-invites">
                <summary>{t('invites.show')}</summary>
                <InviteLinks boardId={boardId} invites={access.invites} headingLevel={3} />
              </details>
            ) : (
              <p className="muted side-invites">{t('invites.elsewhere')}</p>
            ))}
          </aside>
        </div>
      </main>
      {editingProfile && <ProfileDialog profile={profile} onSave={onProfileChange} onClose={() => setEditingProfile(false)} />}
    </>
  )
}
