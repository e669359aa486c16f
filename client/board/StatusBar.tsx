/**
 * Connection and save state, always on screen. The connection is a polite live region; the save
 * state changes on every keystroke, so it is announced only once it has settled.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/en.ts'
import type { ConnectionState, SaveState } from '../live/board-session.ts'

const CONNECTION_TEXT: Record<ConnectionState, MessageKey> = {
  connected: 'status.connected',
  connecting: 'status.connecting',
  offline: 'status.offline',
}
const SAVE_TEXT: Record<SaveState, MessageKey> = {
  saved: 'save.saved',
  saving: 'save.saving',
  offline: 'save.offline',
  'not-saved': 'save.notSaved',
  'view-only': 'save.viewOnly',
}

export function StatusBar({ connection, save }: { connection: ConnectionState; save: SaveState }) {
  const { t } = useI18n()
  const [announcedSave, setAnnouncedSave] = useState<SaveState>(save)

  useEffect(() => {
    const timer = setTimeout(() => setAnnouncedSave(save), 1500)
    return () => clearTimeout(timer)
  }, [save])

  return (
    <div className="status-bar" aria-label={t('status.label')} role="group">
      <span className={`status status--${connection}`} role="status" aria-live="polite" data-connection={connection}>
        <span className="status__dot" aria-hidden="true" />
        {t(CONNECTION_TEXT[connection])}
      </span>
      <span className={`save save--${save}`} data-save={save} aria-hidden="true">{t(SAVE_TEXT[save])}</span>
      <span className="visually-hidden" role="status" aria-live="polite">{t(SAVE_TEXT[announcedSave])}</span>
    </div>
  )
}
