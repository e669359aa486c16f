/** A native modal dialog asking to confirm something that matters (focus trap and Escape for free). */
import { useId, type ReactNode } from 'react'
import { Dialog } from '../app/Dialog.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'

interface Props {
  title: string
  children: ReactNode
  confirmLabel: string
  busy?: boolean
  danger?: boolean
  onConfirm(): void
  onClose(): void
}

export function ConfirmDialog({ title, children, confirmLabel, busy = false, danger = false, onConfirm, onClose }: Props) {
  const { t } = useI18n()
  const id = useId()

  return (
    <Dialog className="dialog iter-dialog" labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="form-actions">
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onClose}>{t('iter.cancel')}</button>
      </div>
    </Dialog>
  )
}
