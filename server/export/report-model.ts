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
  | { type: 'table'; header: string[]; rows: string[][] }

export interface ReportDocument {
  title: string
  language: string
  blocks: Block[]
}

export const text = (value: string): Run[] => [{ text: value }]
export const paragraph = (value: string, style: Omit<Run, 'text'> = {}): Block => ({ type: 'paragraph', runs: [{ text: value, ...style }] })
export const heading = (level: 1 | 2 | 3, value: string): Block => ({ type: 'heading', level, text: value })

/** Plain text of runs (tests, PDF fallbacks). */
export const runsText = (runs: Run[]): string => runs.map((run) => run.text).join('')
