/**
 * The board route (loaded lazily: the home page never downloads the editor). Resolves access,
 * asks who you are once, then opens the live board.
 */
import { useEffect, useState } from 'react'
import { can } from '../../shared/auth/roles.ts'
import { AppHeader } from '../app/AppHeader.tsx'
import { cacheLoadedAssets } from '../app/service-worker.ts'
import { Link } from '../app/Link.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { readProfile, saveProfile, type Profile } from '../storage/profile.ts'
import { BoardView } from './BoardView.tsx'
import { ProfileForm } from './ProfileForm.tsx'
import { useBoardAccess } from './useBoardAccess.ts'

export default function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useI18n()
  const { state, retry } = useBoardAccess(boardId)
  const [profile, setProfile] = useState<Profile | null>(readProfile)

  // This chunk (the editor) is loaded now: let the service worker keep it for offline reloads.
  useEffect(() => cacheLoadedAssets(), [])

  const updateProfile = (next: Profile) => {
    saveProfile(next)
    setProfile(next)
  }

  // The room display is not a person: it opens without asking who is there.
  const displayProfile = state.status === 'ready' && !can(state.access.role, 'presence.announce')
    ? { name: t('role.display'), organisation: '', color: '#4d4d4d' }
    : null
  if (state.status === 'ready' && (profile ?? displayProfile)) {
    return <BoardView boardId={boardId} access={state.access} profile={(displayProfile ?? profile)!} onProfileChange={updateProfile} onReload={retry} />
  }

  return (
    <>
      <AppHeader />
      <main id="main" className="page page--center">
        {state.status === 'loading' && <p role="status">{t('board.loading')}</p>}
        {state.status === 'ready' && (
          <section className="card join" aria-labelledby="join-heading">
            <h1 id="join-heading">{t('join.heading')}</h1>
            <p className="join__board">{state.access.title}</p>
            <p>{t('join.intro')}</p>
            <ProfileForm initial={null} submitLabel={t('join.submit')} onSubmit={updateProfile} />
          </section>
        )}
        {state.status !== 'loading' && state.status !== 'ready' && (
          <section className="card problem" role="alert">
            <p>
              {state.status === 'no-token' && t('board.noToken')}
              {state.status === 'invalid-link' && t('board.invalidLink')}
              {state.status === 'unreachable' && t('board.unreachable')}
              {state.status === 'error' && t('board.error', { message: state.message })}
            </p>
            <div className="form-actions">
              {(state.status === 'unreachable' || state.status === 'error') && (
                <button type="button" className="button button--primary" onClick={retry}>{t('board.retry')}</button>
              )}
              <Link href="/" className="button">{t('board.backHome')}</Link>
            </div>
          </section>
        )}
      </main>
    </>
  )
}
