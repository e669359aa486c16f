/**
 * The board's sections, in the order of the navigation. Adding a section is one line here: an id
 * (also its `?view=` in the address), the label's i18n key, and what it renders. The content
 * sections (content-sections.tsx) are also History's views of a saved snapshot.
 */
import { navigate, useSearchParam } from '../app/router.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { SessionSection } from '../sessions/SessionSection.tsx'
import { HistorySection } from '../history/HistorySection.tsx'
import { MethodSection } from '../method/MethodSection.tsx'
import { CONTENT_SECTIONS, type BoardSection } from './content-sections.tsx'
import { sectionPath, VIEW_PARAM } from './section-path.ts'
import type { Peer } from '../live/presence.ts'
import { othersBySection } from './presence-by-partner.ts'
import { SectionPeers } from './SectionPeers.tsx'

export { sectionPath }
export type { BoardSection }

export const BOARD_SECTIONS: readonly BoardSection[] = [
  ...CONTENT_SECTIONS,
  { id: 'method', labelKey: 'section.method', render: (props) => <MethodSection {...props} /> },
  { id: 'session', labelKey: 'section.session', render: (props) => <SessionSection {...props} /> },
  { id: 'history', labelKey: 'section.history', render: (props) => <HistorySection {...props} /> },
]

/** The section in the address (`?view=`), or the first one (the charter: DEFAULT_SECTION). */
export function useCurrentSection(): BoardSection {
  const view = useSearchParam(VIEW_PARAM)
  return BOARD_SECTIONS.find((section) => section.id === view) ?? BOARD_SECTIONS[0]!
}

/** Links, not tabs: each section has its own address (reload, back button, shared link). */
export function BoardNav({ boardId, current, peers = [] }: { boardId: string; current: BoardSection; peers?: readonly Peer[] }) {
  const { t } = useI18n()
  const elsewhere = othersBySection(peers)
  return (
    <nav className="board-nav" aria-label={t('section.navLabel')}>
      <ul className="board-nav__list">
        {BOARD_SECTIONS.map((section) => {
          const href = sectionPath(boardId, section.id)
          return (
            <li key={section.id}>
              <a
                href={href}
                className="board-nav__link"
                data-section={section.id}
                aria-current={section.id === current.id ? 'page' : undefined}
                onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
                  event.preventDefault()
                  if (section.id !== current.id) navigate(href, { scroll: false })
                }}
              >
                {t(section.labelKey)}
                <SectionPeers people={elsewhere.get(section.id)} />
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
