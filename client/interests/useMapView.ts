/**
 * The map's pan and zoom: which part of the 4000 px plane the viewport shows, and how big. The
 * transform is written straight to the plane's style (a pan or a pinch re-renders no card); the
 * zoom level is also kept in state, for the zoom bar to say.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import { MAP_SIZE } from '../../shared/board/schema.ts'
import { UNIT_PX, type Rect } from '../../shared/board/map-layout.ts'

export const MIN_ZOOM = 0.1
export const MAX_ZOOM = 3
/** Space kept around the content by "fit", in screen pixels. */
const FIT_PADDING = 16
const WORLD_PX = MAP_SIZE * UNIT_PX

export interface View { x: number; y: number; scale: number }

export const clampZoom = (scale: number) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale))

export interface MapView {
  viewportRef: React.RefObject<HTMLDivElement | null>
  planeRef: React.RefObject<HTMLDivElement | null>
  /** The zoom as shown (state: re-renders the zoom bar). */
  zoom: number
  /** The live view (a ref: read it in handlers). */
  current(): View
  set(view: View): void
  /** Moves the view by screen pixels. */
  panBy(dx: number, dy: number): void
  /** Zooms by `factor` keeping the point under (clientX, clientY) still (the viewport's centre by default). */
  zoomBy(factor: number, clientX?: number, clientY?: number): void
  /**
   * Shows `rect` (map units) whole, as big as fits (at most `maxScale`, 100 % unless told), centred
   * across and from the top; the whole map when null.
   */
  fit(rect: Rect | null, maxScale?: number): void
  /** Pans just enough for an element inside the plane to be seen whole (when it fits). */
  reveal(element: Element): void
  /** Reads the viewport's size again (after a resize). */
  measure(): void
  /** A screen point in map units. */
  toMap(clientX: number, clientY: number, viewportBox?: DOMRect): { x: number; y: number }
}

export function useMapView(): MapView {
  const viewportRef = useRef<HTMLDivElement>(null)
  const planeRef = useRef<HTMLDivElement>(null)
  const view = useRef<View>({ x: 0, y: 0, scale: 0.25 })
  const size = useRef({ w: 0, h: 0 })
  const still = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const measure = useCallback(() => {
    const viewport = viewportRef.current
    size.current = { w: viewport?.clientWidth ?? 0, h: viewport?.clientHeight ?? 0 }
  }, [])
  const [zoom, setZoom] = useState(view.current.scale)

  const set = useCallback((next: View) => {
    const scale = clampZoom(next.scale)
    // Keep some of the plane in sight: never pan it wholly out of the viewport. (The size is read
    // once per resize, not per pointer event: reading it would force a layout in every frame.)
    const { w, h } = size.current
    const keep = 80
    const x = Math.min(w - keep, Math.max(keep - WORLD_PX * scale, next.x))
    const y = Math.min(h - keep, Math.max(keep - WORLD_PX * scale, next.y))
    view.current = { x, y, scale }
    const plane = planeRef.current
    if (plane) {
      plane.style.transform = `translate3d(${x}px, ${y}px, 0) scale(${scale})`
      // A layer of its own while it moves (no repaint per frame), dropped once still so the
      // browser paints the cards sharp at the new zoom.
      plane.classList.add('map-plane--moving')
      clearTimeout(still.current)
      still.current = setTimeout(() => plane.classList.remove('map-plane--moving'), 200)
    }
    setZoom(scale)
  }, [])

  return useMemo<MapView>(() => ({
    viewportRef,
    planeRef,
    zoom,
    current: () => view.current,
    set,
    panBy(dx, dy) {
      const v = view.current
      set({ ...v, x: v.x + dx, y: v.y + dy })
    },
    zoomBy(factor, clientX, clientY) {
      const viewport = viewportRef.current
      if (!viewport) return
      const box = viewport.getBoundingClientRect()
      const px = (clientX ?? box.left + box.width / 2) - box.left
      const py = (clientY ?? box.top + box.height / 2) - box.top
      const v = view.current
      const scale = clampZoom(v.scale * factor)
      set({ scale, x: px - ((px - v.x) / v.scale) * scale, y: py - ((py - v.y) / v.scale) * scale })
    },
    fit(rect, maxScale = 1) {
      measure()
      const { w, h } = size.current
      if (w === 0 || h === 0) return
      const r = rect ?? { x: 0, y: 0, w: MAP_SIZE, h: MAP_SIZE }
      const rw = Math.max(r.w, 1) * UNIT_PX
      const rh = Math.max(r.h, 1) * UNIT_PX
      const scale = clampZoom(Math.min(maxScale, (w - 2 * FIT_PADDING) / rw, (h - 2 * FIT_PADDING) / rh))
      // Centred across, from the top down (reading order; no empty band above a short map).
      set({ scale, x: (w - rw * scale) / 2 - r.x * UNIT_PX * scale, y: FIT_PADDING - r.y * UNIT_PX * scale })
    },
    reveal(element) {
      const viewport = viewportRef.current
      if (!viewport) return
      const box = viewport.getBoundingClientRect()
      const item = element.getBoundingClientRect()
      const margin = 12
      let dx = 0
      let dy = 0
      if (item.left < box.left + margin) dx = box.left + margin - item.left
      else if (item.right > box.right - margin) dx = Math.max(box.right - margin - item.right, box.left + margin - item.left)
      if (item.top < box.top + margin) dy = box.top + margin - item.top
      else if (item.bottom > box.bottom - margin) dy = Math.max(box.bottom - margin - item.bottom, box.top + margin - item.top)
      if (dx || dy) {
        const v = view.current
        set({ ...v, x: v.x + dx, y: v.y + dy })
      }
    },
    measure,
    toMap(clientX, clientY, viewportBox) {
      const box = viewportBox ?? viewportRef.current?.getBoundingClientRect()
      const v = view.current
      return {
        x: (clientX - (box?.left ?? 0) - v.x) / v.scale / UNIT_PX,
        y: (clientY - (box?.top ?? 0) - v.y) / v.scale / UNIT_PX,
      }
    },
  }), [set, zoom, measure])
}
