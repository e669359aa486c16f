/**
 * One card on the map. Memoised: its props are the card object (kept while unchanged, see
 * interests-data.ts), plain numbers and booleans, so moving another card doesn't re-render it.
 * Events are handled once by the map surface (delegation), not per card.
 */
import { memo } from 'react'
import { CheckIcon } from '../app/icons.tsx'
import type { CardFields } from '../../shared/board/schema.ts'
import { UNIT_PX } from '../../shared/board/map-layout.ts'
import type { PartnerInfo } from './interests-data.ts'
import { KIND_ICON } from './labels.ts'

interface Props {
  card: CardFields
  partner: PartnerInfo
  kindText: string
  /** The card's accessible name, built by the map (kind, partner, text, group, author). */
  label: string
  selected: boolean
  tabbable: boolean
  /** Position in map units for a card that is not in a group; null inside a group box. */
  x: number | null
  y: number | null
  dragging: boolean
  describedBy: string
}

export const MapCard = memo(function MapCard({ card, partner, kindText, label, selected, tabbable, x, y, dragging, describedBy }: Props) {
  const free = x !== null && y !== null
  return (
    <div
      className={`map-card map-card--${card.kind}${free ? ' map-card--free' : ''}${dragging ? ' map-card--dragging' : ''}`}
      style={{
        '--partner': partner.color,
        transform: free ? `translate3d(${x * UNIT_PX}px, ${y * UNIT_PX}px, 0)` : undefined,
      } as React.CSSProperties}
      role="button"
      aria-pressed={selected}
      aria-label={label}
      aria-describedby={describedBy}
      tabIndex={tabbable ? 0 : -1}
      data-nav=""
      data-card-id={card.id}
      data-partner-id={card.partnerId}
      data-kind={card.kind}
      title={card.text}
    >
      {/* Spaces between the parts: the visible text reads as the name does (kind, partner, text). */}
      <span className="map-card__head" aria-hidden="true">
        <span className="map-card__kind"><span className="map-card__icon">{KIND_ICON[card.kind]}</span> {kindText}</span>{' '}
        <span className="map-card__partner">{partner.label}</span>
      </span>{' '}
      <span className="map-card__text" aria-hidden="true">{card.text}</span>
      {selected && <span className="map-card__check" aria-hidden="true"><CheckIcon /></span>}
    </div>
  )
})
