/**
 * Who is on the board right now, by organisation (presence-by-partner.ts): how many partners are
 * represented (a quorum at a glance), each partner with its people or "not represented", the
 * facilitation, and the others (no partner chosen, observers too); for each person, their role and
 * the section they have open. The quorum line is a polite live region; the rest is not (people
 * switch tabs all the time: reading each move aloud would drown everything else).
 */
import { forwardRef, type ReactNode } from 'react'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Peer } from '../live/presence.ts'
import { usePartnerLook } from '../partners/PartnerTag.tsx'
import { BOARD_SECTIONS } from './BoardSections.tsx'
import { presenceByPartner, type PersonHere } from './presence-by-partner.ts'
import './presence.css'

export const PRESENCE_HEADING_ID = 'presence-heading'

interface Props {
  peers: Peer[]
  partners: readonly PartnerFields[]
}

export const PresenceList = forwardRef<HTMLHeadingElement, Props>(function PresenceList({ peers, partners }, heading) {
  const { t } = useI18n()
  const lookOf = usePartnerLook()
  const byPartner = presenceByPartner(peers, partners.map((p) => p.id))
  const sectionName = (id: string) => {
    const section = BOARD_SECTIONS.find((s) => s.id === id)
    return section ? t(section.labelKey) : null
  }

  /** One person: name (you), then, read with the group's name, their role and sections. */
  const person = (who: PersonHere, groupName: string | null) => {
    const sections = who.sections.map(sectionName).filter((name): name is string => name !== null)
    const observer = who.role === 'observer' && groupName !== null
    return (
      <li key={who.key} className="presence__item" data-role={who.role} data-me={who.isMe || undefined}>
        <span className="presence__dot" style={{ backgroundColor: who.color }} aria-hidden="true" />
        <span className="presence__who">
          <span className="presence__name">
            {who.name}
            {who.isMe && <span className="muted"> ({t('board.you')})</span>}
          </span>
          <span className="presence__org">
            {groupName !== null
              ? <span className="visually-hidden">{groupName} · </span>
              : who.organisation && <>{who.organisation} · </>}
            {observer ? t('presence.observerNote') : t(`role.${who.role}`)}
            {sections.length > 0 && (
              <span className="presence__section" data-sections={who.sections.join(' ')}>
                {' · '}{sections.map((name) => t('presence.inSection', { section: name })).join(', ')}
              </span>
            )}
          </span>
        </span>
      </li>
    )
  }

  const group = (key: string, label: ReactNode, name: string, people: PersonHere[], attributes: Record<string, string | undefined>) => (
    <li key={key} className="presence__group" {...attributes}>
      <span className="presence__group-name">{label}</span>
      {people.length > 0
        ? <ul className="presence__people">{people.map((who) => person(who, name))}</ul>
        : <span className="presence__absent">{t('presence.absent')}</span>}
    </li>
  )

  return (
    <section className="presence" aria-labelledby={PRESENCE_HEADING_ID}>
      <h2 id={PRESENCE_HEADING_ID} className="presence__heading" ref={heading} tabIndex={-1}>
        {t('presence.heading')} <span className="presence__count">({peers.length})</span>
      </h2>
      <p className="presence__quorum" role="status" data-represented={byPartner.represented} data-total={byPartner.total}>
        {byPartner.total === 0
          ? t('presence.noPartners')
          : <>
              <span className="presence__quorum-bar" aria-hidden="true">
                {byPartner.partners.map((p) => (
                  <span key={p.partnerId} className="presence__quorum-mark" data-represented={p.represented || undefined}
                    style={{ borderColor: lookOf(partners, p.partnerId).color, backgroundColor: p.represented ? lookOf(partners, p.partnerId).color : undefined }} />
                ))}
              </span>
              {t('presence.quorum', { count: byPartner.represented, total: byPartner.total })}
            </>}
      </p>
      <ul className="presence__list">
        {byPartner.partners.map((p) => {
          const look = lookOf(partners, p.partnerId)
          return group(p.partnerId, (
            <>
              <span className="partner-tag__swatch" style={{ backgroundColor: look.color }} aria-hidden="true" />
              {look.name}
            </>
          ), look.name, p.people, { 'data-partner': p.partnerId, 'data-represented': p.represented ? 'true' : undefined })}
        )}
        {byPartner.facilitation.length > 0 && group('facilitation', (
          <>
            <span className="partner-tag__swatch partner-tag__swatch--facilitation" aria-hidden="true" />
            {t('partners.facilitation')}
          </>
        ), t('partners.facilitation'), byPartner.facilitation, { 'data-partner': 'facilitation' })}
        {byPartner.others.length > 0 && (
          <li className="presence__group presence__group--others">
            {byPartner.total + byPartner.facilitation.length > 0 && <span className="presence__group-name">{t('presence.others')}</span>}
            <ul className="presence__people">{byPartner.others.map((who) => person(who, null))}</ul>
          </li>
        )}
      </ul>
      {peers.length <= 1 && <p className="muted presence__alone">{t('presence.alone')}</p>}
    </section>
  )
})
