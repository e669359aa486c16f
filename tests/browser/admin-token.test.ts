/** A server with ADMIN_TOKEN: the home page asks for it before creating a board, and says when it is wrong. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPerson } from './support.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('creating a board on a server with an admin token', () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => { [server, browser] = await Promise.all([startServer({ env: { ADMIN_TOKEN: 'room-admin-7f3a' } }), launchBrowser()]) })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('asks for the token, refuses a wrong one with a clear message, creates with the right one', async () => {
    const { context, page } = await newPerson(browser, { locale: 'en-GB' })
    await page.goto(server.url)
    const form = page.locator('form.create-board')
    const token = form.getByLabel('Server admin token')
    await token.waitFor()
    await form.getByLabel('Board title').fill('Cooperation in the valley')
    await form.getByRole('button', { name: 'Create the board' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('enter the server admin token')

    await token.fill('wrong')
    await form.getByRole('button', { name: 'Create the board' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('did not accept this admin token')

    await token.fill('room-admin-7f3a')
    await form.getByRole('button', { name: 'Create the board' }).click()
    await page.getByRole('heading', { name: /Board “Cooperation in the valley” created/ }).waitFor()
    await context.close()
  })
})
