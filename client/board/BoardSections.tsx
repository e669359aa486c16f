/**
 * The board's sections, in the order of the navigation. Adding a section is one line here: an id
 * (also its `?view=` in the address), the label's i18n key, and what it renders.
 */
import type { ReactNode } from 'react'
import { navigate, useSearchParam } from '../app/router.ts'
import { CharterSection } from '../charter/CharterSection.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/en.ts'
import { InterestsSection } from '../interests/InterestsSection.tsx'
import { PartnersSection } from '../partners/PartnersSection.tsx'
import { ValuesSection } from '../values/ValuesSection.tsx'
import { SessionSection } from '../sessions/SessionSection.tsx'
import { HistorySection } from '../history/HistorySection.tsx'
import type { SectionProps } from './section-props.ts'
import { sectionPath, VIEW_PARAM } from './section-path.ts'

export { sectionPath }

export interface BoardSection {
  id: string
  labelKey: MessageKey
  render(props: SectionProps): ReactNode
}

export const BOARD_SECTIONS: readonly BoardSection[] = [
  { id: 'charter', labelKey: 'section.charter', render: (props) => <CharterSection {...props} /> },
  { id: 'values', labelKey: 'section.values', render: (props) => <ValuesSection {...props} /> },
  { id: 'interests', labelKey: 'section.interests', render: (props) => <InterestsSection {...props} /> },
  { id: 'partners', labelKey: 'section.partners', render: (props) => <PartnersSection {...props} /> },
  { id: 'session', labelKey: 'section.session', render: (props) => <SessionSection {...props} /> },
  { id: 'history', labelKey: 'section.history', render: (props) => <HistorySection {...props} /> },
]

/** The section in the address (`?view=`), or the first one (the charter: DEFAULT_SECTION). */
export function useCurrentSection(): BoardSection {
  const view = useSearchParam(VIEW_PARAM)
  return BOARD_SECTIONS.find((section) => section.id === view) ?? BOARD_SECTIONS[0]!
}

/** Links, not tabs: each section has its own address (reload, back button, shared link). */
export function BoardNav({ boardId, current }: { boardId: string; current: BoardSection }) {
  const { t } = useI18n()
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
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
