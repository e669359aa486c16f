/**
 * Adopted values and the charter's shared-values section: which adopted values the charter doesn't
 * state yet, and inserting them as list items in that section, in one action. Works on the Yjs
 * fragment directly, so every open editor shows the insertion live and undo stays per user.
 */
import * as Y from 'yjs'
import { LANGUAGES, isLanguage } from '../i18n/language.ts'
import type { Actor } from './actor.ts'
import { BOARD_TERMS } from '../i18n/board-terms.ts'
import { charterSectionTitles, isTemplatePrompt } from './charter-template.ts'
import { listPartners } from './partners.ts'
import { assertCanEdit } from './permissions.ts'
import { charterOf, metaOf } from './schema.ts'
import { listValues, type ValueView } from './values.ts'

/** The section title in each language (template index 2: "Nos valeurs partagées" / "Our shared values"). */
const SHARED_VALUES_TITLES = LANGUAGES.map((language) => charterSectionTitles(language)[2]!.toLowerCase())

const normalize = (text: string) => text.toLowerCase().replace(/[\s.;:!?«»"'’]+/g, ' ').trim()

const textOf = (node: Y.XmlElement | Y.XmlText): string =>
  node instanceof Y.XmlText ? node.toString().replace(/<[^>]+>/g, '') : node.toArray().map((child) => textOf(child as Y.XmlElement | Y.XmlText)).join('')

/** Index of the shared-values heading in the charter, or -1 if someone removed it. */
function sharedValuesHeadingIndex(charter: Y.XmlFragment): number {
  return charter.toArray().findIndex((node) =>
    node instanceof Y.XmlElement && node.nodeName === 'heading' && SHARED_VALUES_TITLES.includes(normalizeTitle(textOf(node))))
}
const normalizeTitle = (text: string) => text.trim().toLowerCase()

/** The text of the shared-values section (from its heading to the next heading of the same or a higher level). */
function sharedValuesSectionText(charter: Y.XmlFragment): string {
  const nodes = charter.toArray()
  const start = sharedValuesHeadingIndex(charter)
  if (start === -1) return ''
  const level = Number((nodes[start] as Y.XmlElement).getAttribute('level') ?? 2)
  const parts: string[] = []
  for (const node of nodes.slice(start + 1)) {
    if (node instanceof Y.XmlElement && node.nodeName === 'heading' && Number(node.getAttribute('level') ?? 2) <= level) break
    const text = textOf(node as Y.XmlElement)
    // The prompt may give examples of values: they are not in the charter.
    if (!isTemplatePrompt(text)) parts.push(text)
  }
  return parts.join('\n')
}

/** Adopted values whose text is not yet in the charter's shared-values section. */
export function adoptedValuesMissingFromCharter(doc: Y.Doc): ValueView[] {
  const section = normalize(sharedValuesSectionText(charterOf(doc)))
  return listValues(doc).filter((value) => value.status === 'adopted' && !section.includes(normalize(value.text)))
}

function paragraphOf(text: string, italic = false): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text, italic ? { italic: {} } : undefined)
  paragraph.insert(0, [content])
  return paragraph
}

/** The value, then each partner's reservation (still on this wording) in a paragraph of its own. */
function listItem(text: string, reservations: string[]): Y.XmlElement {
  const item = new Y.XmlElement('listItem')
  item.insert(0, [paragraphOf(text), ...reservations.map((line) => paragraphOf(line, true))])
  return item
}

/**
 * Adds every adopted value missing from the charter to the shared-values section's list (creating
 * the list, or the section at the end, if needed). Returns how many were inserted.
 */
export function insertAdoptedValuesIntoCharter(doc: Y.Doc, actor: Actor): number {
  assertCanEdit(actor)
  const missing = adoptedValuesMissingFromCharter(doc)
  if (missing.length === 0) return 0
  const charter = charterOf(doc)
  const stored = metaOf(doc).get('language')
  const terms = BOARD_TERMS[isLanguage(stored) ? stored : 'fr']
  const partners = listPartners(doc)
  // A value adopted with reservations goes into the charter with them: they stay attached to it.
  const reservationsOf = (value: ValueView) => partners.flatMap((partner) => {
    const stance = value.stances[partner.id]
    return stance?.kind === 'reservation' && stance.text && (stance.onText === undefined || stance.onText === value.text)
      ? [terms.reservationBy(partner.name, stance.text)] : []
  })
  doc.transact(() => {
    let start = sharedValuesHeadingIndex(charter)
    if (start === -1) {
      const heading = charterSectionTitles(isLanguage(stored) ? stored : 'fr')[2]!
      const title = new Y.XmlElement('heading')
      title.setAttribute('level', 2 as unknown as string)
      title.insert(0, [new Y.XmlText(heading)])
      charter.push([title])
      start = charter.length - 1
    }
    const nodes = charter.toArray()
    const level = Number((nodes[start] as Y.XmlElement).getAttribute('level') ?? 2)
    // The section's last bullet list, else a new list right before the next section.
    let end = nodes.length
    let list: Y.XmlElement | null = null
    for (let i = start + 1; i < nodes.length; i++) {
      const node = nodes[i]
      if (node instanceof Y.XmlElement && node.nodeName === 'heading' && Number(node.getAttribute('level') ?? 2) <= level) {
        end = i
        break
      }
      if (node instanceof Y.XmlElement && node.nodeName === 'bulletList') list = node
    }
    if (!list) {
      list = new Y.XmlElement('bulletList')
      charter.insert(end, [list])
    }
    list.push(missing.map((value) => listItem(value.text, reservationsOf(value))))
  })
  return missing.length
}
