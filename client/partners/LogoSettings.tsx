/**
 * Logos for the reports' header: the network's (the board) and one per partner, kept by the server
 * beside the board, never in the board document (shared/api/logos.ts). Everyone sees them; the
 * facilitator chooses (a native file input: keyboard and screen readers know it) or removes them.
 * Other devices see a change when they open the section again.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_MIN_SIDE, logoKey, type LogoOwner, type LogosResponse } from '../../shared/api/logos.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { apiErrorText } from '../history/api-error.ts'
import { useBoardToken } from '../history/useSnapshots.ts'
import { fetchLogoImage, fetchLogos, removeLogo, uploadLogo } from '../http/logos-api.ts'
import type { ApiFailure } from '../http/request.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import './logos.css'

type Row = { owner: LogoOwner; name: string }

export function LogoSettings({ boardId, partners, mayManage }: { boardId: string; partners: readonly PartnerFields[]; mayManage: boolean }) {
  const { t } = useI18n()
  const token = useBoardToken(boardId)
  const id = useId()
  const [logos, setLogos] = useState<LogosResponse | null>(null)
  const [images, setImages] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [error, setError] = useState<{ key: string; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const reload = useCallback(async () => {
    const result = await fetchLogos(boardId, token)
    if (result.ok) setLogos(result.value)
  }, [boardId, token])
  useEffect(() => { void reload() }, [reload])

  // Each image fetched with the token (an <img> cannot send it), again when it changes.
  const versions = logos ? [['network', logos.network?.updatedAt], ...Object.entries(logos.partners).map(([p, info]) => [`partner/${p}`, info.updatedAt])] : []
  const versionKey = JSON.stringify(versions)
  useEffect(() => {
    let cancelled = false
    const urls: string[] = []
    void (async () => {
      const next: Record<string, string> = {}
      for (const [key, version] of versions as [string, string | undefined][]) {
        if (!version) continue
        const owner: LogoOwner = key === 'network' ? { kind: 'network' } : { kind: 'partner', partnerId: key.slice('partner/'.length) }
        const url = await fetchLogoImage(boardId, token, owner, version)
        if (url) {
          urls.push(url)
          next[key] = url
        }
      }
      if (cancelled) urls.forEach((url) => URL.revokeObjectURL(url))
      else setImages(next)
    })()
    return () => {
      cancelled = true
      urls.forEach((url) => URL.revokeObjectURL(url))
    }
    // versionKey stands for `versions` (a new array each render).
  }, [boardId, token, versionKey])

  const failure = (f: ApiFailure) => {
    if (f.kind === 'http' && f.status === 413) return t('logos.error.tooBig', { max: String(LOGO_MAX_BYTES / 1024) })
    if (f.kind === 'http' && f.status === 415) return t('logos.error.type')
    if (f.kind === 'http' && f.status === 400) return t('logos.error.damaged', { min: String(LOGO_MIN_SIDE), max: String(LOGO_MAX_SIDE) })
    return apiErrorText(t, f)
  }

  const choose = async (row: Row, file: File | undefined) => {
    const key = logoKey(row.owner)
    setError(null)
    if (!file) return
    if (file.size > LOGO_MAX_BYTES) {
      setError({ key, text: t('logos.error.tooBig', { max: String(LOGO_MAX_BYTES / 1024) }) })
      return
    }
    setBusy(key)
    const result = await uploadLogo(boardId, token, row.owner, file)
    setBusy(null)
    if (!result.ok) {
      setError({ key, text: failure(result) })
      return
    }
    setStatus(t('logos.saved', { name: row.name }))
    await reload()
  }

  const remove = async (row: Row) => {
    const key = logoKey(row.owner)
    setError(null)
    setBusy(key)
    const result = await removeLogo(boardId, token, row.owner)
    setBusy(null)
    if (!result.ok) {
      setError({ key, text: failure(result) })
      return
    }
    setStatus(t('logos.removed', { name: row.name }))
    await reload()
  }

  const rows: Row[] = [{ owner: { kind: 'network' }, name: t('logos.network') }, ...partners.map((p) => ({ owner: { kind: 'partner' as const, partnerId: p.id }, name: p.name }))]

  return (
    <section className="logos card" aria-labelledby={`${id}-h`} data-testid="logo-settings">
      <h3 id={`${id}-h`}>{t('logos.heading')}</h3>
      <p className="field__hint">{t(mayManage ? 'logos.intro' : 'logos.introReadOnly', { max: String(LOGO_MAX_BYTES / 1024) })}</p>
      <p className="visually-hidden" role="status" aria-live="polite">{status}</p>
      <ul className="logos__list">
        {rows.map((row) => {
          const key = logoKey(row.owner)
          const url = images[key]
          const has = row.owner.kind === 'network' ? Boolean(logos?.network) : Boolean(logos?.partners[row.owner.partnerId])
          return (
            <li key={key} className="logos__item" data-logo={key}>
              <span className="logos__name">{row.name}</span>
              <span className="logos__preview">
                {url ? <img src={url} alt={t('logos.alt', { name: row.name })} /> : <span className="muted">{has ? '…' : t('logos.none')}</span>}
              </span>
              {mayManage && (
                <span className="logos__actions">
                  <label className="button button--small logos__choose">
                    {t(has ? 'logos.replace' : 'logos.choose')}
                    <input type="file" accept="image/png,image/jpeg" className="logos__file" disabled={busy === key}
                      aria-label={t('logos.chooseLabel', { name: row.name })}
                      aria-describedby={error?.key === key ? `${id}-${key}-error` : undefined}
                      onChange={(e) => {
                        const input = e.currentTarget
                        void choose(row, input.files?.[0]).finally(() => { input.value = '' })
                      }} />
                  </label>
                  {has && (
                    <button type="button" className="button button--small button--quiet" disabled={busy === key}
                      aria-label={t('logos.removeLabel', { name: row.name })} onClick={() => void remove(row)}>
                      {t('logos.remove')}
                    </button>
                  )}
                </span>
              )}
              {error?.key === key && <p id={`${id}-${key}-error`} className="form-error" role="alert">{error.text}</p>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
