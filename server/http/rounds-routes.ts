/**
 * `/api/boards/:id/rounds/:roundId/…`: drafts of a private-writing round (kept by the server, out
 * of the board document) and revealing them. Who writes is the server's knowledge: the invite link
 * (role, bound partner) and the person key in the `X-Atelier-Person` header, whose hash is the
 * author's person id; a person id sent by the client is never read.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { editDraftRequest, PERSON_HEADER, writeDraftRequest } from '../../shared/api/drafts.ts'
import { PERSON_KEY_PATTERN, personIdFromKey } from '../../shared/auth/person.ts'
import { DraftError, type DraftService, type DraftWriter } from '../rounds/draft-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import { requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'
import { announcerOf } from './announcer.ts'

/** The caller's person id from its person key, or null without one (400 if malformed). */
function personOf(c: Context): string | null {
  const key = c.req.header(PERSON_HEADER)
  if (key === undefined || key === '') return null
  if (!PERSON_KEY_PATTERN.test(key)) throw new HTTPException(400, { message: `Malformed person key (${PERSON_HEADER})` })
  return personIdFromKey(key)
}

function requirePerson(c: Context): string {
  const personId = personOf(c)
  if (personId === null) throw new HTTPException(400, { message: `A person key is required (${PERSON_HEADER} header)` })
  return personId
}

async function mapDraftErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DraftError) throw new HTTPException(error.status, { message: error.message })
    throw error
  }
}

export function roundsRoutes(store: BoardStore, drafts: DraftService): Hono {
  const routes = new Hono()

  const writerOf = async (c: Context): Promise<{ boardId: string; writer: DraftWriter }> => {
    const { board, role, invite } = await requireBoardAccess(c, store, c.req.param('id')!, 'card.add')
    return { boardId: board.id, writer: { personId: requirePerson(c), role, boundPartnerId: invite.partnerId } }
  }

  routes.post('/:id/rounds/:roundId/drafts', async (c) => {
    const { boardId, writer } = await writerOf(c)
    const input = await readJson(c, writeDraftRequest)
    const { draft, created } = await mapDraftErrors(() => drafts.write(boardId, c.req.param('roundId'), writer, input))
    return c.json(draft, created ? 201 : 200)
  })

  routes.get('/:id/rounds/:roundId/drafts', async (c) => {
    const { board, role } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const reader = { personId: personOf(c), role }
    return c.json(await mapDraftErrors(() => drafts.list(board.id, c.req.param('roundId'), reader)))
  })

  routes.patch('/:id/rounds/:roundId/drafts/:draftId', async (c) => {
    const { boardId, writer } = await writerOf(c)
    const input = await readJson(c, editDraftRequest)
    return c.json(await mapDraftErrors(() => drafts.edit(boardId, c.req.param('roundId'), c.req.param('draftId'), writer, input)))
  })

  routes.delete('/:id/rounds/:roundId/drafts/:draftId', async (c) => {
    const { boardId, writer } = await writerOf(c)
    await mapDraftErrors(() => drafts.remove(boardId, c.req.param('roundId'), c.req.param('draftId'), writer))
    return c.body(null, 204)
  })

  routes.post('/:id/rounds/:roundId/reveal', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'round.run')
    const by = await announcerOf(c)
    return c.json(await mapDraftErrors(() => drafts.revealAll(board.id, c.req.param('roundId'), by)))
  })

  routes.post('/:id/rounds/:roundId/drafts/:draftId/reveal', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'round.run')
    return c.json(await mapDraftErrors(() => drafts.revealOne(board.id, c.req.param('roundId'), c.req.param('draftId'))))
  })

  return routes
}
