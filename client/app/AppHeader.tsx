/** The header every page shares; pages add their own controls in the middle. */
import type { ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { Link } from './Link.tsx'

export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useI18n()
  return (
    <header className="app-header">
      <Link href="/" className="brand" aria-label={t('app.home')}>
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span>{t('app.name')}</span>
      </Link>
      <div className="app-header__middle">{children}</div>
      <LanguageSwitch />
    </header>
  )
}
