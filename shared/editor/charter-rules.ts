/**
 * What the charter's Yjs content may hold, read from its Tiptap schema once: which elements exist,
 * which may sit inside which, their attributes, the marks of text, and how deep nesting may go.
 * The server's write guard checks every charter change against it, so a stock client can't write
 * a node the editor doesn't know, nor 10,000 nested blockquotes that blank everyone's editor.
 */
import type { ContentMatch, NodeType, Schema } from '@tiptap/pm/model'
import { charterSchema } from './extensions.ts'

/** Deeper than any charter a person writes (a list in a list in a quote is ~8), far below what breaks a renderer. */
export const CHARTER_MAX_DEPTH = 24
/** One attribute value (a link's href, a heading's level): JSON, at most this long. */
export const CHARTER_ATTRIBUTE_MAX = 2_048

export interface CharterRules {
  /** The node name y-prosemirror gives the XmlFragment itself. */
  readonly root: string
  isElement(name: string): boolean
  /** Whether an element (or the root) may contain `child` (an element name, or TEXT for text). */
  mayContain(parent: string, child: string): boolean
  isAttribute(element: string, attribute: string): boolean
  isMark(name: string): boolean
}

/** How text is named in mayContain. */
export const TEXT = 'text'

function childrenOf(type: NodeType): Set<string> {
  const seen = new Set<ContentMatch>()
  const names = new Set<string>()
  const visit = (match: ContentMatch) => {
    if (seen.has(match)) return
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      names.add(edge.type.name)
      visit(edge.next)
    }
  }
  visit(type.contentMatch)
  return names
}

function rulesOf(schema: Schema): CharterRules {
  const children = new Map<string, Set<string>>()
  const attributes = new Map<string, Set<string>>()
  for (const [name, type] of Object.entries(schema.nodes)) {
    children.set(name, childrenOf(type))
    attributes.set(name, new Set(Object.keys(type.spec.attrs ?? {})))
  }
  const root = schema.topNodeType.name
  return {
    root,
    isElement: (name) => name !== TEXT && name !== root && children.has(name),
    mayContain: (parent, child) => children.get(parent)?.has(child) ?? false,
    isAttribute: (element, attribute) => attributes.get(element)?.has(attribute) ?? false,
    isMark: (name) => Object.hasOwn(schema.marks, name),
  }
}

let cached: CharterRules | null = null

export function charterRules(): CharterRules {
  return (cached ??= rulesOf(charterSchema()))
}
