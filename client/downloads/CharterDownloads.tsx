/** The charter alone for signature (DOCX, PDF) and the whole board archive (facilitator). */
import { useId } from 'react'
import { can, type Role } from '../../shared/auth/roles.ts'
import { archivePath, charterPath } from '../http/snapshots-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { DownloadButton } from './DownloadButton.tsx'

export function BoardDownloads({ boardId, role }: { boardId: string; role: Role }) {
  const { t } = useI18n()
  const id = useId()
  return (
    <section className="card dl-board" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('download.heading')}</h3>
      <div className="dl-row">
        <span className="dl-row__label">{t('download.charter')}</span>
        <DownloadButton boardId={boardId} path={charterPath(boardId, 'docx')} fileName="charter.docx" label="DOCX" accessibleName={t('download.charterAs', { format: 'DOCX' })} />
        <DownloadButton boardId={boardId} path={charterPath(boardId, 'pdf')} fileName="charter.pdf" label="PDF" accessibleName={t('download.charterAs', { format: 'PDF' })} />
      </div>
      {can(role, 'board.export') && (
        <div className="dl-row">
          <span className="dl-row__label">{t('download.archive')}</span>
          <DownloadButton boardId={boardId} path={archivePath(boardId)} fileName="atelier-archive.json" label="JSON" accessibleName={t('download.archiveLabel')} />
        </div>
      )}
    </section>
  )
}
