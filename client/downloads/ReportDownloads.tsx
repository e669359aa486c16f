/** The session report (compte rendu) of one iteration, as PDF, DOCX or Markdown; the charter for signature as of it. */
import { reportPath, snapshotCharterPath, type ReportFormat } from '../http/snapshots-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { DownloadButton } from './DownloadButton.tsx'

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'pdf', label: 'PDF' }, { format: 'docx', label: 'DOCX' }, { format: 'md', label: 'Markdown' },
]

export function ReportDownloads({ boardId, snapshotId, label, charter = false }: { boardId: string; snapshotId: string; label: string; charter?: boolean }) {
  const { t } = useI18n()
  return (
    <>
      <div className="dl-row" role="group" aria-label={t('download.reportOf', { label })}>
        <span className="dl-row__label">{t('download.report')}</span>
        {FORMATS.map(({ format, label: formatLabel }) => (
          <DownloadButton key={format} boardId={boardId} path={reportPath(boardId, snapshotId, format)} fileName={`report.${format}`}
            label={formatLabel} accessibleName={t('download.reportAs', { label, format: formatLabel })} />
        ))}
      </div>
      {charter && (
        <div className="dl-row" role="group" aria-label={t('download.charterOf', { label })}>
          <span className="dl-row__label">{t('download.charterForSignature')}</span>
          {(['pdf', 'docx'] as const).map((format) => (
            <DownloadButton key={format} boardId={boardId} path={snapshotCharterPath(boardId, snapshotId, format)} fileName={`charter.${format}`}
              label={format.toUpperCase()} accessibleName={t('download.charterOfAs', { label, format: format.toUpperCase() })} />
          ))}
        </div>
      )}
    </>
  )
}
