/** Who is on the board right now, with their organisation and role; observers too. */
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Peer } from '../live/presence.ts'

export function PresenceList({ peers }: { peers: Peer[] }) {
  const { t } = useI18n()
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="presence__heading">
        {t('presence.heading')} <span className="presence__count">({peers.length})</span>
      </h2>
      <ul className="presence__list" aria-live="polite">
        {peers.map((peer) => (
          <li key={peer.clientId} className="presence__item" data-role={peer.role} data-me={peer.isMe || undefined}>
            <span className="presence__dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
            <span className="presence__who">
              <span className="presence__name">
                {peer.name}
                {peer.isMe && <span className="muted"> ({t('board.you')})</span>}
              </span>
              <span className="presence__org">
                {peer.organisation}
                {peer.organisation && ' · '}
                {t(`role.${peer.role}`)}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {peers.length <= 1 && <p className="muted presence__alone">{t('presence.alone')}</p>}
    </section>
  )
}
