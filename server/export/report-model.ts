/**
 * What an exported document says, independent of its format: headings, paragraphs of text runs,
 * lists and tables. Markdown, DOCX and PDF renderers each turn it into their format, so the three
 * downloads say exactly the same thing. All text here is user text kept as text, never markup.
 */
export interface Run {
  text: string
  bold?: boolean
  italic?: boolean
  /** Only http, https and mailto survive (see isAllowedLinkHref). */
  link?: string
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; items: { runs: Run[]; depth: number }[] }
  /**
   * A table; its header row repeats on every page it runs onto. `widths`: relative column widths
   * (equal when absent); `tall`: rows left high enough to write in (signature blocks).
   */
  | { type: 'table'; header: string[]; rows: string[][]; widths?: number[]; tall?: boolean }

/** An image checked at upload (server/logos/logo-image.ts): its bytes and pixel size. */
export interface ReportImage {
  type: 'png' | 'jpeg'
  data: Uint8Array
  width: number
  height: number
  /** Whose logo it is, for the alternative text. */
  name: string
}

export interface ReportDocument {
  title: string
  language: string
  blocks: Block[]
  /** The running header on every page (the board's title). */
  header?: string
  /** "Page 3 of 7", in the document's language: the words around the two numbers. */
  pageLabel?: { page: string; of: string }
  /** Drawn at the head of the first page: the network's logo, then a row of the partners' logos. */
  logos?: { network: ReportImage | null; partners: ReportImage[] }
}

export const text = (value: string): Run[] => [{ text: value }]
export const paragraph = (value: string, style: Omit<Run, 'text'> = {}): Block => ({ type: 'paragraph', runs: [{ text: value, ...style }] })
export const heading = (level: 1 | 2 | 3, value: string): Block => ({ type: 'heading', level, text: value })

/** Plain text of runs (tests, PDF fallbacks). */
export const runsText = (runs: Run[]): string => runs.map((run) => run.text).join('')
