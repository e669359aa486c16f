/**
 * The server goes away mid-session: the page says so, keeps the edits made meanwhile, and saves
 * them once the server is back (same port, same data directory).
 */
import { afterAll, beforeAll, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { startServer, type TestServer } from '../helpers/server.ts'
import { createBoard } from '../helpers/api.ts'
import { inviteLink, joinBoard, launchBrowser, newPerson, typeAtEnd, waitForConnection, waitForSaveState, waitForText } from './support.ts'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('edits made while the server is down are saved when it comes back', async () => {
  const board = await createBoard(server.url, 'Redémarrage', 'en')
  const { context, page } = await newPerson(browser)
  await joinBoard(page, inviteLink(server.url, board.id, board.invites.participant), 'Rita', 'Solidarité')
  await waitForSaveState(page, 'saved')

  await server.stop()
  await waitForConnection(page, 'offline')
  await waitForSaveState(page, 'offline')
  await typeAtEnd(page, ' Typed while the server was down.')

  server = await startServer({ dataDir: server.dataDir, env: { PORT: String(server.port) } })
  await waitForConnection(page, 'connected', 15_000)
  await waitForSaveState(page, 'saved')

  // Saved means on the server: a newcomer gets it from there.
  const newcomer = await newPerson(browser)
  await joinBoard(newcomer.page, inviteLink(server.url, board.id, board.invites.observer), 'Nina', 'Observatoire')
  await waitForText(newcomer.page, 'Typed while the server was down.')

  await context.close()
  await newcomer.context.close()
})
