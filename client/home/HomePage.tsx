/** Home: create a board (then see its invite links), or reopen one this device knows. */
import { useEffect, useRef, useState } from 'react'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { AppHeader } from '../app/AppHeader.tsx'
import { Link } from '../app/Link.tsx'
import { boardPath } from '../app/router.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { InviteLinks } from '../invites/InviteLinks.tsx'
import { rememberToken, updateKnownBoard } from '../storage/boards.ts'
import { JoinCodeForm } from './JoinCodeForm.tsx'
import { CreateBoardForm } from './CreateBoardForm.tsx'
import { ImportBoardForm } from './ImportBoardForm.tsx'
import { RecentBoards } from './RecentBoards.tsx'

export function HomePage() {
  const { t, language } = useI18n()
  const [created, setCreated] = useState<{ board: CreateBoardResponse; title: string } | null>(null)
  const [version, setVersion] = useState(0)
  const createdHeading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    document.title = t('app.name')
  }, [t])

  useEffect(() => {
    // Move focus to the result so keyboard and screen-reader users land on the links.
    if (created) createdHeading.current?.focus()
  }, [created])

  const onCreated = (board: CreateBoardResponse, title: string) => {
    // The creator is the facilitator: this device keeps that token.
    rememberToken(board.id, board.invites.facilitator)
    // Links are shown once: this device keeps them, so the board's invite panel can show them again.
    const links = board.links ?? []
    const inviteSecrets = Object.fromEntries(links.map((link) => [link.id, { token: link.token, code: link.code }]))
    const own = links.find((link) => link.token === board.invites.facilitator)
    updateKnownBoard(board.id, {
      title, role: 'facilitator', language, invites: board.invites, inviteSecrets, inviteId: own?.id ?? null, partnerId: null,
      lastOpened: new Date().toISOString(),
    })
    setCreated({ board, title })
    setVersion((n) => n + 1)
  }

  return (
    <>
      <AppHeader />
      <main id="main" className="page home">
        <h1 className="home__tagline">{t('app.tagline')}</h1>
        {created && (
          <section className="card created" aria-labelledby="created-heading">
            <h2 id="created-heading" ref={createdHeading} tabIndex={-1}>{t('home.created.heading', { title: created.title })}</h2>
            <p>{t('home.created.intro')}</p>
            <InviteLinks boardId={created.board.id} links={created.board.links ?? []} headingLevel={3} />
            <p>
              <Link href={boardPath(created.board.id)} className="button button--primary">{t('home.created.open')}</Link>
            </p>
          </section>
        )}
        <div className="home__grid">
          <CreateBoardForm onCreated={onCreated} />
          <RecentBoards version={version} />
        </div>
        <JoinCodeForm />
        <ImportBoardForm onImported={onCreated} />
      </main>
    </>
  )
}
