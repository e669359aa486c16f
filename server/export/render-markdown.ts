/** Markdown rendering: every user character is escaped, so no HTML or link survives but safe ones. */
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, ReportDocument, Run } from './report-model.ts'

/** Escapes Markdown syntax and HTML in user text. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+\-!|~])/g, '\\$1')
    .replace(/\n/g, '  \n')
}

function runs(list: Run[]): string {
  return list.map((run) => {
    let out = escapeMarkdown(run.text)
    if (!out.trim()) return out
    if (run.bold) out = `**${out}**`
    if (run.italic) out = `*${out}*`
    if (run.link && isAllowedLinkHref(run.link)) out = `[${out}](<${encodeURI(decodeURI(run.link)).replace(/[<>]/g, '')}>)`
    return out
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
