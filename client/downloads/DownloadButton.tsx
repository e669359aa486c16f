/** A button that fetches an attachment with the board's token and saves it, showing progress and errors. */
import { useId, useState } from 'react'
import { downloadFile } from '../http/snapshots-api.ts'
import { apiErrorText } from '../history/api-error.ts'
import { useBoardToken } from '../history/useSnapshots.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { DownloadIcon } from '../app/icons.tsx'

type State = { kind: 'idle' } | { kind: 'busy'; progress: number | null } | { kind: 'done'; fileName: string } | { kind: 'error'; message: string }

export function DownloadButton({ boardId, path, fileName, label, accessibleName }: {
  boardId: string; path: string; fileName: string; label: string; accessibleName: string
}) {
  const { t } = useI18n()
  const token = useBoardToken(boardId)
  const [state, setState] = useState<State>({ kind: 'idle' })
  const stateId = useId()

  const start = async () => {
    setState({ kind: 'busy', progress: null })
    const result = await downloadFile(path, token, fileName, (progress) => setState({ kind: 'busy', progress }))
    setState(result.ok ? { kind: 'done', fileName: result.value.fileName } : { kind: 'error', message: apiErrorText(t, result) })
  }

  return (
    <span className="dl">
      <button type="button" className="button button--small" aria-label={accessibleName} disabled={state.kind === 'busy'} onClick={start}
        aria-describedby={state.kind === 'idle' ? undefined : stateId}>
        <DownloadIcon inline />{label}
      </button>
      <span id={stateId} className="dl__state" role={state.kind === 'error' ? 'alert' : 'status'}>
        {state.kind === 'busy' && (state.progress === null ? t('download.busy') : t('download.progress', { percent: Math.round(state.progress * 100) }))}
        {state.kind === 'done' && t('download.done', { name: state.fileName })}
        {state.kind === 'error' && <span className="form-error">{t('download.failed', { message: state.message })}</span>}
      </span>
    </span>
  )
}
