/**
 * The server's admin token, asked for by the create and import forms only when /api/config says
 * the server has one (ADMIN_TOKEN). Kept for this tab (sessionStorage), so the person who set the
 * server up types it once; a refused one is cleared and asked again.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { serverConfig } from '../http/boards-api.ts'
import type { ApiFailure } from '../http/request.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

const STORAGE_KEY = 'atelier.adminToken'

const stored = (): string => {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}

export interface AdminToken {
  required: boolean
  value: string
  setValue(value: string): void
  error: string | null
  inputId: string
  /** The token to send (null when the server needs none). */
  token: string | null
  /** True (and shows why) when the server needs a token and none was typed. */
  missing(): boolean
  /** True (and asks again) when the server refused the request for its token. */
  refused(failure: ApiFailure): boolean
}

export function useAdminToken(): AdminToken {
  const { t } = useI18n()
  const inputId = useId()
  const [required, setRequired] = useState(false)
  const [value, setStateValue] = useState(stored)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    void serverConfig().then((config) => { if (live) setRequired(config?.adminTokenRequired === true) })
    return () => { live = false }
  }, [])

  const setValue = useCallback((next: string) => {
    setStateValue(next)
    setError(null)
    try {
      if (next) sessionStorage.setItem(STORAGE_KEY, next)
      else sessionStorage.removeItem(STORAGE_KEY)
    } catch { /* private mode: kept in memory only */ }
  }, [])

  const focus = () => document.getElementById(inputId)?.focus()
  return {
    required,
    value,
    setValue,
    error,
    inputId,
    token: required && value.trim() ? value.trim() : null,
    missing() {
      if (!required || value.trim()) return false
      setError(t('home.adminToken.missing'))
      focus()
      return true
    },
    refused(failure) {
      if (failure.kind !== 'http' || failure.status !== 401) return false
      setRequired(true)
      setValue('')
      setError(t('home.adminToken.refused'))
      focus()
      return true
    },
  }
}

export function AdminTokenField({ admin }: { admin: AdminToken }) {
  const { t } = useI18n()
  if (!admin.required) return null
  const { inputId } = admin
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('home.adminToken.label')}</label>
      <input
        id={inputId}
        name="adminToken"
        type="password"
        value={admin.value}
        autoComplete="off"
        aria-invalid={admin.error ? true : undefined}
        aria-describedby={`${inputId}-hint${admin.error ? ` ${inputId}-error` : ''}`}
        onChange={(event) => admin.setValue(event.target.value)}
      />
      <p className="field__hint" id={`${inputId}-hint`}>{t('home.adminToken.hint')}</p>
      {admin.error && <p className="form-error" id={`${inputId}-error`} role="alert">{admin.error}</p>}
    </div>
  )
}
