/**
 * Offline: edits made without a connection are kept on the device and merge on reconnect; a page
 * reloaded while offline shows the last state (service worker + IndexedDB + cached metadata).
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { waitFor } from '../helpers/wait-for.ts'
import { createBoard } from '../helpers/api.ts'
import { charterText, typeAtEnd, waitForConnection, waitForSaveState, waitForText, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

/** The service worker controls the page and holds the board chunk, so a reload works offline. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false
    const keys = await (await caches.open('atelier-v1')).keys()
    const paths = keys.map((request) => new URL(request.url).pathname)
    return paths.includes('/index.html') && paths.some((path) => /\/assets\/BoardPage-.*\.js$/.test(path))
  }, null, { timeout: 10_000, polling: 100 })
}

/** How many Yjs updates y-indexeddb holds for the board in this page's browser profile. */
function storedUpdates(page: Page, boardId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`atelier-board-${id}`)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('updates').objectStore('updates').count()
      request.onsuccess = () => resolve(request.result)
    })
    db.close()
    return count
  }, boardId)
}

test('edits made offline are kept, merge with the others on reconnect, and survive an offline reload', async () => {
  const board = await createBoard(env.server.url, 'Mutualisation', 'en')
  const away = await env.join(board, 'participant', 'Awa Diallo', 'Association Les Tilleuls')
  const here = await env.join(board, 'facilitator', 'Hugo Bernard', 'Uriopss')
  await waitForSaveState(away.page, 'saved')

  await away.context.setOffline(true)
  await waitForConnection(away.page, 'offline')
  await waitForSaveState(away.page, 'offline')
  await away.page.locator('[data-save]', { hasText: 'Offline — changes kept on this device' }).waitFor()

  await typeAtEnd(away.page, ' Written on the train.')
  await typeAtEnd(here.page, ' Written in the meeting room.')
  await waitForSaveState(here.page, 'saved')

  await away.context.setOffline(false)
  await waitForConnection(away.page, 'connected')
  await waitForText(away.page, 'Written in the meeting room.')
  await waitForText(here.page, 'Written on the train.')
  await waitForSaveState(away.page, 'saved')
  expect(await charterText(away.page)).toBe(await charterText(here.page))

  // Reload while offline: the page comes from the service worker, the charter from IndexedDB.
  await waitForOfflineReady(away.page)
  await away.context.setOffline(true)
  const stored = await storedUpdates(away.page, board.id)
  await typeAtEnd(away.page, ' Kept across a reload.')
  // Reload only once the edit is in IndexedDB (a reload can abort a write still in flight).
  await waitFor(async () => expect(await storedUpdates(away.page, board.id)).toBeGreaterThan(stored))
  const response = await away.page.reload()
  expect(response?.fromServiceWorker()).toBe(true)
  await away.page.getByRole('heading', { level: 1, name: 'Mutualisation', exact: true }).waitFor()
  await waitForText(away.page, 'Kept across a reload.')
  await waitForText(away.page, 'Written in the meeting room.')
  await waitForConnection(away.page, 'offline')

  // And back online, the edit made before the reload reaches the others.
  await away.context.setOffline(false)
  await waitForText(here.page, 'Kept across a reload.')
  await waitForSaveState(away.page, 'saved')

  await away.context.close()
  await here.context.close()
})
