/**
 * `/api/boards/:id/room/…`: the room's timer (the server writes it, in its clock, on the
 * facilitator's request) and the join link shown on the room display (server/room/room-service.ts).
 * `GET /api/time` (mounted in app.ts) gives clients the server's clock.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { roomJoinLinkRequest, timerCommandRequest, type ServerTimeResponse } from '../../shared/api/room.ts'
import { RoomError, type RoomService } from '../room/room-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import { requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'

async function mapRoomErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RoomError) throw new HTTPException(error.status, { message: error.message })
    throw error
  }
}

export function roomRoutes(store: BoardStore, room: RoomService): Hono {
  const routes = new Hono()

  routes.post('/:id/room/timer', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'room.lead')
    const command = await readJson(c, timerCommandRequest)
    return c.json(await room.timer(board.id, command))
  })

  routes.put('/:id/room/join-link', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'room.lead')
    const { token, code } = await readJson(c, roomJoinLinkRequest)
    return c.json(await mapRoomErrors(() => room.setJoinLink(board.id, token, code)))
  })

  routes.get('/:id/room/join-link', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'room.join-link.read')
    c.header('Cache-Control', 'no-store')
    return c.json(await mapRoomErrors(() => room.getJoinLink(board.id)))
  })

  routes.delete('/:id/room/join-link', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'room.lead')
    await room.clearJoinLink(board.id)
    return c.body(null, 204)
  })

  return routes
}

/** The server's clock: never cached, so a client's round trip measures it. */
export function timeRoutes(): Hono {
  const routes = new Hono()
  routes.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ now: Date.now() } satisfies ServerTimeResponse)
  })
  return routes
}
