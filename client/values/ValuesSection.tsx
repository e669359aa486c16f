/** The Values section (being built). */
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { SectionProps } from '../board/section-props.ts'

export function ValuesSection(_props: SectionProps) {
  const { t } = useI18n()
  return (
    <section className="card" aria-labelledby="values-heading">
      <h2 id="values-heading">{t('section.values')}</h2>
      <p className="muted">{t('section.coming')}</p>
    </section>
  )
}
