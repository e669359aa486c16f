/**
 * The server goes away mid-session: the page says so, keeps the edits made meanwhile, and saves
 * them once the server is back (same port, same data directory).
 */
import { afterAll, beforeAll, test } from 'vitest'
import { startServer } from '../helpers/server.ts'
import { createBoard } from '../helpers/api.ts'
import { inviteLink, joinBoard, newPerson, typeAtEnd, waitForConnection, waitForSaveState, waitForText, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

test('edits made while the server is down are saved when it comes back', async () => {
  const board = await createBoard(env.server.url, 'Redémarrage', 'en')
  const { context, page } = await newPerson(env.browser)
  await joinBoard(page, inviteLink(env.server.url, board.id, board.invites.participant), 'Rita', 'Solidarité')
  await waitForSaveState(page, 'saved')

  await env.server.stop()
  await waitForConnection(page, 'offline')
  await waitForSaveState(page, 'offline')
  await typeAtEnd(page, ' Typed while the server was down.')

  env.server = await startServer({ dataDir: env.server.dataDir, env: { PORT: String(env.server.port) } })
  await waitForConnection(page, 'connected', 15_000)
  await waitForSaveState(page, 'saved')

  // Saved means on the server: a newcomer gets it from there.
  const newcomer = await env.join(board, 'observer', 'Nina', 'Observatoire')
  await waitForText(newcomer.page, 'Typed while the server was down.')

  await context.close()
  await newcomer.context.close()
})
