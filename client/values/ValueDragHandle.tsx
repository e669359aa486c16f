/**
 * The grip that reorders a value by pointer: mouse, pen or a finger (through @use-gesture/react,
 * as the interests map). The row follows the pointer; where it would land is shown by a line
 * (ValuesSection computes it); letting go moves the value there. Keyboard users have the move
 * buttons and Alt+arrows, which the grip's name points to.
 */
import { useDrag } from '@use-gesture/react'

export interface ValueDrag {
  start(): void
  /** The pointer's height on screen and how far it moved since the start. */
  move(clientY: number, dy: number): void
  end(cancelled: boolean): void
}

const GRIP = 'M9 5h.01M15 5h.01M9 12h.01M15 12h.01M9 19h.01M15 19h.01'

export function ValueDragHandle({ label, drag }: { label: string; drag: ValueDrag }) {
  const bind = useDrag(({ first, last, xy: [, clientY], movement: [, dy], canceled, tap }) => {
    if (tap) return
    if (first) drag.start()
    if (last) drag.end(canceled)
    else drag.move(clientY, dy)
  }, { filterTaps: true, pointer: { keys: false } })
  return (
    <span className="value__handle" role="img" aria-label={label} title={label} {...bind()}>
      <svg viewBox="0 0 24 24" width="22" height="22" className="icon" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round">
        <path d={GRIP} />
      </svg>
    </span>
  )
}
