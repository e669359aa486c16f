/** Payloads of the snapshots API (iterations, named snapshots, compare, restore). */
import { z } from 'zod'
import type { BoardJson } from '../board/board-json.ts'

export const SNAPSHOT_LABEL_MAX = 200

export const createSnapshotRequest = z.object({
  label: z.string().trim().min(1, 'label must not be empty').max(SNAPSHOT_LABEL_MAX, `label must be at most ${SNAPSHOT_LABEL_MAX} characters`),
})

export type SnapshotKind = 'iteration' | 'named' | 'restore-point'

export interface SnapshotSummary {
  id: string
  label: string
  /** ISO 8601 */
  createdAt: string
  kind: SnapshotKind
  /** Iteration number, for iterations. */
  number: number | null
  /** The session an iteration closes. */
  sessionId: string | null
}

export interface SnapshotResponse extends SnapshotSummary {
  board: BoardJson
}

export interface RestoreResponse {
  restoredFrom: string
  /** The state just before the restore, kept so the restore can be undone. */
  restorePoint: SnapshotSummary
}
