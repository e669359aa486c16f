/**
 * `/api/boards/:id/diagnoses/:partnerId`: a partner's strategic diagnosis while it is not shared
 * (kept by the server, out of the board document), and sharing it or taking it back. The rule is
 * 'diagnosis.write' (shared/auth/roles.ts) for reading as for writing: a link bound to that partner,
 * or the facilitator; its scope is checked by the service from the invite, never from the body.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { shareDiagnosisRequest, writeDiagnosisRequest } from '../../shared/api/diagnoses.ts'
import { DiagnosisError, type DiagnosisService } from '../method/diagnosis-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import { requireBoardAccess } from './board-access.ts'
import { readJson } from './read-json.ts'

async function mapDiagnosisErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DiagnosisError) throw new HTTPException(error.status, { message: error.message })
    throw error
  }
}

export function diagnosesRoutes(store: BoardStore, diagnoses: DiagnosisService): Hono {
  const routes = new Hono()

  const callerOf = async (c: Context) => {
    const { board, role, invite } = await requireBoardAccess(c, store, c.req.param('id')!, 'diagnosis.write')
    return { boardId: board.id, partnerId: c.req.param('partnerId')!, caller: { role, boundPartnerId: invite.partnerId } }
  }

  routes.get('/:id/diagnoses/:partnerId', async (c) => {
    const { boardId, partnerId, caller } = await callerOf(c)
    c.header('cache-control', 'no-store')
    return c.json(await mapDiagnosisErrors(() => diagnoses.read(boardId, partnerId, caller)))
  })

  routes.put('/:id/diagnoses/:partnerId', async (c) => {
    const { boardId, partnerId, caller } = await callerOf(c)
    const input = await readJson(c, writeDiagnosisRequest)
    return c.json(await mapDiagnosisErrors(() => diagnoses.write(boardId, partnerId, caller, input)))
  })

  routes.put('/:id/diagnoses/:partnerId/shared', async (c) => {
    const { boardId, partnerId, caller } = await callerOf(c)
    const { shared } = await readJson(c, shareDiagnosisRequest)
    return c.json(await mapDiagnosisErrors(() => diagnoses.setShared(boardId, partnerId, caller, shared)))
  })

  return routes
}
