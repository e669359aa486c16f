/** `/api/boards`: create a board, read what a token may see of it. */
import { Hono } from 'hono'
import { createBoardRequest, type BoardResponse, type CreateBoardResponse } from '../../shared/api/boards.ts'
import { initialBoardState } from '../../shared/board/new-board.ts'
import { pickLanguage, isLanguage } from '../../shared/i18n/language.ts'
import { newBoardId } from '../auth/tokens.ts'
import { boardInvitesResponse, issueBoardInvites } from '../invites/invite-service.ts'
import { DIAGNOSES_PRIVATE_MARK } from '../method/diagnosis-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import { linkBase, requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'
import { log } from '../log.ts'

export function boardsRoutes(store: BoardStore, publicUrl: string | null): Hono {
  const boards = new Hono()

  boards.post('/', async (c) => {
    const request = await readJson(c, createBoardRequest)
    const language = request.language ?? pickLanguage(c.req.header('accept-language'))
    const id = newBoardId()
    const createdAt = new Date().toISOString()
    const issued = issueBoardInvites(createdAt)
    // The charter template is written here, once: never by a client, so reloads can't duplicate it.
    await store.createBoard(
      { id, title: request.title, language, createdAt },
      issued.map((invite) => invite.record),
      initialBoardState(language, request.title),
      // Nothing to move out at its first load: a new board never held a diagnosis in its document.
      { marks: [{ mark: DIAGNOSES_PRIVATE_MARK, at: createdAt }] },
    )
    log('info', 'board created', { board: id, language })
    return c.json(boardInvitesResponse(id, issued, linkBase(c, publicUrl)) satisfies CreateBoardResponse, 201)
  })

  boards.get('/:id', async (c) => {
    const { board, role, invite } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    return c.json({
      id: board.id,
      title: board.title,
      createdAt: board.createdAt,
      role,
      language: isLanguage(board.language) ? board.language : pickLanguage(board.language),
      inviteId: invite.id,
      partnerId: invite.partnerId,
    } satisfies BoardResponse)
  })

  return boards
}
