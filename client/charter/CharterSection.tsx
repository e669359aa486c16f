/** The Charter section: adopted values the charter lacks (if any), then the co-edited charter. */
import { navigate } from '../app/router.ts'
import { sectionPath } from '../board/section-path.ts'
import type { SectionProps } from '../board/section-props.ts'
import { CharterValuesNotice } from '../values/CharterValuesNotice.tsx'
import { CharterEditor } from './CharterEditor.tsx'

export function CharterSection({ boardId, session, snapshot, doc, actor, loaded }: SectionProps) {
  const valuesPath = sectionPath(boardId, 'values')
  return (
    <>
      {/* A prompt to act on the live board; a snapshot only shows what it holds. */}
      {!snapshot && <CharterValuesNotice doc={doc} actor={actor} link={{ href: valuesPath, onClick: () => navigate(valuesPath, { scroll: false }) }} />}
      <CharterEditor key={doc.guid} doc={doc} session={session} loaded={loaded} snapshotLabel={snapshot?.label} />
    </>
  )
}
