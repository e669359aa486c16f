/**
 * A native modal <dialog> (focus trap and Escape for free): opened with showModal() when it mounts,
 * closed when it unmounts. `onClose` runs when the browser closes it (Escape) or it is closed.
 * Closed, it gives focus back to what had it before it opened (the button that opened it), when that
 * is still on the page.
 */
import { useEffect, useRef, type ReactNode } from 'react'

interface Props {
  /** Id of the dialog's heading: its accessible name. */
  labelledBy: string
  describedBy?: string
  className?: string
  onClose(): void
  children: ReactNode
}

export function Dialog({ labelledBy, describedBy, className = 'dialog', onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    element.showModal()
    return () => {
      element.close()
      if (opener?.isConnected && !element.contains(opener)) opener.focus()
    }
  }, [])

  return (
    <dialog ref={dialog} className={className} aria-labelledby={labelledBy} aria-describedby={describedBy} onClose={onClose}>
      {children}
    </dialog>
  )
}
