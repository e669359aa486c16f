/** Copies a text and says so, visibly and to screen readers, for a few seconds. */
import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function CopyButton({ text, label, onCopyFailed }: { text: string; label: string; onCopyFailed(): void }) {
  const { t } = useI18n()
  const [copied, setCopied] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      onCopyFailed()
      return
    }
    setCopied(true)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setCopied(false), 2500)
  }

  return (
    <button type="button" className="button button--small" aria-label={label} onClick={copy} data-copied={copied || undefined}>
      <span aria-hidden="true">{copied ? `✓ ${t('invites.copied')}` : t('invites.copy')}</span>
      <span className="visually-hidden" role="status">{copied ? t('invites.copied') : ''}</span>
    </button>
  )
}
