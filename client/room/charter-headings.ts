/** The charter's top-level headings, which the facilitator may bring the room to (by their index). */
import * as Y from 'yjs'
import { charterOf } from '../../shared/board/schema.ts'

/** The same headings on screen: the editor's own top-level h1–h3 (CharterEditor's `#charter-editor`). */
export const CHARTER_HEADINGS_SELECTOR = '#charter-editor > h1, #charter-editor > h2, #charter-editor > h3'

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
  }
  return node.toArray().map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : '')).join('')
}

export function charterHeadings(doc: Y.Doc): string[] {
  return charterOf(doc).toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((node) => textOf(node).trim())
}
