/**
 * Calls for a partner's strategic diagnosis while it is not shared: kept by the server, never in
 * the shared document (server/method/diagnosis-service.ts); sharing moves it there. Failures come
 * back as values (request.ts).
 */
import type { DiagnosisResponse, WriteDiagnosisRequest } from '../../shared/api/diagnoses.ts'
import { request } from './request.ts'

const diagnosis = (boardId: string, partnerId: string) => `/api/boards/${encodeURIComponent(boardId)}/diagnoses/${encodeURIComponent(partnerId)}`

export const readDiagnosis = (boardId: string, token: string, partnerId: string) =>
  request<DiagnosisResponse>(diagnosis(boardId, partnerId), token)

export const writeDiagnosis = (boardId: string, token: string, partnerId: string, fields: WriteDiagnosisRequest) =>
  request<DiagnosisResponse>(diagnosis(boardId, partnerId), token, { method: 'PUT', body: JSON.stringify(fields) })

/** Shares it with every partner (into the board, for everyone at once) or takes it back from view. */
export const setDiagnosisShared = (boardId: string, token: string, partnerId: string, shared: boolean) =>
  request<DiagnosisResponse>(`${diagnosis(boardId, partnerId)}/shared`, token, { method: 'PUT', body: JSON.stringify({ shared }) })
