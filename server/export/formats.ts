/** The download formats and how each is rendered. */
import type { ReportDocument } from './report-model.ts'
import { renderMarkdown } from './render-markdown.ts'

// PDF and DOCX libraries are loaded on the first download, not at start: most servers idle far more than they export.
const renderPdf = async (document: ReportDocument) => (await import('./render-pdf.ts')).renderPdf(document)
const renderDocx = async (document: ReportDocument) => (await import('./render-docx.ts')).renderDocx(document)

export const FORMATS = {
  pdf: { type: 'application/pdf', render: renderPdf },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  md: { type: 'text/markdown; charset=utf-8', render: async (document: ReportDocument) => renderMarkdown(document) },
} as const
export type Format = keyof typeof FORMATS

export const isFormat = (value: string | undefined): value is Format => value !== undefined && Object.hasOwn(FORMATS, value)
