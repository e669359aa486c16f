/** Markdown rendering: every user character is escaped, so no HTML or link survives but safe ones. */
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, ReportDocument, Run } from './report-model.ts'

/** Escapes Markdown syntax and HTML in user text. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+\-!|~=])/g, '\\$1')
    // "2026. Bilan" at a line's start would open an ordered list.
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    .replace(/\n/g, '  \n')
}

/** A link as a Markdown target: percent-encoded once (a broken `%` escape is encoded, not fatal), no angle brackets. */
export function linkTarget(href: string): string {
  try {
    // A `%` that starts no escape stands for itself.
    return encodeURI(decodeURI(href.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'))).replace(/[<>]/g, '')
  } catch {
    // An escape of no UTF-8 character (`%E0%A4%A0%FF`), or a lone surrogate: keep the link's printable ASCII.
    return href.replace(/[^\x21-\x7e]|[<>]/g, '')
  }
}

/**
 * Emphasis markers hug the text: CommonMark only closes `**` that no space (a no-break one included,
 * as French puts before a colon) precedes, so the spaces at a run's ends go outside the markers.
 */
function runs(list: Run[]): string {
  return list.map((run) => {
    const escaped = escapeMarkdown(run.text)
    const [, before = '', core = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(escaped) ?? []
    if (!core) return escaped
    let out = core
    if (run.bold) out = `**${out}**`
    if (run.italic) out = `*${out}*`
    if (run.link && isAllowedLinkHref(run.link)) out = `[${out}](<${linkTarget(run.link)}>)`
    return `${before}${out}${after}`
  }).join('')
}

function block(item: Block): string {
  switch (item.type) {
    case 'heading':
      return `${'#'.repeat(item.level)} ${escapeMarkdown(item.text)}`
    case 'paragraph':
      return runs(item.runs)
    case 'list':
      return item.items.map((entry, i) => `${'   '.repeat(entry.depth)}${item.ordered ? `${i + 1}.` : '-'} ${runs(entry.runs)}`).join('\n')
    case 'table': {
      const cell = (value: string) => escapeMarkdown(value).replace(/ {2}\n/g, '<br>')
      const header = `| ${item.header.map(cell).join(' | ')} |`
      const rule = `| ${item.header.map(() => '---').join(' | ')} |`
      return [header, rule, ...item.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n')
    }
  }
}

export function renderMarkdown(document: ReportDocument): Buffer {
  return Buffer.from(`${document.blocks.map(block).join('\n\n')}\n`, 'utf8')
}
