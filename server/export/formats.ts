/** The download formats and how each is rendered. */
import type { ReportDocument } from './report-model.ts'
import { renderDocx } from './render-docx.ts'
import { renderMarkdown } from './render-markdown.ts'
import { renderPdf } from './render-pdf.ts'

export const FORMATS = {
  pdf: { type: 'application/pdf', render: renderPdf },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  md: { type: 'text/markdown; charset=utf-8', render: async (document: ReportDocument) => renderMarkdown(document) },
} as const
export type Format = keyof typeof FORMATS

export const isFormat = (value: string | undefined): value is Format => value !== undefined && Object.hasOwn(FORMATS, value)
