/**
 * The interests map: a fixed plane (shared/board/map-layout.ts) seen through a viewport that pans
 * and zooms (useMapView), with zoom buttons and "fit" (MapZoomBar). Pointer, touch and pinch go
 * through useMapGestures, the keyboard through useMapKeyboard; what is drawn is MapPlane. Places
 * are chosen so that nothing lands on anything (map-actions.ts). Until the person moves the view
 * themselves, it fits everything on the map.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { moveCard, moveGroup } from '../../shared/board/interests.ts'
import { CARD_SIZE, clampItem, contentBounds, groupSize, mapItems } from '../../shared/board/map-layout.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { InterestsData } from './interests-data.ts'
import { errorText } from './labels.ts'
import { dropCard, dropGroup, settleMyNewCards } from './map-actions.ts'
import { MapPlane } from './MapPlane.tsx'
import { MapZoomBar } from './MapZoomBar.tsx'
import { useMapGestures, type DragPreview } from './useMapGestures.ts'
import { useMapKeyboard } from './useMapKeyboard.ts'
import { useMapView } from './useMapView.ts'

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

const navIdOf = (el: HTMLElement) => (el.dataset.cardId ? `card:${el.dataset.cardId}` : `group:${el.closest<HTMLElement>('[data-group-id]')?.dataset.groupId}`)

export function InterestsMap({ doc, actor, data, canEdit, selected, onToggleSelect, onClearSelection, onGroupShortcut, announce }: Props) {
  const { t } = useI18n()
  const view = useMapView()
  const [focusId, setFocusId] = useState<string | null>(null)
  const [drag, setDrag] = useState<DragPreview | null>(null)
  const dataRef = useRef(data)
  dataRef.current = data
  const userMoved = useRef(false)
  const helpId = 'interests-map-help'

  const navIds = useMemo(() => new Set([...data.cards.map((c) => `card:${c.id}`), ...data.groups.map((g) => `group:${g.id}`)]), [data.cards, data.groups])
  const firstNav = data.groups[0] ? `group:${data.groups[0].id}` : data.cards[0] ? `card:${data.cards[0].id}` : null
  const tabbable = focusId && navIds.has(focusId) ? focusId : firstNav

  const fitContent = useCallback(() => {
    const board = dataRef.current
    view.fit(contentBounds(mapItems(board.cards, board.groups)))
  }, [view])

  // Fit everything until the person takes the view in hand; follow the viewport's size.
  const itemCount = data.cards.length + data.groups.length
  useLayoutEffect(() => {
    if (!userMoved.current) fitContent()
  }, [itemCount, fitContent])
  useEffect(() => {
    const viewport = view.viewportRef.current
    if (!viewport) return
    const observer = new ResizeObserver(() => {
      view.measure()
      if (!userMoved.current) fitContent()
      else view.set(view.current())
    })
    observer.observe(viewport)
    return () => observer.disconnect()
  }, [fitContent, view])

  // Two people who added a card at the same moment may have chosen the same place: mine moves off.
  useEffect(() => {
    if (!canEdit) return
    try {
      settleMyNewCards(doc, actor, data)
    } catch {
      // Removed meanwhile.
    }
  }, [actor, canEdit, data, doc])

  // ---- live drag: the others see it move, at most once a frame ----
  const frame = useRef(0)
  const pending = useRef<DragPreview | null>(null)
  const written = useRef('')
  const cancelFrame = () => {
    if (frame.current) cancelAnimationFrame(frame.current)
    frame.current = 0
  }
  const writeLive = useCallback(() => {
    frame.current = 0
    const preview = pending.current
    if (!preview) return
    const board = dataRef.current
    try {
      if (preview.kind === 'group') {
        const at = clampItem(preview, groupSize(board.groups.find((g) => g.id === preview.id)?.cardIds.length ?? 0))
        if (`${at.x},${at.y}` !== written.current) moveGroup(doc, actor, preview.id, at.x, at.y)
        written.current = `${at.x},${at.y}`
      } else if (!board.groups.some((g) => g.id === board.cardsById.get(preview.id)?.groupId)) {
        // A card in a group moves for the others only when it leaves it.
        const at = clampItem(preview, CARD_SIZE)
        if (`${at.x},${at.y}` !== written.current) moveCard(doc, actor, preview.id, at.x, at.y)
        written.current = `${at.x},${at.y}`
      }
    } catch {
      // Removed meanwhile: the drop says so.
    }
  }, [actor, doc])
  useEffect(() => cancelFrame, [])

  const onDrop = (preview: DragPreview) => {
    cancelFrame()
    pending.current = null
    written.current = ''
    const board = dataRef.current
    try {
      if (preview.kind === 'group') {
        dropGroup(doc, actor, board, preview.id, preview)
        announce(t('interests.announce.groupMoved', { name: board.groups.find((g) => g.id === preview.id)?.name ?? '' }))
        return
      }
      const card = board.cardsById.get(preview.id)
      const result = dropCard(doc, actor, board, preview.id, preview, preview.overGroup)
      if (result.kind === 'grouped') {
        announce(t('interests.announce.cardGrouped', { text: card?.text ?? '', group: board.groups.find((g) => g.id === result.groupId)?.name ?? '' }))
      } else if (result.kind !== 'unchanged') {
        announce(t(result.kind === 'ungrouped' ? 'interests.announce.cardUngrouped' : 'interests.announce.cardMoved', { text: card?.text ?? '' }))
      }
    } catch (error) {
      announce(errorText(t, error))
    }
  }

  const markMoved = useCallback(() => { userMoved.current = true }, [])
  useMapGestures({
    view,
    canEdit,
    data: () => dataRef.current,
    onTap: onToggleSelect,
    onGrab: (element) => {
      setFocusId(navIdOf(element))
      element.focus({ preventScroll: true })
    },
    onPreview: (preview) => {
      setDrag(preview)
      pending.current = preview
      if (!preview) {
        cancelFrame()
        written.current = ''
      } else if (!frame.current) {
        frame.current = requestAnimationFrame(writeLive)
      }
    },
    onDrop,
    onViewChanged: markMoved,
  })

  const focusItem = (element: HTMLElement | null | undefined) => {
    if (!element) return
    setFocusId(navIdOf(element))
    element.focus({ preventScroll: true })
    view.reveal(element)
  }

  const onKeyDown = useMapKeyboard({
    doc, actor, data, canEdit,
    selectedCount: selected.size,
    surface: () => view.viewportRef.current,
    focusItem,
    onToggleSelect, onClearSelection, onGroupShortcut,
    zoomBy: (factor) => { markMoved(); view.zoomBy(factor) },
    fit: () => { userMoved.current = false; fitContent() },
    announce,
  })

  return (
    <div className="interests-map">
      <p id={helpId} className="interests-map__help">
        {canEdit ? t('interests.map.help') : t('interests.map.helpReadOnly')}
      </p>
      <MapZoomBar
        zoom={view.zoom}
        onZoom={(factor) => { markMoved(); view.zoomBy(factor) }}
        onFit={() => { userMoved.current = false; fitContent() }}
      />
      <div
        ref={view.viewportRef}
        className={`map-viewport${drag ? ' map-viewport--dragging' : ''}`}
        role="group"
        aria-label={t('interests.map.label', { cards: data.cards.length, groups: data.groups.length })}
        data-testid="interests-map"
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          // Tab into the map: the browser may have scrolled the clipped viewport; the view pans instead.
          const target = event.target as HTMLElement
          if (target.matches('[data-nav]')) view.reveal(target)
        }}
        onScroll={(event) => {
          const viewport = event.currentTarget
          if (viewport.scrollLeft || viewport.scrollTop) {
            viewport.scrollLeft = 0
            viewport.scrollTop = 0
          }
        }}
      >
        <MapPlane data={data} drag={drag} selected={selected} tabbable={tabbable} describedBy={helpId} planeRef={view.planeRef} />
        {data.cards.length === 0 && data.groups.length === 0 && <p className="map-viewport__empty">{t('interests.map.empty')}</p>}
      </div>
    </div>
  )
}
