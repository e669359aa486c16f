/**
 * `/api/boards/:id/logos…`: the network's logo and one per partner, for the compte rendu's header
 * (shared/api/logos.ts). The facilitator uploads and removes them (`logos.manage`); any token of
 * the board reads them. The body is the image itself (PNG or JPEG, at most LOGO_MAX_BYTES), read
 * as a stream and refused as soon as it passes the limit; what it is comes from its bytes.
 */
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { LOGO_MAX_BYTES, logoKey, type LogoInfo, type LogoOwner, type LogosResponse, type LogoType } from '../../shared/api/logos.ts'
import { inspectLogo } from '../logos/logo-image.ts'
import { partnerById } from '../../shared/board/partners.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { BoardStore, LogoSummary } from '../store/board-store.ts'
import { requireBoardAccess } from './board-access.ts'
import { readBytesLimited } from './read-body.ts'

const info = (logo: LogoSummary): LogoInfo => ({ type: logo.type as LogoType, width: logo.width, height: logo.height, bytes: logo.bytes, updatedAt: logo.updatedAt })

export function logosRoutes(store: BoardStore, rooms: RoomRegistry): Hono {
  const routes = new Hono()

  /** The partner must be on the board now: no logo for a partner that does not exist. */
  const ownerOf = async (c: Context, boardId: string): Promise<LogoOwner> => {
    const partnerId = c.req.param('partnerId')
    if (partnerId === undefined) return { kind: 'network' }
    // Read in the live document (no whole board read for one lookup).
    const exists = await rooms.withRoom(boardId, (room) => partnerById(room.doc, partnerId) !== null)
    if (!exists) throw new HTTPException(404, { message: 'No such partner on this board' })
    return { kind: 'partner', partnerId }
  }

  routes.get('/:id/logos', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const response: LogosResponse = { network: null, partners: {} }
    for (const logo of await store.listLogos(board.id)) {
      if (logo.key === 'network') response.network = info(logo)
      else if (logo.key.startsWith('partner/')) response.partners[logo.key.slice('partner/'.length)] = info(logo)
    }
    c.header('Cache-Control', 'no-store')
    return c.json(response)
  })

  const read = async (c: Context) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id')!, 'board.read')
    const partnerId = c.req.param('partnerId')
    const logo = await store.getLogo(board.id, logoKey(partnerId === undefined ? { kind: 'network' } : { kind: 'partner', partnerId }))
    if (!logo) throw new HTTPException(404, { message: 'No logo' })
    return new Response(new Uint8Array(logo.data), {
      headers: {
        'content-type': logo.type,
        'x-content-type-options': 'nosniff',
        // Behind a token: never in a shared cache. The client asks again with ?v=<updatedAt> after a change.
        'cache-control': 'private, max-age=0, must-revalidate',
        'content-security-policy': "default-src 'none'",
      },
    })
  }

  const write = async (c: Context) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id')!, 'logos.manage')
    const owner = await ownerOf(c, board.id)
    const data = await readBytesLimited(c.req.raw, LOGO_MAX_BYTES, `A logo may weigh at most ${LOGO_MAX_BYTES / 1024} kB`)
    const check = inspectLogo(data)
    if (!check.ok) throw new HTTPException(check.status, { message: check.error })
    const logo = { boardId: board.id, key: logoKey(owner), type: check.type, width: check.width, height: check.height, data, updatedAt: new Date().toISOString() }
    await store.putLogo(logo)
    return c.json(info({ ...logo, bytes: data.byteLength }))
  }

  const remove = async (c: Context) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id')!, 'logos.manage')
    const partnerId = c.req.param('partnerId')
    const removed = await store.deleteLogo(board.id, logoKey(partnerId === undefined ? { kind: 'network' } : { kind: 'partner', partnerId }))
    if (!removed) throw new HTTPException(404, { message: 'No logo' })
    return c.body(null, 204)
  }

  for (const path of ['/:id/logos/network', '/:id/logos/partners/:partnerId']) {
    routes.get(path, read)
    routes.put(path, write)
    routes.delete(path, remove)
  }
  return routes
}
