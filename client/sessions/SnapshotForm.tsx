/** The facilitator saves a named snapshot of the board at any time. */
import { useId, useState, type FormEvent } from 'react'
import { createSnapshot } from '../http/snapshots-api.ts'
import { apiErrorText } from '../history/api-error.ts'
import { snapshotsChanged, useBoardToken } from '../history/useSnapshots.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

/** SNAPSHOT_LABEL_MAX (shared/api/snapshots.ts), not imported: that module brings zod. */
const LABEL_MAX = 200

export function SnapshotForm({ boardId }: { boardId: string }) {
  const { t } = useI18n()
  const id = useId()
  const token = useBoardToken(boardId)
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!label.trim()) {
      setMessage({ ok: false, text: t('snapshot.labelEmpty') })
      return
    }
    setBusy(true)
    const result = await createSnapshot(boardId, token, label.trim())
    setBusy(false)
    if (result.ok) {
      setMessage({ ok: true, text: t('snapshot.saved', { label: result.value.label }) })
      setLabel('')
      snapshotsChanged()
    } else {
      setMessage({ ok: false, text: apiErrorText(t, result) })
    }
  }

  return (
    <form className="card sess-snapshot" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{t('snapshot.heading')}</h3>
      <p className="field__hint" id={`${id}-hint`}>{t('snapshot.intro')}</p>
      <div className="sess-inline-form">
        <label htmlFor={`${id}-label`} className="visually-hidden">{t('snapshot.label')}</label>
        <input id={`${id}-label`} type="text" value={label} maxLength={LABEL_MAX} placeholder={t('snapshot.label')}
          aria-describedby={`${id}-hint`} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button" disabled={busy}>{busy ? t('snapshot.saving') : t('snapshot.save')}</button>
      </div>
      {message && <p className={message.ok ? 'iter-success' : 'form-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  )
}
