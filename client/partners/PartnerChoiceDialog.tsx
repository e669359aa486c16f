/** Changing whom I speak for, from the board's title row: a native modal dialog. */
import { useEffect, useRef } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerChoice } from './PartnerChoice.tsx'
import type { ComponentProps } from 'react'

export function PartnerChoiceDialog(props: Omit<ComponentProps<typeof PartnerChoice>, 'onCancel'> & { onClose(): void }) {
  const { t } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const { onClose, onChosen, ...rest } = props

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    element.showModal()
    return () => element.close()
  }, [])

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="speaks-for-dialog-heading" onClose={onClose}>
      <h2 id="speaks-for-dialog-heading">{t('speaksFor.heading')}</h2>
      <PartnerChoice {...rest} onChosen={(partnerId) => { onChosen(partnerId); onClose() }} onCancel={onClose} />
    </dialog>
  )
}
