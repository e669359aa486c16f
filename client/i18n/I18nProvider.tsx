/** The UI language as React context: `useI18n().t('key', { var })` anywhere below the provider. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Language } from '../../shared/i18n/language.ts'
import { initialLanguage, saveLanguage } from '../storage/language.ts'
import { translate, type Vars } from './translate.ts'
import { formatDate } from '../../shared/i18n/board-terms.ts'
import type { MessageKey } from './en.ts'

interface I18n {
  language: Language
  setLanguage(language: Language): void
  t(key: MessageKey, vars?: Vars): string
  formatDate(iso: string): string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage)

  useEffect(() => {
    // Screen readers pick their voice from it.
    document.documentElement.lang = language
  }, [language])

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(next)
    setLanguageState(next)
  }, [])

  const value = useMemo<I18n>(() => {
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    return {
      language,
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
      formatDate: (iso) => {
        const date = new Date(iso)
        return Number.isNaN(date.getTime()) ? iso : formatDate(dates, date, language)
      },
    }
  }, [language, setLanguage])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n() outside <I18nProvider>')
  return value
}
