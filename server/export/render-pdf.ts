/**
 * PDF rendering with PDFKit, in DejaVu Sans (embedded, subset to the glyphs used): the standard
 * PDF fonts only speak WinAnsi, which has no "→", "✓" nor the narrow no-break space French puts
 * before ; ? !. A character the font has no glyph for is replaced by "?", never printed as garbage.
 *
 * Every page has a running header (the board's title) and "Page n of N" at its foot; a table's
 * header row is drawn again at the top of every page it runs onto; a heading never ends a page.
 */
import PDFDocument from 'pdfkit'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import { pdfFonts, type PdfFont as FontName } from './pdf-fonts.ts'
import type { Block, ReportDocument, ReportImage, Run } from './report-model.ts'

const fontOf = (run: Pick<Run, 'bold' | 'italic'>): FontName => (run.bold && run.italic ? 'boldItalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'regular')
const HEADING_SIZES = { 1: 17, 2: 13.5, 3: 11.5 } as const
const BODY_SIZE = 10
const TABLE_SIZE = 8.5
const MARGIN = 56
const CELL_PADDING = 4
/** The tallest a logo is drawn at the head of the first page (points): the network's, then each partner's. */
const LOGO_NETWORK_HEIGHT = 56
const LOGO_PARTNER_HEIGHT = 34
/** A heading with less room than this under it starts the next page instead. */
const HEADING_KEEP = 70

/** Drops control characters and lone surrogates, and what the font has no glyph for becomes "?". */
function printableWith(doc: PDFKit.PDFDocument): (value: string) => string {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (code: number) => boolean } } })._font?.font
  const cache = new Map<number, boolean>()
  const has = (code: number) => {
    let known = cache.get(code)
    if (known === undefined) {
      known = font?.hasGlyphForCodePoint?.(code) ?? true
      cache.set(code, known)
    }
    return known
  }
  return (value) => {
    // A zero-width space every 60 characters of an endless word (a pasted URL, "xxxx…"): PDFKit would
    // otherwise measure it again for every character that doesn't fit (quadratic: minutes for 60,000).
    value = value.replace(/[^\s\u200b]{60}(?=[^\s\u200b])/g, '$&\u200b')
    let out = ''
    // Lone surrogates go too (a string's iterator gives them alone).
    for (const char of value.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')) {
      const code = char.codePointAt(0)!
      out += code === 10 || code === 0x20 || (!(code >= 0xd800 && code <= 0xdfff) && has(code)) ? char : '?'
    }
    return out
  }
}

function renderer(doc: PDFKit.PDFDocument) {
  for (const [name, bytes] of Object.entries(pdfFonts())) doc.registerFont(name, bytes)
  doc.font('regular')
  const printable = printableWith(doc)
  const left = () => doc.page.margins.left
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom

  function writeRuns(runs: Run[], options: PDFKit.Mixins.TextOptions = {}): void {
    const visible = runs.filter((run) => run.text.length > 0)
    if (visible.length === 0) return
    visible.forEach((run, i) => {
      const link = run.link && isAllowedLinkHref(run.link) ? run.link : undefined
      doc.font(fontOf(run)).fillColor(link ? '#0b5fa5' : 'black')
        .text(printable(run.text), { ...options, continued: i < visible.length - 1, link, underline: Boolean(link) })
    })
    doc.fillColor('black').font('regular')
  }

  /** A table drawn row by row: a row that doesn't fit starts a new page, under the header drawn again. */
  function writeTable(block: Extract<Block, { type: 'table' }>): void {
    const columns = block.header.length
    const weights = block.widths?.length === columns ? block.widths : Array.from({ length: columns }, () => 1)
    const total = weights.reduce((a, b) => a + b, 0)
    const widths = weights.map((w) => (w / total) * width())
    const minHeight = block.tall ? 34 : 0
    doc.fontSize(TABLE_SIZE)
    const rowHeight = (cells: string[], font: FontName) => {
      doc.font(font)
      return Math.max(minHeight, ...cells.map((cell, i) => doc.heightOfString(printable(cell) || ' ', { width: widths[i]! - 2 * CELL_PADDING }) + 2 * CELL_PADDING))
    }
    const drawRow = (cells: string[], font: FontName, y: number, height: number, shaded: boolean) => {
      let x = left()
      cells.forEach((cell, i) => {
        const w = widths[i]!
        if (shaded) doc.rect(x, y, w, height).fillColor('#eef1f4').fill()
        doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#9aa3ad').stroke()
        doc.fillColor('black').font(font).text(printable(cell), x + CELL_PADDING, y + CELL_PADDING, { width: w - 2 * CELL_PADDING, lineBreak: true })
        x += w
      })
    }
    const headerHeight = rowHeight(block.header, 'bold')
    const drawHeader = () => {
      const y = doc.y
      drawRow(block.header, 'bold', y, headerHeight, true)
      doc.y = y + headerHeight
    }
    const firstRow = block.rows[0] ? rowHeight(block.rows[0], 'regular') : 0
    // The header never stands alone at the foot of a page.
    if (doc.y + headerHeight + Math.min(firstRow, 120) > bottom()) doc.addPage()
    drawHeader()
    for (const row of block.rows) {
      const cells = Array.from({ length: columns }, (_, i) => row[i] ?? '')
      const height = rowHeight(cells, 'regular')
      if (doc.y + height > bottom() && doc.y > doc.page.margins.top + headerHeight + 1) {
        doc.addPage()
        drawHeader()
      }
      const y = doc.y
      drawRow(cells, 'regular', y, height, false)
      doc.y = y + height
    }
    doc.x = left()
    doc.font('regular').fontSize(BODY_SIZE).moveDown(0.6)
  }

  function writeBlock(block: Block): void {
    doc.x = left()
    switch (block.type) {
      case 'heading': {
        doc.font('bold').fontSize(HEADING_SIZES[block.level])
        if (doc.y > doc.page.margins.top && doc.y + HEADING_KEEP > bottom()) doc.addPage()
        else if (block.level > 1) doc.moveDown(0.5)
        doc.text(printable(block.text), { width: width() }).font('regular').fontSize(BODY_SIZE).moveDown(0.3)
        break
      }
      case 'paragraph':
        writeRuns(block.runs, { width: width() })
        doc.moveDown(0.4)
        break
      case 'list':
        block.items.forEach((item, i) => {
          const marker = block.ordered ? `${i + 1}. ` : '• '
          writeRuns([{ text: marker }, ...item.runs], { indent: 14 + item.depth * 14, width: width() })
        })
        doc.moveDown(0.4)
        break
      case 'table':
        writeTable(block)
        break
    }
  }

  /** The running header and "Page n of N" on every page, once all pages exist. */
  function decoratePages(document: ReportDocument): void {
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      const margins = { ...doc.page.margins }
      // Writing in the margins must not open a new page.
      doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right }
      doc.font('regular').fontSize(8).fillColor('#555555')
      if (document.header) {
        doc.text(printable(document.header), margins.left, margins.top / 2 - 4, { width: width(), align: 'left', lineBreak: false, ellipsis: true })
      }
      const label = document.pageLabel ?? { page: 'Page', of: '/' }
      doc.text(`${label.page} ${i + 1 - range.start} ${label.of} ${range.count}`, margins.left, doc.page.height - margins.bottom / 2 - 4, { width: width(), align: 'center', lineBreak: false })
      doc.page.margins = margins
      doc.fillColor('black')
    }
  }

  /**
   * The network's logo, then the partners' logos in a row (wrapping), at the head of the first
   * page. Each keeps its proportions inside its box; one the library cannot draw is left out
   * rather than failing the whole report (uploads are checked: server/logos/logo-image.ts).
   */
  function writeLogos(logos: NonNullable<ReportDocument['logos']>): void {
    const fit = (image: ReportImage, maxWidth: number, maxHeight: number) => {
      const scale = Math.min(maxWidth / image.width, maxHeight / image.height)
      return { width: image.width * scale, height: image.height * scale }
    }
    const draw = (image: ReportImage, x: number, y: number, size: { width: number; height: number }): boolean => {
      try {
        doc.image(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), x, y, size)
        return true
      } catch {
        return false
      }
    }
    let y = doc.y
    if (logos.network) {
      const size = fit(logos.network, 200, LOGO_NETWORK_HEIGHT)
      if (draw(logos.network, left(), y, size)) y += size.height + 8
    }
    let x = left()
    let rowHeight = 0
    for (const image of logos.partners) {
      const size = fit(image, 110, LOGO_PARTNER_HEIGHT)
      if (x > left() && x + size.width > left() + width()) {
        x = left()
        y += rowHeight + 6
        rowHeight = 0
      }
      if (!draw(image, x, y, size)) continue
      x += size.width + 14
      rowHeight = Math.max(rowHeight, size.height)
    }
    doc.x = left()
    doc.y = y + rowHeight + (rowHeight > 0 || logos.network ? 12 : 0)
  }

  return { printable, writeBlock, writeLogos, decoratePages }
}

export function renderPdf(document: ReportDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, autoFirstPage: false, lang: document.language, displayTitle: true })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    try {
      doc.addPage()
      const { printable, writeBlock, writeLogos, decoratePages } = renderer(doc)
      doc.info.Title = printable(document.title)
      doc.info.Creator = 'Atelier'
      doc.fontSize(BODY_SIZE)
      if (document.logos) writeLogos(document.logos)
      for (const block of document.blocks) writeBlock(block)
      decoratePages(document)
      doc.end()
    } catch (error) {
      reject(error)
    }
  })
}
