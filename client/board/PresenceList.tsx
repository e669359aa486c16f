/** Who is on the board right now, with the partner they speak for (or their organisation) and role; observers too. */
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Peer } from '../live/presence.ts'
import { usePartnerLook } from '../partners/PartnerTag.tsx'

export function PresenceList({ peers, partners }: { peers: Peer[]; partners: readonly PartnerFields[] }) {
  const { t } = useI18n()
  const lookOf = usePartnerLook()
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="presence__heading">
        {t('presence.heading')} <span className="presence__count">({peers.length})</span>
      </h2>
      <ul className="presence__list" aria-live="polite">
        {peers.map((peer) => {
          const look = peer.partnerId ? lookOf(partners, peer.partnerId) : null
          const known = look !== null && look.kind !== 'unknown'
          return (
            <li key={peer.clientId} className="presence__item" data-role={peer.role} data-me={peer.isMe || undefined}>
              <span className="presence__dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
              <span className="presence__who">
                <span className="presence__name">
                  {peer.name}
                  {peer.isMe && <span className="muted"> ({t('board.you')})</span>}
                </span>
                <span className="presence__org" data-partner={known ? look.id : undefined}>
                  {known && <span className="partner-tag__swatch" style={{ backgroundColor: look.color }} aria-hidden="true" />}
                  {known ? look.name : peer.organisation}
                  {(known || peer.organisation) && ' · '}
                  {t(`role.${peer.role}`)}
                </span>
              </span>
            </li>
          )
        })}
      </ul>
      {peers.length <= 1 && <p className="muted presence__alone">{t('presence.alone')}</p>}
    </section>
  )
}
