import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render-markdown.ts'
import type { Block } from './report-model.ts'

const html = (blocks: Block[]) => marked.parse(renderMarkdown({ title: 'T', language: 'fr', blocks }).toString('utf8')) as string

describe('Markdown reports, as a CommonMark reader renders them', () => {
  it('bold and italic runs close even when they end with a (no-break) space, as French labels do', () => {
    const out = html([
      { type: 'list', ordered: false, items: [{ runs: [{ text: 'ADMR Loire\u00a0: ', bold: true }, { text: 'Mutualiser la paie' }], depth: 0 }] },
      { type: 'paragraph', runs: [{ text: ' Pas de relevé. ', italic: true }, { text: 'Suite' }] },
    ])
    expect(out).toContain('<strong>ADMR Loire\u00a0:</strong> Mutualiser la paie')
    expect(out).toContain('<em>Pas de relevé.</em> Suite')
    expect(out).not.toContain('*')
  })

  it('what people typed never becomes Markdown structure: numbers at a line start, underlines, emphasis marks', () => {
    const out = html([{ type: 'paragraph', runs: [{ text: '2026. Bilan\nTitre\n===\n**pas gras** et _pas italique_' }] }])
    expect(out).not.toMatch(/<ol|<h1|<strong|<em/)
    expect(out).toContain('2026. Bilan')
    expect(out).toContain('**pas gras** et _pas italique_')
  })
})
