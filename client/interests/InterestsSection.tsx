/** Placeholder: the interests map, matrix and rounds come here (another engineer owns this file). */
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { SectionProps } from '../board/section-props.ts'

export function InterestsSection(_props: SectionProps) {
  const { t } = useI18n()
  return (
    <section className="card" aria-labelledby="interests-heading">
      <h2 id="interests-heading">{t('section.interests')}</h2>
      <p className="muted">{t('section.coming')}</p>
    </section>
  )
}
