/**
 * `/api/boards/:id/…` for iterations: snapshots (facilitator writes, any token reads), compare,
 * restore, and ending a session with its iteration.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { createSnapshotRequest, type RestoreResponse, type SnapshotResponse, type SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { SnapshotRecord } from '../store/board-store.ts'
import type { BoardStore } from '../store/board-store.ts'
import { boardFromState, type SnapshotService } from '../snapshots/snapshot-service.ts'
import { mapSnapshotErrors } from './snapshot-errors.ts'
import { requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'
import { announcerOf } from './announcer.ts'

const summary = ({ id, label, createdAt, kind, number, sessionId }: SnapshotRecord): SnapshotSummary =>
  ({ id, label, createdAt, kind, number, sessionId })

export function snapshotsRoutes(store: BoardStore, snapshots: SnapshotService): Hono {
  const routes = new Hono()

  routes.post('/:id/snapshots', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'snapshots.write')
    const { label } = await readJson(c, createSnapshotRequest)
    return c.json(summary(await snapshots.createNamed(board.id, label)), 201)
  })

  routes.get('/:id/snapshots', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    return c.json((await snapshots.list(board.id)).map(summary))
  })

  routes.get('/:id/snapshots/:snapshotId', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const { record, state } = await mapSnapshotErrors(() => snapshots.get(board.id, c.req.param('snapshotId')))
    return c.json({ ...summary(record), board: boardFromState(state) } satisfies SnapshotResponse)
  })

  // The snapshot as a Yjs update, so a client shows an iteration with the same views as the live
  // board (a read-only Y.Doc) rather than with a second set of components.
  routes.get('/:id/snapshots/:snapshotId/state', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const { state } = await mapSnapshotErrors(() => snapshots.get(board.id, c.req.param('snapshotId')))
    return new Response(new Uint8Array(state), { headers: { 'content-type': 'application/octet-stream', 'cache-control': 'private, max-age=31536000, immutable' } })
  })

  routes.post('/:id/snapshots/:snapshotId/restore', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'snapshots.write')
    const snapshotId = c.req.param('snapshotId')
    const by = await announcerOf(c)
    const { restorePoint } = await mapSnapshotErrors(() => snapshots.restore(board.id, snapshotId, board.language, by))
    return c.json({ restoredFrom: snapshotId, restorePoint: summary(restorePoint) } satisfies RestoreResponse)
  })

  routes.get('/:id/compare', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const from = c.req.query('from')
    const to = c.req.query('to') ?? 'live'
    if (!from) throw new HTTPException(400, { message: 'from is required: a snapshot id (to defaults to live)' })
    return c.json(await mapSnapshotErrors(() => snapshots.compare(board.id, from, to)))
  })

  routes.post('/:id/sessions/:sessionId/end', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'snapshots.write')
    const record = await mapSnapshotErrors(() => snapshots.endSession(board.id, c.req.param('sessionId'), board.language))
    return c.json(summary(record), 201)
  })

  return routes
}
