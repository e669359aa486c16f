/**
 * Payloads of the diagnosis API (`/api/boards/:id/diagnoses/:partnerId`): a partner's strategic
 * diagnosis while it is not shared is kept by the server, out of the board document
 * (server/method/diagnosis-service.ts); sharing it moves it into the document.
 */
import { z } from 'zod'
import { DIAGNOSIS_MAX, type DiagnosisText } from '../board/method.ts'

const text = z.string().max(DIAGNOSIS_MAX, `at most ${DIAGNOSIS_MAX} characters`)

/** Fields left out are left as they are (each field is saved on its own as it is typed). */
export const writeDiagnosisRequest = z.object({
  project: text.optional(),
  strengths: text.optional(),
  constraints: text.optional(),
  expectations: text.optional(),
}).strict()
export type WriteDiagnosisRequest = z.infer<typeof writeDiagnosisRequest>

export const shareDiagnosisRequest = z.object({ shared: z.boolean() }).strict()
export type ShareDiagnosisRequest = z.infer<typeof shareDiagnosisRequest>

export interface DiagnosisResponse extends DiagnosisText {
  partnerId: string
  /** Shared: its text is in the board document (co-edited live there); else kept by the server. */
  shared: boolean
  /** ISO 8601 of the last save while not shared; null when never saved or shared. */
  updatedAt: string | null
}
