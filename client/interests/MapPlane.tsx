/**
 * What is on the map: group boxes with their cards, and cards in no group, on the 4000 px plane
 * that useMapView pans and zooms. Memoised: a pan or a zoom re-renders nothing here; a drag
 * re-renders the dragged item (cards are memoised one by one, see MapCard).
 */
import { memo, useCallback, useMemo } from 'react'
import type { CardFields } from '../../shared/board/schema.ts'
import { MAP_SIZE } from '../../shared/board/schema.ts'
import { UNIT_PX } from '../../shared/board/map-layout.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { GroupBox } from './GroupBox.tsx'
import { partnerOf, type InterestsData } from './interests-data.ts'
import { groupKindLabel, kindLabel } from './labels.ts'
import { MapCard } from './MapCard.tsx'
import type { DragPreview } from './useMapGestures.ts'

interface Props {
  data: InterestsData
  drag: DragPreview | null
  selected: ReadonlySet<string>
  /** The one item reachable by Tab (`card:<id>` or `group:<id>`). */
  tabbable: string | null
  describedBy: string
  planeRef: React.RefObject<HTMLDivElement | null>
}

const PLANE_PX = MAP_SIZE * UNIT_PX

export const MapPlane = memo(function MapPlane({ data, drag, selected, tabbable, describedBy, planeRef }: Props) {
  const { t } = useI18n()
  const facilitation = t('interests.facilitation')
  const unknown = t('interests.unknownPartner')
  const partnersById = data.partnersById
  const partnerFor = useCallback((id: string) => partnerOf({ partnersById }, id, facilitation, unknown), [partnersById, facilitation, unknown])
  const groupIds = useMemo(() => new Set(data.groups.map((g) => g.id)), [data.groups])
  const groupNames = useMemo(() => new Map(data.groups.map((g) => [g.id, g.name])), [data.groups])
  const cardCount = (count: number) => t(count === 1 ? 'interests.group.countOne' : 'interests.group.count', { count })

  // Labels per card object: unchanged cards keep their object, so a drag re-labels one card a frame.
  const labels = useMemo(() => new WeakMap<CardFields, string>(), [groupNames, partnerFor, t]) // eslint-disable-line react-hooks/exhaustive-deps
  const cardLabel = (card: CardFields) => {
    let label = labels.get(card)
    if (label === undefined) {
      const group = groupNames.get(card.groupId)
      label = t(group ? 'interests.card.labelInGroup' : 'interests.card.label', {
        kind: kindLabel(t, card.kind), partner: partnerFor(card.partnerId).label, text: card.text, group: group ?? '', author: card.author?.name ?? '',
      })
      labels.set(card, label)
    }
    return label
  }

  const cardSlot = (card: CardFields, x: number | null, y: number | null) => (
    <MapCard
      key={card.id}
      card={card}
      partner={partnerFor(card.partnerId)}
      kindText={kindLabel(t, card.kind)}
      label={cardLabel(card)}
      selected={selected.has(card.id)}
      tabbable={tabbable === `card:${card.id}`}
      x={x}
      y={y}
      dragging={drag?.kind === 'card' && drag.id === card.id}
      describedBy={describedBy}
    />
  )

  const freeCards: CardFields[] = []
  const byGroup = new Map<string, CardFields[]>()
  for (const card of data.cards) {
    const dragged = drag?.kind === 'card' && drag.id === card.id
    if (!dragged && groupIds.has(card.groupId)) {
      const list = byGroup.get(card.groupId) ?? []
      list.push(card)
      byGroup.set(card.groupId, list)
    } else {
      freeCards.push(card)
    }
  }

  return (
    <div ref={planeRef} className="map-plane" style={{ width: PLANE_PX, height: PLANE_PX }}>
      {data.groups.map((group) => {
        const cards = byGroup.get(group.id) ?? []
        const dragged = drag?.kind === 'group' && drag.id === group.id
        const kindText = groupKindLabel(t, group, (id) => partnerFor(id).name)
        return (
          <GroupBox
            key={group.id}
            group={group}
            kindText={kindText}
            countText={cardCount(group.cardIds.length)}
            handleLabel={t('interests.group.handleLabel', { name: group.name, kind: kindText, count: cardCount(group.cardIds.length) })}
            x={dragged ? drag.x : group.x}
            y={dragged ? drag.y : group.y}
            count={cards.length}
            tabbable={tabbable === `group:${group.id}`}
            dropTarget={drag?.kind === 'card' && drag.overGroup === group.id}
            dragging={dragged}
            describedBy={describedBy}
          >
            {cards.map((card) => cardSlot(card, null, null))}
          </GroupBox>
        )
      })}
      {freeCards.map((card) => {
        const dragged = drag?.kind === 'card' && drag.id === card.id
        return cardSlot(card, dragged ? drag.x : card.x, dragged ? drag.y : card.y)
      })}
    </div>
  )
})
