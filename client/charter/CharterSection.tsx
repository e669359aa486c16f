/** The Charter section: the co-edited charter. */
import type { SectionProps } from '../board/section-props.ts'
import { CharterEditor } from './CharterEditor.tsx'

export function CharterSection({ session, loaded }: SectionProps) {
  return <CharterEditor key={session.doc.guid} session={session} loaded={loaded} />
}
