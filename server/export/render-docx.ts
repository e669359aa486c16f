/**
 * DOCX rendering with the `docx` library: real headings, lists and tables a word processor edits.
 * The document's language is the board's (spelling and hyphenation in French); every page has the
 * running header and "Page n of N" (fields Word updates); headings keep with what follows; a
 * table's header row repeats on every page.
 */
import {
  AlignmentType, Document, ExternalHyperlink, Footer, Header, HeadingLevel, HeightRule, ImageRun, LevelFormat, Packer, PageNumber, Paragraph, Table, TableCell,
  TableRow, TextRun, WidthType,
} from 'docx'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, ReportDocument, ReportImage, Run } from './report-model.ts'

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const

function children(runs: Run[]): (TextRun | ExternalHyperlink)[] {
  return runs.flatMap((run): (TextRun | ExternalHyperlink)[] => {
    const lines = run.text.split('\n')
    const textRuns = lines.map((line, i) => new TextRun({ text: line, bold: run.bold, italics: run.italic, break: i > 0 ? 1 : undefined, style: run.link ? 'Hyperlink' : undefined }))
    return run.link && isAllowedLinkHref(run.link) ? [new ExternalHyperlink({ link: run.link, children: textRuns })] : textRuns
  })
}

function blocks(item: Block): (Paragraph | Table)[] {
  switch (item.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[item.level], keepNext: true, keepLines: true, children: [new TextRun(item.text)] })]
    case 'paragraph':
      return [new Paragraph({ children: children(item.runs), spacing: { after: 120 } })]
    case 'list':
      return item.items.map((entry) => new Paragraph({
        children: children(entry.runs),
        ...(item.ordered ? { numbering: { reference: 'ordered', level: Math.min(entry.depth, 8) } } : { bullet: { level: Math.min(entry.depth, 8) } }),
      }))
    case 'table': {
      const weights = item.widths?.length === item.header.length ? item.widths : item.header.map(() => 1)
      const total = weights.reduce((a, b) => a + b, 0)
      const row = (cells: string[], header: boolean) => new TableRow({
        tableHeader: header,
        cantSplit: true,
        ...(item.tall && !header ? { height: { value: 680, rule: HeightRule.ATLEAST } } : {}),
        children: item.header.map((_, i) => new TableCell({
          width: { size: Math.round((weights[i]! / total) * 100), type: WidthType.PERCENTAGE },
          children: [new Paragraph({ keepNext: header, children: children([{ text: cells[i] ?? '', bold: header }]) })],
        })),
      })
      return [
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(item.header, true), ...item.rows.map((cells) => row(cells, false))] }),
        new Paragraph({ text: '' }),
      ]
    }
  }
}

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' }

/** A logo fitted in a box (pixels at 96 per inch, as the library counts), with its name as alternative text. */
function logoRun(image: ReportImage, maxWidth: number, maxHeight: number): ImageRun {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height)
  return new ImageRun({
    type: image.type === 'png' ? 'png' : 'jpg',
    data: image.data,
    transformation: { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) },
    altText: { name: image.name, description: image.name, title: image.name },
  })
}

/** The first page's header: the network's logo, the partners' logos in a row, then the running header. */
function firstPageHeader(document: ReportDocument, running: Paragraph[]): Header | undefined {
  const logos = document.logos
  if (!logos || (!logos.network && logos.partners.length === 0)) return undefined
  const rows: Paragraph[] = []
  if (logos.network) rows.push(new Paragraph({ children: [logoRun(logos.network, 260, 72)], spacing: { after: 80 } }))
  if (logos.partners.length > 0) {
    rows.push(new Paragraph({
      children: logos.partners.flatMap((image, i) => [...(i > 0 ? [new TextRun('   ')] : []), logoRun(image, 140, 44)]),
      spacing: { after: 80 },
    }))
  }
  return new Header({ children: [...rows, ...running] })
}

export async function renderDocx(document: ReportDocument): Promise<Buffer> {
  const label = document.pageLabel ?? { page: 'Page', of: '/' }
  const small = { size: 16, color: '555555' }
  const running = () => (document.header ? [new Paragraph({ children: [new TextRun({ text: document.header, ...small })] })] : [])
  const firstHeader = firstPageHeader(document, running())
  const footer = () => new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: [`${label.page} `, PageNumber.CURRENT, ` ${label.of} `, PageNumber.TOTAL_PAGES], ...small })],
    })],
  })
  const doc = new Document({
    title: document.title,
    creator: 'Atelier',
    styles: { default: { document: { run: { language: { value: LOCALES[document.language] ?? document.language } } } } },
    numbering: {
      config: [{
        reference: 'ordered',
        levels: Array.from({ length: 9 }, (_, level) => ({
          level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      }],
    },
    sections: [{
      // With logos, the first page has a header of its own (titlePage): the logos above the running header.
      ...(firstHeader ? { properties: { titlePage: true } } : {}),
      headers: {
        ...(document.header ? { default: new Header({ children: running() }) } : {}),
        ...(firstHeader ? { first: firstHeader } : {}),
      },
      footers: { default: footer(), ...(firstHeader ? { first: footer() } : {}) },
      children: document.blocks.flatMap(blocks),
    }],
  })
  return Packer.toBuffer(doc)
}
