/** Creates a board; the server writes the charter template in the language of this UI. */
import { useId, useState, type FormEvent } from 'react'
import { BOARD_TITLE_MAX } from '../../shared/api/board-limits.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { createBoard } from '../http/boards-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { AdminTokenField, useAdminToken } from './AdminTokenField.tsx'

export function CreateBoardForm({ onCreated }: { onCreated(board: CreateBoardResponse, title: string): void }) {
  const { t, language } = useI18n()
  const id = useId()
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const admin = useAdminToken()

  const validate = (value: string): string | null => {
    const trimmed = value.trim()
    if (trimmed === '') return t('home.create.errorEmpty')
    if (trimmed.length > BOARD_TITLE_MAX) return t('home.create.errorTooLong', { max: BOARD_TITLE_MAX, count: trimmed.length })
    return null
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problem = validate(title)
    setError(problem)
    if (problem) {
      document.getElementById(`${id}-title`)?.focus()
      return
    }
    if (admin.missing()) return
    setBusy(true)
    const result = await createBoard({ title: title.trim(), language }, admin.token)
    setBusy(false)
    if (!result.ok && admin.refused(result)) return
    if (result.ok) {
      onCreated(result.value, title.trim())
      setTitle('')
    } else {
      setError(result.kind === 'network' ? t('home.create.errorNetwork') : t('home.create.errorServer', { message: result.message }))
    }
  }

  return (
    <form className="card create-board" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('home.create.heading')}</h2>
      <p>{t('home.create.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('home.create.title')}</label>
        <input
          id={`${id}-title`}
          name="title"
          type="text"
          value={title}
          required
          maxLength={BOARD_TITLE_MAX + 50 /* let them paste, then tell them */}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setTitle(event.target.value)
            if (error) setError(validate(event.target.value))
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>{t('home.create.titleHint', { max: BOARD_TITLE_MAX })}</p>
        {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
      </div>
      <AdminTokenField admin={admin} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('home.create.submitting') : t('home.create.submit')}
      </button>
    </form>
  )
}
