/** Writes the starting content of a new board into an empty Y.Doc: once, at creation, by the server. */
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import type { Language } from '../i18n/language.ts'
import { charterSchema } from '../editor/extensions.ts'
import { CHARTER_TEMPLATE_VERSION, charterTemplate } from './charter-template.ts'
import { charterOf, metaOf } from './schema.ts'

export function initialBoardState(language: Language, title: string): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(charterSchema(), charterTemplate(language, title), charterOf(doc))
    const meta = metaOf(doc)
    meta.set('language', language)
    meta.set('templateVersion', CHARTER_TEMPLATE_VERSION)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
