/**
 * The map: the board's 0..MAP_SIZE square scaled to the surface. Cards in no group sit where they
 * were put; a group is a box whose cards are laid out inside it. Pointer (mouse, pen, touch) drags
 * cards and group boxes; dropping a card on a box puts it in that group. Keyboard: one tab stop
 * (roving tabindex), arrows go to the nearest card in that direction, Shift+arrows move, Space
 * selects, G goes to "Move to group". Drags write to the doc at most once per animation frame, and
 * the final position on drop.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { moveCard, moveGroup, setCardGroup, type GroupView } from '../../shared/board/interests.ts'
import { MAP_SIZE, type CardFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { partnerOf, type InterestsData, type PartnerInfo } from './interests-data.ts'
import { errorText, groupKindLabel, kindLabel } from './labels.ts'
import { MapCard } from './MapCard.tsx'

/** Card size in CSS pixels (interests.css uses the same numbers). */
export const CARD_W = 168
export const CARD_H = 84
const GAP = 6
const GROUP_PAD = 8
const GROUP_HEAD = 40
/** Keyboard move step, in map units (Alt: fine step). */
const STEP = 25
const FINE_STEP = 5

const groupColumns = (count: number) => Math.max(1, Math.min(3, Math.ceil(Math.sqrt(count))))
const groupWidth = (count: number) => groupColumns(count) * (CARD_W + GAP) - GAP + GROUP_PAD * 2
const toPixels = (value: number, room: number) => Math.round((value / MAP_SIZE) * Math.max(0, room))
const clamp = (value: number) => Math.max(0, Math.min(MAP_SIZE, Math.round(value)))

interface Props {
  doc: Y.Doc
  actor: Actor
  data: InterestsData
  canEdit: boolean
  selected: ReadonlySet<string>
  onToggleSelect(cardId: string): void
  onClearSelection(): void
  /** G on a card: go to the "Move to group" control with this card selected. */
  onGroupShortcut(cardId: string): void
  announce(message: string): void
}

type Drag =
  | { kind: 'card'; id: string; x: number; y: number; overGroup: string | null }
  | { kind: 'group'; id: string; x: number; y: number }

interface Gesture {
  kind: 'card' | 'group'
  id: string
  pointerId: number
  startX: number
  startY: number
  /** Where in the item the pointer grabbed it, in pixels. */
  grabX: number
  grabY: number
  itemW: number
  itemH: number
  surface: DOMRect
  groups: { id: string; rect: DOMRect }[]
  started: boolean
  last: { clientX: number; clientY: number }
  frame: number
  drag: Drag | null
  written: string
}

export function InterestsMap({ doc, actor, data, canEdit, selected, onToggleSelect, onClearSelection, onGroupShortcut, announce }: Props) {
  const { t } = useI18n()
  const surfaceRef = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ w: 0, h: 0 })
  const [focusId, setFocusId] = useState<string | null>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const gesture = useRef<Gesture | null>(null)
  const helpId = 'interests-map-help'

  useLayoutEffect(() => {
    const surface = surfaceRef.current
    if (!surface) return
    const measure = () => setSize((old) => (old.w === surface.clientWidth && old.h === surface.clientHeight ? old : { w: surface.clientWidth, h: surface.clientHeight }))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(surface)
    return () => observer.disconnect()
  }, [])

  const facilitation = t('interests.facilitation')
  const unknown = t('interests.unknownPartner')
  const partnersById = data.partnersById
  const partnerFor = useCallback((id: string) => partnerOf({ partnersById }, id, facilitation, unknown), [partnersById, facilitation, unknown])

  const groupIds = useMemo(() => new Set(data.groups.map((g) => g.id)), [data.groups])
  const groupNames = useMemo(() => new Map(data.groups.map((g) => [g.id, g.name])), [data.groups])
  const navIds = useMemo(() => new Set([...data.cards.map((c) => `card:${c.id}`), ...data.groups.map((g) => `group:${g.id}`)]), [data.cards, data.groups])
  const firstNav = data.groups[0] ? `group:${data.groups[0].id}` : data.cards[0] ? `card:${data.cards[0].id}` : null
  const tabbable = focusId && navIds.has(focusId) ? focusId : firstNav

  const cardCount = (count: number) => t(count === 1 ? 'interests.group.countOne' : 'interests.group.count', { count })

  // Labels per card object: unchanged cards keep their object, so a drag re-labels one card a frame.
  const labels = useMemo(() => new WeakMap<CardFields, string>(), [groupNames, partnerFor, t]) // eslint-disable-line react-hooks/exhaustive-deps
  const cardLabel = (card: CardFields) => {
    let label = labels.get(card)
    if (label === undefined) {
      const group = groupNames.get(card.groupId)
      label = t(group ? 'interests.card.labelInGroup' : 'interests.card.label', {
        kind: kindLabel(t, card.kind), partner: partnerFor(card.partnerId).name, text: card.text, group: group ?? '', author: card.author?.name ?? '',
      })
      labels.set(card, label)
    }
    return label
  }

  const cardSlot = (card: CardFields, free: boolean, px: number | null, py: number | null) => (
    <MapCard
      key={card.id}
      card={card}
      partner={partnerFor(card.partnerId)}
      kindText={kindLabel(t, card.kind)}
      label={cardLabel(card)}
      selected={selected.has(card.id)}
      tabbable={tabbable === `card:${card.id}`}
      px={free ? px : null}
      py={free ? py : null}
      dragging={drag?.kind === 'card' && drag.id === card.id}
      describedBy={helpId}
    />
  )

  // ---- pointer: drag cards and groups, click to select ----

  const frameWrite = useCallback(() => {
    const g = gesture.current
    if (!g) return
    g.frame = 0
    const surface = g.surface
    const roomX = size.w - g.itemW
    const roomY = size.h - g.itemH
    const left = g.last.clientX - surface.left - g.grabX + (surfaceRef.current?.scrollLeft ?? 0)
    const top = g.last.clientY - surface.top - g.grabY + (surfaceRef.current?.scrollTop ?? 0)
    const x = clamp(roomX > 0 ? (left / roomX) * MAP_SIZE : 0)
    const y = clamp(roomY > 0 ? (top / roomY) * MAP_SIZE : 0)
    let next: Drag
    if (g.kind === 'card') {
      const over = g.groups.find(({ rect }) => g.last.clientX >= rect.left && g.last.clientX <= rect.right && g.last.clientY >= rect.top && g.last.clientY <= rect.bottom)
      next = { kind: 'card', id: g.id, x, y, overGroup: over?.id ?? null }
    } else {
      next = { kind: 'group', id: g.id, x, y }
    }
    g.drag = next
    setDrag(next)
    // Live for the others, at most once a frame; a card in a group only moves when it leaves it.
    const key = `${x},${y}`
    if (key === g.written) return
    try {
      if (g.kind === 'group') moveGroup(doc, actor, g.id, x, y)
      else if (!groupIds.has(data.cardsById.get(g.id)?.groupId ?? '')) moveCard(doc, actor, g.id, x, y)
      g.written = key
    } catch {
      // Removed meanwhile: the drop will say so.
    }
  }, [actor, data.cardsById, doc, groupIds, size.h, size.w])

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || gesture.current) return
    const target = event.target as HTMLElement
    const cardEl = target.closest<HTMLElement>('[data-card-id]')
    const handleEl = cardEl ? null : target.closest<HTMLElement>('[data-group-handle]')
    const item = cardEl ?? handleEl?.closest<HTMLElement>('[data-group-id]') ?? null
    if (!item || !surfaceRef.current) return
    const id = cardEl ? cardEl.dataset.cardId! : item.dataset.groupId!
    const rect = item.getBoundingClientRect()
    gesture.current = {
      kind: cardEl ? 'card' : 'group',
      id,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      grabX: event.clientX - rect.left,
      grabY: event.clientY - rect.top,
      itemW: rect.width,
      itemH: cardEl ? CARD_H : rect.height,
      surface: surfaceRef.current.getBoundingClientRect(),
      groups: [],
      started: false,
      last: { clientX: event.clientX, clientY: event.clientY },
      frame: 0,
      drag: null,
      written: '',
    }
    setFocusId(cardEl ? `card:${id}` : `group:${id}`)
    ;(cardEl ?? handleEl)?.focus({ preventScroll: true })
    surfaceRef.current.setPointerCapture(event.pointerId)
  }

  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    if (!g || g.pointerId !== event.pointerId) return
    g.last = { clientX: event.clientX, clientY: event.clientY }
    if (!g.started) {
      if (!canEdit || Math.hypot(event.clientX - g.startX, event.clientY - g.startY) < 5) return
      g.started = true
      if (g.kind === 'card') {
        g.groups = [...(surfaceRef.current?.querySelectorAll<HTMLElement>('[data-group-id]') ?? [])]
          .map((el) => ({ id: el.dataset.groupId!, rect: el.getBoundingClientRect() }))
      }
    }
    if (!g.frame) g.frame = requestAnimationFrame(frameWrite)
  }

  const endGesture = (event: React.PointerEvent<HTMLDivElement>, cancelled: boolean) => {
    const g = gesture.current
    if (!g || g.pointerId !== event.pointerId) return
    gesture.current = null
    if (g.frame) cancelAnimationFrame(g.frame)
    if (!g.started) {
      if (!cancelled && g.kind === 'card') onToggleSelect(g.id)
      return
    }
    g.last = { clientX: event.clientX, clientY: event.clientY }
    // Compute the final position synchronously, then write it whole.
    gesture.current = g
    frameWrite()
    gesture.current = null
    const final = g.drag
    setDrag(null)
    if (!final || cancelled) return
    try {
      // The last frame may already have written this very position.
      const alreadyWritten = g.written === `${final.x},${final.y}`
      if (final.kind === 'group') {
        if (!alreadyWritten) moveGroup(doc, actor, final.id, final.x, final.y)
        announce(t('interests.announce.groupMoved', { name: groupNames.get(final.id) ?? '' }))
        return
      }
      const card = data.cardsById.get(final.id)
      const current = card && groupIds.has(card.groupId) ? card.groupId : ''
      if (final.overGroup && final.overGroup !== current) {
        setCardGroup(doc, actor, final.id, final.overGroup)
        announce(t('interests.announce.cardGrouped', { text: card?.text ?? '', group: groupNames.get(final.overGroup) ?? '' }))
      } else if (final.overGroup && final.overGroup === current) {
        // Dropped back into its own group: nothing changes.
      } else {
        doc.transact(() => {
          if (current) setCardGroup(doc, actor, final.id, '')
          if (current || !alreadyWritten) moveCard(doc, actor, final.id, final.x, final.y)
        })
        announce(t(current ? 'interests.announce.cardUngrouped' : 'interests.announce.cardMoved', { text: card?.text ?? '' }))
      }
    } catch (error) {
      announce(errorText(t, error))
    }
  }

  useEffect(() => () => {
    if (gesture.current?.frame) cancelAnimationFrame(gesture.current.frame)
  }, [])

  // ---- keyboard ----

  const focusNav = (el: HTMLElement | null | undefined) => {
    if (!el) return
    const id = el.dataset.cardId ? `card:${el.dataset.cardId}` : `group:${el.closest<HTMLElement>('[data-group-id]')?.dataset.groupId}`
    setFocusId(id)
    el.focus()
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]')
    const surface = surfaceRef.current
    if (!current || !surface) return
    const cardId = current.dataset.cardId
    const groupId = cardId ? undefined : current.closest<HTMLElement>('[data-group-id]')?.dataset.groupId
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }
    const dir = arrows[event.key]
    if (dir && event.shiftKey) {
      event.preventDefault()
      if (!canEdit) return announce(t('interests.announce.viewOnly'))
      const step = event.altKey ? FINE_STEP : STEP
      try {
        if (groupId) {
          const group = data.groups.find((g) => g.id === groupId)
          if (!group) return
          moveGroup(doc, actor, groupId, clamp(group.x + dir[0] * step), clamp(group.y + dir[1] * step))
          announce(t('interests.announce.groupAt', { name: group.name, x: Math.round(clamp(group.x + dir[0] * step) / 10), y: Math.round(clamp(group.y + dir[1] * step) / 10) }))
        } else if (cardId) {
          const card = data.cardsById.get(cardId)
          if (!card) return
          if (groupIds.has(card.groupId)) return announce(t('interests.announce.cardInGroupNoMove', { group: groupNames.get(card.groupId) ?? '' }))
          const x = clamp(card.x + dir[0] * step)
          const y = clamp(card.y + dir[1] * step)
          moveCard(doc, actor, cardId, x, y)
          announce(t('interests.announce.cardAt', { x: Math.round(x / 10), y: Math.round(y / 10) }))
        }
      } catch (error) {
        announce(errorText(t, error))
      }
      return
    }
    if (dir) {
      event.preventDefault()
      const items = [...surface.querySelectorAll<HTMLElement>('[data-nav]')]
      const from = current.getBoundingClientRect()
      const cx = from.left + from.width / 2
      const cy = from.top + from.height / 2
      let best: HTMLElement | null = null
      let bestScore = Infinity
      for (const el of items) {
        if (el === current) continue
        const r = el.getBoundingClientRect()
        const dx = r.left + r.width / 2 - cx
        const dy = r.top + r.height / 2 - cy
        const along = dx * dir[0] + dy * dir[1]
        if (along <= 1) continue
        const across = Math.abs(dx * dir[1]) + Math.abs(dy * dir[0])
        const score = along + across * 2
        if (score < bestScore) {
          bestScore = score
          best = el
        }
      }
      focusNav(best)
      return
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      const items = [...surface.querySelectorAll<HTMLElement>('[data-nav]')]
      focusNav(event.key === 'Home' ? items[0] : items[items.length - 1])
      return
    }
    if (cardId && (event.key === ' ' || event.key === 'Enter')) {
      event.preventDefault()
      onToggleSelect(cardId)
      return
    }
    if (cardId && (event.key === 'g' || event.key === 'G') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault()
      onGroupShortcut(cardId)
      return
    }
    if (event.key === 'Escape' && selected.size > 0) {
      event.preventDefault()
      onClearSelection()
    }
  }

  // ---- layout ----

  const roomX = size.w - CARD_W
  const roomY = size.h - CARD_H
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
    <div className="interests-map">
      <p id={helpId} className="interests-map__help">
        {canEdit ? t('interests.map.help') : t('interests.map.helpReadOnly')}
      </p>
      <div className="map-scroll">
      <div
        ref={surfaceRef}
        className={`map-surface${drag ? ' map-surface--dragging' : ''}`}
        role="group"
        aria-label={t('interests.map.label', { cards: data.cards.length, groups: data.groups.length })}
        data-testid="interests-map"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(event) => endGesture(event, false)}
        onPointerCancel={(event) => endGesture(event, true)}
        onKeyDown={onKeyDown}
      >
        {data.groups.map((group) => {
          const cards = byGroup.get(group.id) ?? []
          const dragged = drag?.kind === 'group' && drag.id === group.id
          const gx = dragged ? drag.x : group.x
          const gy = dragged ? drag.y : group.y
          const width = groupWidth(cards.length)
          return (
            <GroupBox
              key={group.id}
              group={group}
              kindText={groupKindLabel(t, group, (id) => partnerFor(id).name)}
              countText={cardCount(group.cardIds.length)}
              handleLabel={t('interests.group.handleLabel', {
                name: group.name, kind: groupKindLabel(t, group, (id) => partnerFor(id).name), count: cardCount(group.cardIds.length),
              })}
              px={toPixels(gx, size.w - width)}
              py={toPixels(gy, size.h - GROUP_HEAD - GROUP_PAD * 2)}
              width={width}
              columns={groupColumns(cards.length)}
              tabbable={tabbable === `group:${group.id}`}
              dropTarget={drag?.kind === 'card' && drag.overGroup === group.id}
              dragging={dragged}
              describedBy={helpId}
            >
              {cards.map((card) => cardSlot(card, false, null, null))}
            </GroupBox>
          )
        })}
        {freeCards.map((card) => {
          const dragged = drag?.kind === 'card' && drag.id === card.id
          const x = dragged ? drag.x : card.x
          const y = dragged ? drag.y : card.y
          return cardSlot(card, true, toPixels(x, roomX), toPixels(y, roomY))
        })}
        {data.cards.length === 0 && data.groups.length === 0 && <p className="map-surface__empty">{t('interests.map.empty')}</p>}
      </div>
      </div>
    </div>
  )
}

interface GroupBoxProps {
  group: GroupView
  kindText: string
  countText: string
  handleLabel: string
  px: number
  py: number
  width: number
  columns: number
  tabbable: boolean
  dropTarget: boolean
  dragging: boolean
  describedBy: string
  children: React.ReactNode
}

const GroupBox = memo(function GroupBox({ group, kindText, countText, handleLabel, px, py, width, columns, tabbable, dropTarget, dragging, describedBy, children }: GroupBoxProps) {
  return (
    <div
      className={`map-group map-group--${group.kind}${dropTarget ? ' map-group--target' : ''}${dragging ? ' map-group--dragging' : ''}`}
      style={{ transform: `translate3d(${px}px, ${py}px, 0)`, width, '--columns': columns } as React.CSSProperties}
      data-group-id={group.id}
      data-kind={group.kind}
    >
      <div
        className="map-group__head"
        role="button"
        aria-label={handleLabel}
        aria-describedby={describedBy}
        tabIndex={tabbable ? 0 : -1}
        data-nav=""
        data-group-handle=""
      >
        <span className="map-group__name" aria-hidden="true">{group.name}</span>
        <span className="map-group__kind" aria-hidden="true">{kindText} · {countText}</span>
      </div>
      <div className="map-group__cards">{children}</div>
    </div>
  )
})

export type { PartnerInfo }
