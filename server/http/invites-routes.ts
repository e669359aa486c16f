/**
 * `/api/boards/:id/invites` (facilitator only): list the board's invite links, create one (per
 * partner organisation, or generic), revoke one, regenerate one. Tokens and join codes appear only
 * in the responses that create them.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { createInviteRequest, type CreatedInvite, type InviteSummary } from '../../shared/api/invites.ts'
import { InviteError, createdInvite, inviteSummary, type InviteService } from '../invites/invite-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import { linkBase, requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'

const INVITE_ID = /^[A-Za-z0-9_-]{1,64}$/

async function mapInviteErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof InviteError) throw new HTTPException(error.status, { message: error.message })
    throw error
  }
}

export function invitesRoutes(store: BoardStore, invites: InviteService, publicUrl: string | null): Hono {
  const routes = new Hono()

  const inviteId = (raw: string): string => {
    if (!INVITE_ID.test(raw)) throw new HTTPException(404, { message: 'Invite not found' })
    return raw
  }

  routes.get('/:id/invites', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'invites.read')
    return c.json((await invites.list(board.id)).map(inviteSummary) satisfies InviteSummary[])
  })

  routes.post('/:id/invites', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'invites.read')
    const request = await readJson(c, createInviteRequest)
    const issued = await mapInviteErrors(() => invites.create(board.id, request))
    return c.json(createdInvite(issued, linkBase(c, publicUrl), board.id) satisfies CreatedInvite, 201)
  })

  routes.post('/:id/invites/:inviteId/revoke', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'invites.read')
    const revoked = await mapInviteErrors(() => invites.revoke(board.id, inviteId(c.req.param('inviteId'))))
    return c.json(inviteSummary(revoked) satisfies InviteSummary)
  })

  routes.post('/:id/invites/:inviteId/regenerate', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'invites.read')
    const issued = await mapInviteErrors(() => invites.regenerate(board.id, inviteId(c.req.param('inviteId'))))
    return c.json(createdInvite(issued, linkBase(c, publicUrl), board.id) satisfies CreatedInvite, 201)
  })

  return routes
}
