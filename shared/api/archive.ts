/**
 * The board archive: the live board and every snapshot, as encoded Yjs states (base64) with their
 * records. One JSON file; it imports into a new board on any Atelier server.
 *
 *   { format: "atelier-board-archive", version: 1, exportedAt,
 *     board: { title, language, createdAt },
 *     state: <base64 Yjs update of the live board>,
 *     snapshots: [{ id, label, kind, number, sessionId, createdAt, state }],  (oldest first)
 *     logos?: [{ key, updatedAt, data }] }   (the report header's images: shared/api/logos.ts)
 */
import { z } from 'zod'
import { LANGUAGES } from '../i18n/language.ts'
import { BOARD_TITLE_MAX } from './board-limits.ts'
import { SNAPSHOT_LABEL_MAX } from './snapshots.ts'
import { DIAGNOSIS_MAX } from '../board/method.ts'

export const ARCHIVE_FORMAT = 'atelier-board-archive'
export const ARCHIVE_VERSION = 1
/** Archives above this are refused (a board with years of iterations stays far below). */
export const ARCHIVE_MAX_BYTES = 50 * 1024 * 1024

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date')

export const boardArchive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: isoDate,
  board: z.object({
    title: z.string().trim().min(1).max(BOARD_TITLE_MAX),
    language: z.enum(LANGUAGES),
    createdAt: isoDate,
  }),
  state: base64,
  snapshots: z.array(z.object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    label: z.string().min(1).max(SNAPSHOT_LABEL_MAX),
    kind: z.enum(['iteration', 'named', 'restore-point']),
    number: z.number().int().positive().nullable(),
    sessionId: z.string().max(64).nullable(),
    createdAt: isoDate,
    state: base64,
  })).max(10_000),
  /** Absent from archives made before logos; each is checked again on import like an upload. */
  logos: z.array(z.object({
    key: z.string().regex(/^(?:network|partner\/[A-Za-z0-9_-]{1,64})$/),
    updatedAt: isoDate,
    data: base64,
  })).max(1_000).optional(),
  /**
   * Partners' diagnoses not shared, kept by the server outside the board document (the archive is
   * the facilitator's, who may read them). Absent from archives made before.
   */
  diagnoses: z.array(z.object({
    partnerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    project: z.string().max(DIAGNOSIS_MAX),
    strengths: z.string().max(DIAGNOSIS_MAX),
    constraints: z.string().max(DIAGNOSIS_MAX),
    expectations: z.string().max(DIAGNOSIS_MAX),
    updatedAt: isoDate,
  })).max(1_000).optional(),
})
export type BoardArchive = z.infer<typeof boardArchive>
