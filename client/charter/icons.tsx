/** Toolbar icons: decorative (the buttons carry the names), drawn with currentColor for contrast. */
const svg = (path: string) => () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <path d={path} />
  </svg>
)

export const BulletListIcon = svg('M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01')
export const OrderedListIcon = svg('M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 13.5a1.5 1.5 0 1 1 2.6 1L3.5 17H6.5')
export const LinkIcon = svg('M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1')
export const UndoIcon = svg('M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3')
export const RedoIcon = svg('m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3')
