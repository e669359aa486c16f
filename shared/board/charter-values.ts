/**
 * Adopted values and the charter's shared-values section: which adopted values the charter doesn't
 * state yet, and inserting them as list items in that section, in one action. Works on the Yjs
 * fragment directly, so every open editor shows the insertion live and undo stays per user.
 */
import * as Y from 'yjs'
import { LANGUAGES, isLanguage } from '../i18n/language.ts'
import type { Actor } from './actor.ts'
import { charterSectionTitles } from './charter-template.ts'
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
    parts.push(textOf(node as Y.XmlElement))
  }
  return parts.join('\n')
}

/** Adopted values whose text is not yet in the charter's shared-values section. */
export function adoptedValuesMissingFromCharter(doc: Y.Doc): ValueView[] {
  const section = normalize(sharedValuesSectionText(charterOf(doc)))
  return listValues(doc).filter((value) => value.status === 'adopted' && !section.includes(normalize(value.text)))
}

function listItem(text: string): Y.XmlElement {
  const item = new Y.XmlElement('listItem')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  item.insert(0, [paragraph])
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
  doc.transact(() => {
    let start = sharedValuesHeadingIndex(charter)
    if (start === -1) {
      const language = metaOf(doc).get('language')
      const heading = charterSectionTitles(isLanguage(language) ? language : 'fr')[2]!
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
    list.push(missing.map((value) => listItem(value.text)))
  })
  return missing.length
}
