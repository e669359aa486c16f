/**
 * Pointer and touch on the map, through @use-gesture: one finger or the mouse drags a card or a
 * group's head (editors), or pans the map from anywhere else; a tap or click selects a card; two
 * fingers, or Ctrl + wheel (a trackpad's pinch), zoom around the fingers or the pointer. A pinch
 * that starts during a drag cancels the drag. Positions are in map units, whatever the zoom.
 */
import { useRef } from 'react'
import { useGesture } from '@use-gesture/react'
import { mapItems, type Point, type Rect } from '../../shared/board/map-layout.ts'
import type { InterestsData } from './interests-data.ts'
import { MAX_ZOOM, MIN_ZOOM, type MapView } from './useMapView.ts'

/** An item being dragged, where it would land (map units) and the group under the pointer. */
export type DragPreview =
  | { kind: 'card'; id: string; x: number; y: number; overGroup: string | null }
  | { kind: 'group'; id: string; x: number; y: number }

interface Options {
  view: MapView
  canEdit: boolean
  /** The board now (read at the start of each drag). */
  data(): Pick<InterestsData, 'cards' | 'groups'>
  onTap(cardId: string): void
  /** Pointer down on a card or a group's head: it takes the focus (roving tabindex). */
  onGrab(element: HTMLElement): void
  /** Every frame of a drag, and null when it ends or is cancelled. */
  onPreview(preview: DragPreview | null): void
  onDrop(preview: DragPreview): void
  /** The person moved or zoomed the view themselves (no more automatic fitting). */
  onViewChanged(): void
}

interface ItemGesture {
  kind: 'card' | 'group'
  id: string
  /** Pointer minus the item's corner, in map units. */
  grab: Point
  groups: (Rect & { id: string })[]
  /** The viewport's place on screen at the start (read once, not per pointer event). */
  box: DOMRect
  preview: DragPreview | null
  cancelled: boolean
}

type Memo = { mode: 'pan' } | { mode: 'item'; item: ItemGesture } | { mode: 'none' }

export function useMapGestures({ view, canEdit, data, onTap, onGrab, onPreview, onDrop, onViewChanged }: Options): void {
  const pinching = useRef(false)
  const item = useRef<ItemGesture | null>(null)

  useGesture(
    {
      onPointerDown: ({ event }) => {
        const target = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]')
        if (target) onGrab(target)
      },
      onDrag: (state) => {
        const { first, last, tap, event, xy: [clientX, clientY], initial: [startX, startY], delta: [dx, dy] } = state
        // A tap (filterTaps) comes once, on release, and never as a drag.
        if (tap) {
          const card = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-card-id]')
          if (card) onTap(card.dataset.cardId!)
          return { mode: 'none' } satisfies Memo
        }
        let memo = state.memo as Memo | undefined
        if (first || !memo) {
          memo = startDrag(event.target as HTMLElement, startX, startY)
        }
        if (memo.mode === 'pan') {
          if (!pinching.current && (dx || dy)) {
            view.panBy(dx, dy)
            onViewChanged()
          }
          return memo
        }
        if (memo.mode === 'item') {
          const g = memo.item
          if (g.cancelled) return memo
          if (pinching.current) {
            g.cancelled = true
            item.current = null
            onPreview(null)
            return memo
          }
          const at = view.toMap(clientX, clientY, g.box)
          const x = at.x - g.grab.x
          const y = at.y - g.grab.y
          g.preview = g.kind === 'card'
            ? { kind: 'card', id: g.id, x, y, overGroup: g.groups.find((r) => at.x >= r.x && at.x <= r.x + r.w && at.y >= r.y && at.y <= r.y + r.h)?.id ?? null }
            : { kind: 'group', id: g.id, x, y }
          if (last) {
            item.current = null
            onPreview(null)
            if (!state.canceled) onDrop(g.preview)
          } else {
            onPreview(g.preview)
          }
        }
        return memo
      },
      onPinch: ({ first, last, offset: [scale], origin: [ox, oy], memo }) => {
        const viewport = view.viewportRef.current
        if (!viewport) return memo
        let anchor = memo as { wx: number; wy: number; left: number; top: number } | undefined
        if (first || !anchor) {
          pinching.current = true
          const box = viewport.getBoundingClientRect()
          const v = view.current()
          anchor = { wx: (ox - box.left - v.x) / v.scale, wy: (oy - box.top - v.y) / v.scale, left: box.left, top: box.top }
        }
        // The point under the fingers at the start stays under them: zoom and pan in one.
        view.set({ scale, x: ox - anchor.left - anchor.wx * scale, y: oy - anchor.top - anchor.wy * scale })
        onViewChanged()
        if (last) pinching.current = false
        return anchor
      },
    },
    {
      target: view.viewportRef,
      eventOptions: { passive: false },
      drag: { filterTaps: true, pointer: { capture: false, buttons: 1, keys: false } },
      pinch: { from: () => [view.current().scale, 0], scaleBounds: { min: MIN_ZOOM, max: MAX_ZOOM }, rubberband: false },
    },
  )

  function startDrag(target: HTMLElement, clientX: number, clientY: number): Memo {
    const card = target.closest<HTMLElement>('[data-card-id]')
    const head = card ? null : target.closest<HTMLElement>('[data-group-handle]')
    const element = card ?? head?.closest<HTMLElement>('[data-group-id]') ?? null
    if (!element || !canEdit || pinching.current) return { mode: 'pan' }
    const id = card ? card.dataset.cardId! : element.dataset.groupId!
    const box = element.getBoundingClientRect()
    const corner = view.toMap(box.left, box.top)
    const at = view.toMap(clientX, clientY)
    const board = data()
    // Drop targets: the group boxes as they are without the dragged card.
    const groups = card
      ? mapItems(board.cards.filter((c) => c.id !== id), board.groups).filter((i) => i.kind === 'group')
      : []
    const gesture: ItemGesture = {
      kind: card ? 'card' : 'group', id, grab: { x: at.x - corner.x, y: at.y - corner.y }, groups,
      box: view.viewportRef.current!.getBoundingClientRect(), preview: null, cancelled: false,
    }
    item.current = gesture
    return { mode: 'item', item: gesture }
  }
}
