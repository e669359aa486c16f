/**
 * The Partners section: the board's partner organisations, added and edited by the facilitator
 * (and by participants unless the facilitator turned that off); observers read.
 */
import { useRef, useState } from 'react'
import { can } from '../../shared/auth/roles.ts'
import { mayEditPartners, setParticipantsEditPartners } from '../../shared/board/partners.ts'
import { metaOf, type PartnerFields } from '../../shared/board/schema.ts'
import type { SectionProps } from '../board/section-props.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { LogoSettings } from './LogoSettings.tsx'
import { PartnerForm } from './PartnerForm.tsx'
import { usePartners } from './usePartners.ts'

const participantsMayEdit = (doc: SectionProps['doc']) => metaOf(doc).get('participantsEditPartners') !== false

export function PartnersSection({ boardId, doc, actor, role, snapshot }: SectionProps) {
  const { t } = useI18n()
  const partners = usePartners(doc)
  const mayEdit = useDocValue(doc, (d) => mayEditPartners(d, actor))
  const participantsEdit = useDocValue(doc, participantsMayEdit)
  const facilitator = can(role, 'board.facilitate')
  const [editing, setEditing] = useState<PartnerFields | 'new' | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const addButton = useRef<HTMLButtonElement>(null)

  const finish = (message: string, partnerId: string | null) => {
    setEditing(null)
    setAnnouncement(message)
    // Back to where the person was: the partner's edit button, or the add button.
    requestAnimationFrame(() => {
      const target = partnerId ? document.querySelector<HTMLElement>(`[data-edit-partner="${CSS.escape(partnerId)}"]`) : null
      ;(target ?? addButton.current)?.focus()
    })
  }

  return (
    <section className="partners" aria-labelledby="partners-heading">
      <div className="section-head">
        <h2 id="partners-heading">{t('partners.heading')}</h2>
        {mayEdit && editing !== 'new' && (
          <button ref={addButton} type="button" className="button button--primary" onClick={() => setEditing('new')}>{t('partners.add')}</button>
        )}
      </div>
      <p className="section-intro">{t('partners.intro')}</p>
      {!can(role, 'board.edit') && !snapshot && <p className="notice">{t('partners.readOnly')}</p>}
      {can(role, 'board.edit') && !mayEdit && <p className="notice">{t('partners.locked')}</p>}
      {facilitator && (
        <label className="switch-row">
          <input
            type="checkbox" role="switch" checked={participantsEdit}
            onChange={(event) => setParticipantsEditPartners(doc, actor, event.target.checked)}
          />
          {t('partners.allowParticipants')}
        </label>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>

      {editing === 'new' && (
        <PartnerForm
          doc={doc} actor={actor} partners={partners} editing={null}
          onDone={(name, id) => finish(t('partners.added', { name }), id)}
          onCancel={() => finish('', null)}
        />
      )}

      {partners.length === 0 && editing !== 'new' && <p className="muted">{t('partners.empty')}</p>}
      <ul className="partner-list" aria-label={t('partners.heading')}>
        {partners.map((partner) => (
          <li key={partner.id} data-partner={partner.id}>
            {editing !== null && editing !== 'new' && editing.id === partner.id ? (
              <PartnerForm
                doc={doc} actor={actor} partners={partners} editing={partner}
                onDone={(name) => finish(t('partners.saved', { name }), partner.id)}
                onCancel={() => finish('', partner.id)}
              />
            ) : (
              <article className="partner-item" style={{ ['--partner-color' as string]: partner.color }} aria-labelledby={`partner-${partner.id}`}>
                <span className="partner-item__swatch" style={{ backgroundColor: partner.color }} aria-hidden="true" />
                <div>
                  <h3 className="partner-item__name" id={`partner-${partner.id}`}>{partner.name}</h3>
                  <p className="partner-item__meta">
                    {partner.shortName && <span>{t('partners.shortNameShown', { short: partner.shortName })}</span>}
                    <span>{t(`partnerKind.${partner.kind}`)}</span>
                    <span>{t('partners.addedBy', { name: partner.createdBy?.name ?? '' })}</span>
                  </p>
                  {partner.note && <p className="partner-item__note">{partner.note}</p>}
                </div>
                {mayEdit && (
                  <button
                    type="button" className="button button--small" data-edit-partner={partner.id}
                    aria-label={t('partners.editLabel', { name: partner.name })}
                    onClick={() => setEditing(partner)}
                  >
                    {t('partners.edit')}
                  </button>
                )}
              </article>
            )}
          </li>
        ))}
      </ul>
      {!snapshot && <LogoSettings boardId={boardId} partners={partners} mayManage={can(role, 'logos.manage')} />}
    </section>
  )
}
