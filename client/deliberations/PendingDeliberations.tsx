/** At a glance: which partners have still to deliberate on the latest iteration that calls for it. */
import type * as Y from 'yjs'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useEndedSessions } from '../history/useSnapshots.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { CheckIcon, HourglassIcon } from '../app/icons.tsx'
import { useDeliberations } from './Deliberations.tsx'

function Pending({ doc, snapshotId, label, partners }: { doc: Y.Doc; snapshotId: string; label: string; partners: readonly PartnerFields[] }) {
  const { t } = useI18n()
  const pending = useDeliberations(doc, snapshotId).filter((d) => d.status === 'pending')
  if (partners.length === 0) return null
  return (
    <p className={`delib-pending ${pending.length ? 'delib-pending--open' : 'delib-pending--done'}`} role="status" data-testid="pending-deliberations">
      {pending.length === 0 ? (
        <><CheckIcon inline />{t('delib.allDone', { label })}</>
      ) : (
        <>
          <HourglassIcon inline />{t('delib.pendingOn', { label, count: pending.length })}{' '}
          {pending.map((d) => <PartnerTag key={d.partnerId} partners={partners} partnerId={d.partnerId} short />)}
        </>
      )}
    </p>
  )
}

export function PendingDeliberations({ doc, snapshots, partners }: { doc: Y.Doc; snapshots: SnapshotSummary[] | null; partners: readonly PartnerFields[] }) {
  // The latest iteration the partners' boards are asked to deliberate on (a project group's need not).
  const latest = useEndedSessions(doc).find((session) => session.callsForDeliberation)
  if (!latest) return null
  const label = snapshots?.find((s) => s.id === latest.snapshotId)?.label ?? latest.title
  return <Pending doc={doc} snapshotId={latest.snapshotId} label={label} partners={partners} />
}
