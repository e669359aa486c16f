/** A native modal dialog asking to confirm something that matters (focus trap and Escape for free). */
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { Dialog } from '../app/Dialog.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'

interface Props {
  title: string
  children: ReactNode
  confirmLabel: string
  busy?: boolean
  danger?: boolean
  /**
   * Start on the safe choice (cancel): the default, since what is confirmed here matters (ending a
   * session, restoring, revoking). False starts on the confirm button.
   */
  focusCancel?: boolean
  cancelLabel?: string
  onConfirm(): void
  onClose(): void
}

export function ConfirmDialog({ title, children, confirmLabel, busy = false, danger = false, focusCancel = true, cancelLabel, onConfirm, onClose }: Props) {
  const { t } = useI18n()
  const id = useId()
  const cancel = useRef<HTMLButtonElement>(null)
  // Runs after Dialog's showModal (a child's effects run first), which focused the first button.
  useEffect(() => {
    if (focusCancel) cancel.current?.focus()
  }, [focusCancel])

  return (
    <Dialog className="dialog iter-dialog" labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="form-actions">
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button" onClick={onClose}>{cancelLabel ?? t('iter.cancel')}</button>
      </div>
    </Dialog>
  )
}
