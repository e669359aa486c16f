/** Changing whom I speak for, from the board's title row: a native modal dialog. */
import { Dialog } from '../app/Dialog.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerChoice } from './PartnerChoice.tsx'
import type { ComponentProps } from 'react'

export function PartnerChoiceDialog(props: Omit<ComponentProps<typeof PartnerChoice>, 'onCancel'> & { onClose(): void }) {
  const { t } = useI18n()
  const { onClose, onChosen, ...rest } = props

  return (
    <Dialog labelledBy="speaks-for-dialog-heading" onClose={onClose}>
      <h2 id="speaks-for-dialog-heading">{t('speaksFor.heading')}</h2>
      <PartnerChoice {...rest} onChosen={(partnerId) => { onChosen(partnerId); onClose() }} onCancel={onClose} />
    </Dialog>
  )
}
