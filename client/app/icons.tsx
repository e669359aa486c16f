/**
 * The app's icons, drawn with currentColor for contrast: SVG, never emoji (a stock Linux without an
 * emoji font draws those as empty boxes). Decorative: whatever carries them also carries the words.
 * `inline` sizes one to the text around it (1em), for a heading or a status line.
 */
interface IconProps { inline?: boolean }

const svg = (...paths: string[]) => function Icon({ inline = false }: IconProps) {
  const size = inline ? '1em' : '20'
  return (
    <svg
      viewBox="0 0 24 24" width={size} height={size} className={inline ? 'icon icon--inline' : 'icon'}
      aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"
    >
      {paths.map((d) => <path key={d} d={d} />)}
    </svg>
  )
}

export const BulletListIcon = svg('M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01')
export const OrderedListIcon = svg('M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 13.5a1.5 1.5 0 1 1 2.6 1L3.5 17H6.5')
export const LinkIcon = svg('M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1')
export const UndoIcon = svg('M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3')
export const RedoIcon = svg('m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3')
/** Private, read-only: a padlock. */
export const LockIcon = svg('M6 11h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z', 'M8 11V7a4 4 0 0 1 8 0v4', 'M12 15v2')
/** Waiting for someone: an hourglass. */
export const HourglassIcon = svg('M6 3h12M6 21h12', 'M7 3v3a5 5 0 0 0 10 0V3', 'M7 21v-3a5 5 0 0 1 10 0v3')
/** Done: a tick. */
export const CheckIcon = svg('m5 12 5 5 9-10')
/** A download. */
export const DownloadIcon = svg('M12 4v11', 'm7 10 5 5 5-5', 'M5 20h14')
