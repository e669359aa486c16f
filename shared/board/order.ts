/**
 * Order of list items as a number on each item, not as positions in a Y.Array: moving an item only
 * sets its `order`, so a move never deletes and re-creates it (which would drop a concurrent stance).
 * Ties (two people inserting at the same place at once) are broken by id, the same on every client.
 */
export interface Ordered {
  id: string
  order: number
}

export function byOrder(a: Ordered, b: Ordered): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** An order after every item. */
export function orderAtEnd(items: readonly Ordered[]): number {
  return items.reduce((max, item) => Math.max(max, item.order), 0) + 1
}

/**
 * The order that puts an item at `index` among `others` (already sorted, without the moved item).
 * Midpoints are floats: after ~50 moves into one gap precision runs out; then renumber.
 */
export function orderAt(others: readonly Ordered[], index: number): number {
  const clamped = Math.max(0, Math.min(index, others.length))
  const before = others[clamped - 1]?.order
  const after = others[clamped]?.order
  if (before === undefined && after === undefined) return 1
  if (before === undefined) return after! - 1
  if (after === undefined) return before + 1
  return (before + after) / 2
}

/** True when two neighbours are too close to split again: the caller renumbers the list. */
export const needsRenumber = (others: readonly Ordered[]): boolean =>
  others.some((item, i) => i > 0 && item.order - others[i - 1]!.order < 1e-9)
