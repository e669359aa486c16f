/**
 * PDF rendering with PDFKit. Its standard fonts speak WinAnsi (enough for French: é, œ, « », ’, —);
 * characters beyond it are replaced rather than printed as garbage.
 */
import PDFDocument from 'pdfkit'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, ReportDocument, Run } from './report-model.ts'

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
/** Keeps what the standard fonts can draw. */
export const printable = (value: string): string =>
  [...value.replace(/\u2192/g, '->').replace(/\u2026/g, '...').replace(/\u202f/g, '\u00a0')]
    .map((char) => {
      const code = char.charCodeAt(0)
      return code === 10 || (code >= 32 && code <= 126) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.includes(char) ? char : '?'
    })
    .join('')

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique' }
const fontOf = (run: Run) => (run.bold && run.italic ? FONT.boldItalic : run.bold ? FONT.bold : run.italic ? FONT.italic : FONT.regular)
const HEADING_SIZES = { 1: 18, 2: 14, 3: 12 } as const

function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], options: PDFKit.Mixins.TextOptions = {}): void {
  const visible = runs.filter((run) => run.text.length > 0)
  if (visible.length === 0) return
  visible.forEach((run, i) => {
    const link = run.link && isAllowedLinkHref(run.link) ? run.link : undefined
    doc.font(fontOf(run)).fillColor(link ? '#0b5fa5' : 'black')
      .text(printable(run.text), { ...options, continued: i < visible.length - 1, link, underline: Boolean(link) })
  })
  doc.fillColor('black')
}

function writeBlock(doc: PDFKit.PDFDocument, block: Block): void {
  switch (block.type) {
    case 'heading':
      doc.moveDown(block.level === 1 ? 0 : 0.6).font(FONT.bold).fontSize(HEADING_SIZES[block.level]).text(printable(block.text)).fontSize(10.5).moveDown(0.3)
      break
    case 'paragraph':
      writeRuns(doc, block.runs)
      doc.moveDown(0.4)
      break
    case 'list':
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${i + 1}. ` : '• '
        writeRuns(doc, [{ text: marker }, ...item.runs], { indent: 14 + item.depth * 14 })
      })
      doc.moveDown(0.4)
      break
    case 'table':
      doc.font(FONT.regular).fontSize(9)
      doc.table({
        data: [block.header.map((h) => ({ text: printable(h), font: { src: FONT.bold } })), ...block.rows.map((row) => row.map(printable))],
      })
      doc.fontSize(10.5).moveDown(0.6)
      break
  }
}

export function renderPdf(document: ReportDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: printable(document.title), Creator: 'Atelier' }, lang: document.language, displayTitle: true })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.fontSize(10.5)
    for (const block of document.blocks) writeBlock(doc, block)
    doc.end()
  })
}
