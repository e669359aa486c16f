/** The shell: language, routes. The board route is lazy so the home page never loads the editor. */
import { lazy, Suspense } from 'react'
import { HomePage } from '../home/HomePage.tsx'
import { JoinPage } from '../home/JoinCodeForm.tsx'
import { I18nProvider, useI18n } from '../i18n/I18nProvider.tsx'
import { AppHeader } from './AppHeader.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Link } from './Link.tsx'
import { useRoute } from './router.ts'

const BoardPage = lazy(() => import('../board/BoardPage.tsx'))

export function App() {
  return (
    <ErrorBoundary>
      <I18nProvider>
        <Routes />
      </I18nProvider>
    </ErrorBoundary>
  )
}

function Routes() {
  const route = useRoute()
  switch (route.name) {
    case 'home':
      return <HomePage />
    case 'board':
      return (
        <Suspense fallback={<Loading />}>
          {/* Keyed: another board is another document, provider and editor. */}
          <BoardPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      )
    case 'join':
      return <JoinPage />
    case 'not-found':
      return <NotFound />
  }
}

function Loading() {
  const { t } = useI18n()
  return (
    <>
      <AppHeader />
      <main id="main" className="page page--center">
        <p role="status">{t('board.loading')}</p>
      </main>
    </>
  )
}

function NotFound() {
  const { t } = useI18n()
  return (
    <>
      <AppHeader />
      <main id="main" className="page page--center">
        <h1>{t('notFound.title')}</h1>
        <p><Link href="/">{t('notFound.back')}</Link></p>
      </main>
    </>
  )
}
