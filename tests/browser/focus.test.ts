/**
 * Focus goes somewhere sensible: back to the partner's stance button once a stance is recorded or its
 * form left with Esc; back to the button that opened a form or a dialog; and a destructive
 * confirmation (removing a value, restoring, ending a session, forgetting a board) starts on the
 * safe choice.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { seedRealisticBoard } from './realistic-board.ts'
import { inviteLink, joinBoard, newPerson, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

/** What has focus: its tag, its accessible name as the tests see it, and a few data attributes. */
const focused = (page: Page) => page.evaluate(() => {
  const element = document.activeElement as HTMLElement | null
  return {
    tag: element?.tagName.toLowerCase() ?? '',
    text: element?.textContent?.trim() ?? '',
    label: element?.getAttribute('aria-label') ?? '',
    stance: element?.dataset.stanceChange ?? null,
    action: element?.dataset.action ?? null,
  }
})

test('focus after a stance, Esc, and on the safe choice of destructive confirmations', async () => {
  const { board, partnerIds, iteration } = await seedRealisticBoard(env.server, 'en')
  const { context, page } = await newPerson(env.browser, { width: 1280 })
  page.setDefaultTimeout(10_000)
  await joinBoard(page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facil', 'Uriopss')
  const prompt = page.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: /^Facilitation/ }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await prompt.waitFor({ state: 'detached' })

  // Values: a stance recorded from the keyboard puts focus back on that partner's button.
  await page.goto(`${env.server.url}/b/${board.id}?view=values`)
  const value = 'Stay independent'
  const row = page.locator('li[data-value]', { has: page.getByRole('heading', { name: value, exact: true }) })
  const admr = partnerIds[0]!
  const stanceButton = row.locator(`[data-stance-change="${admr}"]`)
  await stanceButton.focus()
  await page.keyboard.press('Enter')
  const form = row.getByRole('group', { name: `Stance of ADMR Loire on “${value}”` })
  await form.getByRole('radio', { name: 'Agrees', exact: true }).waitFor()
  expect((await focused(page)).tag).toBe('input')
  await row.getByRole('button', { name: 'Record' }).click()
  await row.locator(`[data-partner="${admr}"][data-stance="agree"]`).waitFor()
  await expect.poll(async () => (await focused(page)).stance).toBe(admr)

  // Esc in the stance form: closed, focus back on the button.
  await page.keyboard.press('Enter')
  await form.waitFor()
  await page.keyboard.press('Escape')
  await form.waitFor({ state: 'detached' })
  await expect.poll(async () => (await focused(page)).stance).toBe(admr)
  await row.locator(`[data-partner="${admr}"][data-stance="agree"]`).waitFor()

  // Removing a value asks first, focus on Cancel; Esc goes back to the Remove button; nothing removed.
  await row.getByRole('button', { name: `Remove “${value}”` }).click()
  const confirm = row.getByRole('group', { name: `Remove “${value}”` })
  await confirm.waitFor()
  await expect.poll(async () => (await focused(page)).text).toBe('Cancel')
  await page.keyboard.press('Escape')
  await confirm.waitFor({ state: 'detached' })
  await expect.poll(async () => (await focused(page)).action).toBe('remove')
  // Editing: Esc goes back to the Edit button.
  await row.getByRole('button', { name: `Edit “${value}”` }).click()
  await row.getByRole('textbox', { name: 'Value' }).waitFor()
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await focused(page)).action).toBe('edit')
  expect(await row.count()).toBe(1)
  // Removed: focus goes to the next value's heading, not to the page.
  await row.getByRole('button', { name: `Remove “${value}”` }).click()
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click()
  await row.waitFor({ state: 'detached' })
  await expect.poll(async () => (await focused(page)).tag).toBe('h3')

  // Restoring (history) and ending a session: the dialog starts on Cancel; Esc closes it and gives
  // focus back to the button that opened it.
  await page.goto(`${env.server.url}/b/${board.id}?view=history`)
  const restore = page.getByRole('button', { name: new RegExp(`Restore the board to ${iteration.label}`) })
  await restore.click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await expect.poll(async () => (await focused(page)).text).toBe('Cancel')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await expect.poll(async () => (await focused(page)).label).toMatch(/^Restore the board to /)

  await page.goto(`${env.server.url}/b/${board.id}?view=session`)
  const end = page.getByRole('button', { name: 'End the session' })
  await end.click()
  await dialog.waitFor()
  await expect.poll(async () => (await focused(page)).text).toBe('Cancel')
  await dialog.getByRole('button', { name: 'Cancel' }).press('Enter')
  await dialog.waitFor({ state: 'detached' })
  await expect.poll(async () => (await focused(page)).text).toBe('End the session')
  // Ended: its button is gone, focus goes to what came of it.
  await end.click()
  await dialog.getByRole('button', { name: 'End and save the iteration' }).click()
  await expect.poll(async () => (await focused(page)).text).toMatch(/^Session ended\. Iteration saved: Iteration 2/)

  // Forgetting a board on this device: focus on Cancel, Esc back to the Forget button.
  await page.goto(`${env.server.url}/`)
  const forget = page.getByRole('button', { name: /^Forget “.*” on this device$/ })
  await forget.click()
  await expect.poll(async () => (await focused(page)).text).toBe('Cancel')
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await focused(page)).label).toMatch(/^Forget “/)
  await page.getByRole('link', { name: 'Childhood cooperation Loire' }).waitFor()

  await context.close()
}, 90_000)
