/**
 * The sections that show the board's content (charter, values, interests, partners): the live board
 * shows them, and History shows a saved snapshot with the same ones (read-only, on the snapshot's doc).
 */
import type { ReactNode } from 'react'
import { CharterSection } from '../charter/CharterSection.tsx'
import type { MessageKey } from '../i18n/en.ts'
import { InterestsSection } from '../interests/InterestsSection.tsx'
import { PartnersSection } from '../partners/PartnersSection.tsx'
import { ValuesSection } from '../values/ValuesSection.tsx'
import type { SectionProps } from './section-props.ts'

export interface BoardSection {
  id: string
  labelKey: MessageKey
  render(props: SectionProps): ReactNode
}

export const CONTENT_SECTIONS: readonly BoardSection[] = [
  { id: 'charter', labelKey: 'section.charter', render: (props) => <CharterSection {...props} /> },
  { id: 'values', labelKey: 'section.values', render: (props) => <ValuesSection {...props} /> },
  { id: 'interests', labelKey: 'section.interests', render: (props) => <InterestsSection {...props} /> },
  { id: 'partners', labelKey: 'section.partners', render: (props) => <PartnersSection {...props} /> },
]
