/**
 * On a phone the "who is here" panel comes after the section's content: this one line above the
 * tabs gives the quorum at a glance and takes you to the panel (focus on its heading). Hidden on
 * wider screens, where the panel sits beside the content (presence.css).
 */
import type { RefObject } from 'react'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Peer } from '../live/presence.ts'
import { presenceByPartner } from './presence-by-partner.ts'
import './presence.css'

export function PresenceJump({ peers, partners, target }: { peers: Peer[]; partners: readonly PartnerFields[]; target: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useI18n()
  const { represented, total } = presenceByPartner(peers, partners.map((p) => p.id))
  return (
    <button
      type="button" className="button button--quiet presence-jump"
      onClick={() => {
        target.current?.scrollIntoView({ block: 'start' })
        target.current?.focus({ preventScroll: true })
      }}
    >
      {total > 0 ? t('presence.jump', { count: represented, total }) : t('presence.heading')}{' '}
      <span className="presence-jump__count">({peers.length})</span>
    </button>
  )
}
