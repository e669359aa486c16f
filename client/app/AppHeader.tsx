/** The header every page shares; pages add their own controls in the middle. */
import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { Link } from './Link.tsx'

/** `children`: page status in the middle (its own row on phones); `actions`: beside the language switch. */
export function AppHeader({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  const { t } = useI18n()
  const header = useRef<HTMLElement>(null)

  // Sticky things below the header (the toolbar) need its height, which wraps on phones.
  useLayoutEffect(() => {
    const element = header.current
    if (!element) return
    const observer = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return (
    <header className="app-header" ref={header}>
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <Link href="/" className="brand" aria-label={t('app.home')}>
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span>{t('app.name')}</span>
      </Link>
      <div className="app-header__middle">{children}</div>
      <div className="app-header__actions">
        {actions}
        <LanguageSwitch />
      </div>
    </header>
  )
}
