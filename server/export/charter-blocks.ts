/** The charter's Tiptap JSON as report blocks: headings, paragraphs with bold/italic/safe links, lists. */
import type { JSONContent } from '@tiptap/core'
import { isTemplatePrompt } from '../../shared/board/charter-template.ts'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, Run } from './report-model.ts'

function runsOf(node: JSONContent): Run[] {
  if (node.type === 'text') {
    const run: Run = { text: node.text ?? '' }
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') run.bold = true
      if (mark.type === 'italic') run.italic = true
      const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : null
      // Anything but http(s) and mailto (javascript:, data:…) is dropped: the text stays, the link goes.
      if (mark.type === 'link' && href && isAllowedLinkHref(href)) run.link = href
    }
    return [run]
  }
  if (node.type === 'hardBreak') return [{ text: '\n' }]
  return (node.content ?? []).flatMap(runsOf)
}

function listItems(list: JSONContent, depth: number): { runs: Run[]; depth: number }[] {
  return (list.content ?? []).flatMap((item) => (item.content ?? []).flatMap((child) => {
    if (child.type === 'bulletList' || child.type === 'orderedList') return listItems(child, depth + 1)
    return [{ runs: runsOf(child), depth }]
  }))
}

export function charterBlocks(charter: JSONContent, { shiftHeadings = 0 } = {}): Block[] {
  const blocks: Block[] = []
  for (const node of charter.content ?? []) {
    switch (node.type) {
      case 'heading': {
        const stored = Math.trunc(Number(node.attrs?.level ?? 1))
        const level = Math.max(1, Math.min(3, (Number.isFinite(stored) ? stored : 1) + shiftHeadings)) as 1 | 2 | 3
        blocks.push({ type: 'heading', level, text: runsOf(node).map((r) => r.text).join('') })
        break
      }
      case 'bulletList':
      case 'orderedList':
        blocks.push({ type: 'list', ordered: node.type === 'orderedList', items: listItems(node, 0) })
        break
      case 'blockquote':
        for (const child of node.content ?? []) blocks.push({ type: 'paragraph', runs: [{ text: '«\u00a0' }, ...runsOf(child), { text: '\u00a0»' }] })
        break
      default: {
        const runs = runsOf(node)
        // A template prompt nobody rewrote is guidance for the partners, not what they agreed.
        if (runs.some((run) => run.text.trim()) && !isTemplatePrompt(runs.map((run) => run.text).join(''))) blocks.push({ type: 'paragraph', runs })
      }
    }
  }
  return blocks
}
