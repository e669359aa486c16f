/** The formatting toolbar: states via aria-pressed, keyboard use, links limited to safe addresses. */
import { expect, test } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { editorOf, inviteLink, joinBoard, newPerson, typeAtEnd, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

test('toolbar buttons show their state, work from the keyboard, and refuse unsafe links', async () => {
  const board = await createBoard(env.server.url, 'Outils', 'en')
  const { context, page } = await newPerson(env.browser)
  await joinBoard(page, inviteLink(env.server.url, board.id, board.invites.participant), 'Tess', 'Les Amis')
  const toolbar = page.getByRole('toolbar', { name: 'Text formatting' })
  const bold = toolbar.getByRole('button', { name: 'Bold' })

  await typeAtEnd(page, ' ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('strong words')
  await page.waitForFunction(() => document.querySelector('#charter-editor strong')?.textContent === 'strong words')
  expect(await bold.getAttribute('aria-pressed')).toBe('true')

  // One tab stop for the toolbar; arrows move inside it (WAI-ARIA toolbar pattern).
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('End')
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Redo')

  // Links: a javascript: address is refused with a visible message, an https one is applied.
  await editorOf(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Shift+Home')
  await toolbar.getByRole('button', { name: 'Link' }).click()
  const address = page.getByRole('textbox', { name: 'Link address' })
  await address.fill('javascript:alert(1)')
  await page.getByRole('button', { name: 'Apply link' }).click()
  await page.getByRole('alert').getByText('This address is not allowed', { exact: false }).waitFor()
  expect(await page.locator('#charter-editor a').count()).toBe(0)
  await address.fill('www.uniopss.asso.fr')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector('#charter-editor a')?.getAttribute('href') === 'https://www.uniopss.asso.fr')
  expect(await address.count()).toBe(0)

  await context.close()
})

test('changing my details from the header updates what the others see', async () => {
  const board = await createBoard(env.server.url, 'Présence', 'en')
  const me = await env.join(board, 'participant', 'Sam', 'Old Org')
  const other = await env.join(board, 'facilitator', 'Fay', 'Uriopss')
  const presence = other.page.getByRole('region', { name: /Who is here/ })
  await presence.getByText('Old Org · Participant').waitFor()

  await me.page.getByRole('button', { name: /change my name and organisation/ }).click()
  const dialog = me.page.getByRole('dialog', { name: 'Your details' })
  await dialog.getByLabel('Your organisation').fill('New Org')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await presence.getByText('New Org · Participant').waitFor()
  expect(await presence.getByText('Old Org').count()).toBe(0)

  await me.context.close()
  await other.context.close()
})
