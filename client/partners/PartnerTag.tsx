/** A partner's name with its colour: the colour marks it, the name says it (never colour alone). */
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { lookOf } from './usePartners.ts'

export function usePartnerLook() {
  const { t } = useI18n()
  return (partners: readonly PartnerFields[], partnerId: string) =>
    lookOf(partners, partnerId, { facilitation: t('partners.facilitation'), unknown: t('partners.unknown') })
}

export function PartnerTag({ partners, partnerId, short = false }: { partners: readonly PartnerFields[]; partnerId: string; short?: boolean }) {
  const look = usePartnerLook()(partners, partnerId)
  return (
    <span className="partner-tag" data-partner={partnerId} title={short && look.label !== look.name ? look.name : undefined}>
      <span className="partner-tag__swatch" style={{ backgroundColor: look.color }} aria-hidden="true" />
      <span className="partner-tag__name">{short ? look.label : look.name}</span>
    </span>
  )
}
