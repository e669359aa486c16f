/**
 * Last line of defence: a render error or a board chunk that can't be fetched (offline before the
 * service worker cached it) shows a message with a retry, not a blank page.
 */
import { Component, type ReactNode } from 'react'
import { translate } from '../i18n/translate.ts'
import { initialLanguage } from '../storage/language.ts'

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: unknown): void {
    console.error(error)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    // Outside the i18n context on purpose: it may be what failed.
    const language = initialLanguage()
    return (
      <main id="main" className="page page--center">
        <section className="card problem" role="alert">
          <p>{translate(language, 'app.crashed')}</p>
          <button type="button" className="button button--primary" onClick={() => location.reload()}>
            {translate(language, 'board.retry')}
          </button>
        </section>
      </main>
    )
  }
}
