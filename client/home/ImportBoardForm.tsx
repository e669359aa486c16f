/** Imports a board archive (JSON downloaded from any Atelier board) as a new board, then shows its invite links. */
import { useId, useState, type FormEvent } from 'react'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { importArchive } from '../http/snapshots-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { AdminTokenField, useAdminToken } from './AdminTokenField.tsx'
import './import-board.css'

function titleOf(archive: unknown): string | null {
  if (typeof archive !== 'object' || archive === null) return null
  const record = archive as Record<string, unknown>
  for (const candidate of [record.title, (record.board as Record<string, unknown> | undefined)?.title]) {
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim()
  }
  return null
}

export function ImportBoardForm({ onImported }: { onImported(board: CreateBoardResponse, title: string): void }) {
  const { t } = useI18n()
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const admin = useAdminToken()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) {
      setError(t('import.noFile'))
      return
    }
    let archive: unknown
    try {
      archive = JSON.parse(await file.text())
    } catch {
      setError(t('import.notJson'))
      return
    }
    if (admin.missing()) return
    setBusy(true)
    const result = await importArchive(archive, admin.token)
    setBusy(false)
    if (!result.ok && admin.refused(result)) return
    if (result.ok) {
      setError(null)
      setFile(null)
      const input = document.getElementById(`${id}-file`) as HTMLInputElement | null
      if (input) input.value = ''
      onImported(result.value, titleOf(archive) ?? t('import.untitled'))
    } else {
      setError(t('import.failed', { message: result.kind === 'network' ? t('home.create.errorNetwork') : result.message }))
    }
  }

  return (
    <form className="card import-board" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('import.heading')}</h2>
      <p>{t('import.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json"
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null) }} />
        {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
      </div>
      <AdminTokenField admin={admin} />
      <button type="submit" className="button" disabled={busy}>{busy ? t('import.busy') : t('import.submit')}</button>
    </form>
  )
}
