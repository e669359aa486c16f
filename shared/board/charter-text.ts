/** The charter as readable text, section by section (reports, compare): Tiptap JSON → plain lines. */
import type { JSONContent } from '@tiptap/core'

export interface CharterSection {
  /** The heading's text; '' for what comes before the first section heading. */
  title: string
  level: number
  /** One line per paragraph; list items start with "• " (or "1. "), nested ones indented. */
  lines: string[]
}

export function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(inlineText).join('')
}

function blockLines(node: JSONContent, indent = ''): string[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return [indent + inlineText(node)]
    case 'bulletList':
    case 'orderedList':
      return (node.content ?? []).flatMap((item, i) => {
        const marker = node.type === 'bulletList' ? '• ' : `${(Number(node.attrs?.start ?? 1) || 1) + i}. `
        const [first = '', ...rest] = (item.content ?? []).flatMap((child) => blockLines(child, ''))
        return [indent + marker + first.trimStart(), ...rest.map((line) => `${indent}   ${line}`)]
      })
    case 'blockquote':
      return (node.content ?? []).flatMap((child) => blockLines(child, `${indent}> `))
    default:
      return node.content ? node.content.flatMap((child) => blockLines(child, indent)) : []
  }
}

/** Splits the charter at its level-1 and level-2 headings. */
export function charterSections(charter: JSONContent): CharterSection[] {
  const sections: CharterSection[] = []
  let current: CharterSection = { title: '', level: 0, lines: [] }
  for (const node of charter.content ?? []) {
    const level = Number(node.attrs?.level ?? 0)
    if (node.type === 'heading' && level <= 2) {
      if (current.title || current.lines.length > 0) sections.push(current)
      current = { title: inlineText(node).trim(), level, lines: [] }
    } else {
      current.lines.push(...blockLines(node))
    }
  }
  if (current.title || current.lines.length > 0) sections.push(current)
  return sections
}
