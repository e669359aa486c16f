/**
 * One invite link: whom it is for, its address with a copy button, its QR code with the join code
 * in large type (for phones in the room), and, for the facilitator's panel, revoke and replace.
 */
import { lazy, Suspense, useId, useRef, useState } from 'react'
import type { InviteSummary } from '../../shared/api/invites.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { CopyButton } from './CopyButton.tsx'

// Loaded when first shown: the home page doesn't pay for the QR encoder.
const QrCode = lazy(() => import('./QrCode.tsx').then((module) => ({ default: module.QrCode })))

interface Props {
  invite: InviteSummary
  /** What people call this link ("Participant — ADMR Loire"). */
  name: string
  /** The full link and join code, when this device has them (they are shown once). */
  url: string | null
  code: string | null
  /** Where a phone types the code (`<origin>/j`). */
  joinUrl: string
  isMine?: boolean
  busy?: boolean
  onRevoke?(): void
  onRegenerate?(): void
}

export function InviteCard({ invite, name, url, code, joinUrl, isMine = false, busy = false, onRevoke, onRegenerate }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [showQr, setShowQr] = useState(false)
  const [copyFailed, setCopyFailed] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  return (
    <li className="invite" data-role={invite.role} data-invite-id={invite.id} aria-labelledby={`${id}-name`}>
      <span className="invite__role" id={`${id}-name`}>{name}</span>
      {isMine && <span className="muted invite__mine"> ({t('invites.yours')})</span>}
      <p className="invite__explain" id={`${id}-explain`}>{t(`role.${invite.role}.explain`)}</p>
      {url ? (
        <>
          <div className="invite__row">
            <input
              ref={input}
              className="invite__url"
              type="text"
              readOnly
              value={url}
              aria-label={t('invites.linkLabel', { role: name })}
              aria-describedby={`${id}-explain`}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={url} label={t('invites.copyLabel', { role: name })} onCopyFailed={() => { setCopyFailed(true); input.current?.select() }} />
            <button
              type="button"
              className="button button--small"
              aria-expanded={showQr}
              aria-controls={`${id}-qr`}
              aria-label={showQr ? t('invites.hideQr') : t('invites.showQrLabel', { name })}
              onClick={() => setShowQr((shown) => !shown)}
            >
              {showQr ? t('invites.hideQr') : t('invites.showQr')}
            </button>
          </div>
          {copyFailed && <p className="form-error" role="alert">{t('invites.copyFailed')}</p>}
          {showQr && (
            <div className="invite__qr" id={`${id}-qr`}>
              <Suspense fallback={<span className="qr-code qr-code--loading" />}>
                <QrCode text={url} label={t('invites.qrLabel', { name })} />
              </Suspense>
              {code && (
                <div className="invite__code-box">
                  <span className="invite__code-caption">{t('invites.code')}</span>
                  <span className="invite__code" data-testid="join-code">{code}</span>
                  <span className="invite__code-hint">{t('invites.codeHint', { url: joinUrl })}</span>
                </div>
              )}
            </div>
          )}
        </>
      ) : (
        <p className="muted invite__elsewhere">{t('invites.secretElsewhere')}</p>
      )}
      {(onRevoke || onRegenerate) && (
        <div className="invite__actions">
          {onRegenerate && (
            <button type="button" className="button button--small" disabled={busy} aria-label={t('invites.regenerateLabel', { name })} onClick={onRegenerate}>
              {t('invites.regenerate')}
            </button>
          )}
          {onRevoke && (
            <button type="button" className="button button--small button--danger" disabled={busy} aria-label={t('invites.revokeLabel', { name })} onClick={onRevoke}>
              {t('invites.revoke')}
            </button>
          )}
        </div>
      )}
    </li>
  )
}
