/** DOCX rendering with the `docx` library: real headings, lists and tables a word processor edits. */
import {
  AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import type { Block, ReportDocument, Run } from './report-model.ts'

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
      return [new Paragraph({ heading: HEADINGS[item.level], children: [new TextRun(item.text)] })]
    case 'paragraph':
      return [new Paragraph({ children: children(item.runs), spacing: { after: 120 } })]
    case 'list':
      return item.items.map((entry) => new Paragraph({
        children: children(entry.runs),
        ...(item.ordered ? { numbering: { reference: 'ordered', level: Math.min(entry.depth, 8) } } : { bullet: { level: Math.min(entry.depth, 8) } }),
      }))
    case 'table': {
      const row = (cells: string[], header: boolean) => new TableRow({
        tableHeader: header,
        children: cells.map((value) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: value, bold: header })] })] })),
      })
      return [
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(item.header, true), ...item.rows.map((cells) => row(cells, false))] }),
        new Paragraph({ text: '' }),
      ]
    }
  }
}

export async function renderDocx(document: ReportDocument): Promise<Buffer> {
  const doc = new Document({
    title: document.title,
    creator: 'Atelier',
    numbering: {
      config: [{
        reference: 'ordered',
        levels: Array.from({ length: 9 }, (_, level) => ({
          level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      }],
    },
    sections: [{ children: document.blocks.flatMap(blocks) }],
  })
  return Packer.toBuffer(doc)
}
