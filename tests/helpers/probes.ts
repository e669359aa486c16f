/**
 * Marks that sync tests write and look for, in real places of the board (the server refuses
 * anything else): named groups of the interests map, which any participant may add, and a
 * paragraph of the charter to type into.
 */
import * as Y from 'yjs'
import { createGroup } from '../../shared/board/interests.ts'
import { charterOf, groupsOf, interestsOf, type ItemMap } from '../../shared/board/schema.ts'
import { addCard } from '../../shared/board/interests.ts'
import { testActor } from './actors.ts'

const writer = testActor('Probe', 'probe-partner')

/** Adds a mark (a group named `mark`). */
export function addMark(doc: Y.Doc, mark: string): void {
  createGroup(doc, writer, { name: mark })
}

/** The marks a doc has, in no particular order. */
export const marksOf = (doc: Y.Doc): string[] => [...groupsOf(doc).values()].map((group: ItemMap) => String(group.get('name')))

export const hasMark = (doc: Y.Doc, mark: string): boolean => marksOf(doc).includes(mark)

/** Appends an entry to a list (an interest card whose text is `text`). */
export function appendEntry(doc: Y.Doc, text: string): void {
  addCard(doc, writer, { text, kind: 'interest' })
}

export const entriesOf = (doc: Y.Doc): string[] => interestsOf(doc).toArray().map((card) => String(card.get('text')))

/** Adds an empty paragraph at the end of the charter and returns its text, to type into. */
export function addCharterParagraph(doc: Y.Doc): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  doc.transact(() => {
    paragraph.insert(0, [text])
    charterOf(doc).push([paragraph])
  })
  return text
}

/** The text of the charter's last paragraph (created by addCharterParagraph on some client). */
export function lastCharterText(doc: Y.Doc): Y.XmlText | null {
  const charter = charterOf(doc)
  const last = charter.length > 0 ? charter.get(charter.length - 1) : null
  const text = last instanceof Y.XmlElement && last.length > 0 ? last.get(0) : null
  return text instanceof Y.XmlText ? text : null
}
