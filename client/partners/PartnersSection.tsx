/** The Partners section (being built). */
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { SectionProps } from '../board/section-props.ts'

export function PartnersSection(_props: SectionProps) {
  const { t } = useI18n()
  return (
    <section className="card" aria-labelledby="partners-heading">
      <h2 id="partners-heading">{t('section.partners')}</h2>
      <p className="muted">{t('section.coming')}</p>
    </section>
  )
}
