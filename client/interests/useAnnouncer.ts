/**
 * Text for an aria-live region. The same sentence twice in a row is still announced: a
 * zero-width space alternates at its end so the text node changes.
 */
import { useCallback, useState } from 'react'

export function useAnnouncer(): { message: string; announce(message: string): void } {
  const [message, setMessage] = useState('')
  const announce = useCallback((next: string) => {
    setMessage((old) => (old === next ? `${next}\u200b` : next))
  }, [])
  return { message, announce }
}
