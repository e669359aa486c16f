/**
 * A group's box on the map: a head (its handle: name, kind, count) and its cards in a grid. Its size
 * comes from shared/board/map-layout.ts (it grows with its cards), its place from the board.
 */
import { memo } from 'react'
import type { GroupView } from '../../shared/board/interests.ts'
import { groupColumns, groupSizePx, UNIT_PX } from '../../shared/board/map-layout.ts'

interface Props {
  group: GroupView
  kindText: string
  countText: string
  handleLabel: string
  /** Position in map units (the board's, or the drag's). */
  x: number
  y: number
  /** Cards shown in it (a dragged card leaves it while dragged). */
  count: number
  tabbable: boolean
  dropTarget: boolean
  dragging: boolean
  describedBy: string
  children: React.ReactNode
}

export const GroupBox = memo(function GroupBox({ group, kindText, countText, handleLabel, x, y, count, tabbable, dropTarget, dragging, describedBy, children }: Props) {
  const size = groupSizePx(count)
  return (
    <div
      className={`map-group map-group--${group.kind}${dropTarget ? ' map-group--target' : ''}${dragging ? ' map-group--dragging' : ''}`}
      style={{ transform: `translate3d(${x * UNIT_PX}px, ${y * UNIT_PX}px, 0)`, width: size.w, height: size.h, '--columns': groupColumns(count) } as React.CSSProperties}
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
        <span className="map-group__name" aria-hidden="true">{group.name}</span>{' '}
        <span className="map-group__kind" aria-hidden="true">{kindText} · {countText}</span>
      </div>
      <div className="map-group__cards">{children}</div>
    </div>
  )
})
