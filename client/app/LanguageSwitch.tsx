/** FR / EN switch for the header; remembered on this device. */
import { LANGUAGES } from '../../shared/i18n/language.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <div className="language-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={language === option}
          onClick={() => setLanguage(option)}
        >
          {/* The name starts with what is seen (FR), so voice control users can say it. */}
          {option.toUpperCase()}<span className="visually-hidden"> — {t(`lang.${option}`)}</span>
        </button>
      ))}
    </div>
  )
}
