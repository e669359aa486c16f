/** A native modal dialog asking to confirm something that matters (focus trap and Escape for free). */
import { useEffect, useId, useRef, type ReactNode } from 'react'
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
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    element.showModal()
    return () => element.close()
  }, [])

  return (
    <dialog ref={dialog} className="dialog iter-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="form-actions">
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onClose}>{t('iter.cancel')}</button>
      </div>
    </dialog>
  )
}
