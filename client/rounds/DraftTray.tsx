/**
 * My cards of the open private-writing round, above the map: drafts the server keeps for me alone
 * (or that wait on this device to be sent). Dashed, with a lock, and "only you see it" in words.
 */
import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { partnerOf, type InterestsData } from '../interests/interests-data.ts'
import { KIND_ICON } from '../interests/labels.ts'
import { LockIcon } from '../app/icons.tsx'
import type { Drafts } from './useDrafts.ts'

export function DraftTray({ drafts, data }: { drafts: Drafts; data: Pick<InterestsData, 'partnersById'> }) {
  const { t } = useI18n()
  const [error, setError] = useState('')
  if (drafts.mine.length === 0) return null

  const withdraw = async (draftId: string) => {
    const result = await drafts.remove(draftId)
    setError(result.ok ? '' : t('rounds.private.failed', { message: result.kind === 'http' ? result.message : 'offline' }))
  }

  return (
    <section className="draft-tray" aria-labelledby="draft-tray-heading" data-testid="my-drafts">
      <h3 id="draft-tray-heading" className="draft-tray__heading"><LockIcon inline />{t('rounds.drafts.heading')}</h3>
      <ul className="draft-tray__list">
        {drafts.mine.map((draft) => {
          const partner = partnerOf(data, draft.partnerId, t('interests.facilitation'), t('interests.unknownPartner'))
          return (
            <li
              key={draft.id}
              className="draft-card"
              style={{ '--partner': partner.color } as React.CSSProperties}
              data-draft-id={draft.id}
              data-pending={draft.pending ? '' : undefined}
            >
              <span className="draft-card__head">
                <span><span aria-hidden="true">{KIND_ICON[draft.kind]} </span>{t(draft.kind === 'brings' ? 'interests.kind.bringsLong' : 'interests.kind.interestLong')}</span>
                <span>{partner.label}</span>
              </span>
              <span className="draft-card__text">{draft.text}</span>
              <span className="draft-card__private">
                <LockIcon inline />{draft.pending ? t('rounds.drafts.pending') : t('rounds.drafts.onlyYou')}
              </span>
              <button type="button" className="button button--small" aria-label={t('rounds.drafts.withdrawLabel', { text: draft.text })} onClick={() => void withdraw(draft.id)}>
                {t('rounds.drafts.withdraw')}
              </button>
            </li>
          )
        })}
      </ul>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  )
}
