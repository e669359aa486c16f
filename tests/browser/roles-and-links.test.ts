/** Roles seen from the browser: observers read only; a bad link says so; the home page creates boards. */
import { expect, test } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { editorOf, inviteLink, newPerson, typeAtEnd, waitForSaveState, waitForText, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

test('an observer link opens a read-only charter, and the observer is visible to the others', async () => {
  const board = await createBoard(env.server.url, 'Observatoire', 'en')
  const observer = await env.join(board, 'observer', 'Olga Observer', 'Conseil départemental')
  const participant = await env.join(board, 'participant', 'Paul Partner', 'ADMR')

  const editor = editorOf(observer.page)
  expect(await editor.getAttribute('contenteditable')).toBe('false')
  expect(await editor.getAttribute('aria-readonly')).toBe('true')
  expect(await observer.page.getByRole('toolbar').count()).toBe(0)
  await waitForSaveState(observer.page, 'view-only')
  await observer.page.locator('[data-save]', { hasText: 'View only' }).waitFor()

  await participant.page.getByRole('region', { name: /Who is here/ }).getByText('Conseil départemental · Observer').waitFor()
  await typeAtEnd(participant.page, ' Seen by the observer.')
  await waitForText(observer.page, 'Seen by the observer.')

  await observer.context.close()
  await participant.context.close()
})

test('a wrong invite link says it is not valid, without showing the board', async () => {
  const board = await createBoard(env.server.url, 'Secret', 'en')
  const stranger = await newPerson(env.browser)
  await stranger.page.goto(inviteLink(env.server.url, board.id, 'not-a-real-token-000000000000000'))
  await stranger.page.getByRole('alert').getByText('This invite link is not valid (any more).', { exact: false }).waitFor()
  expect(await stranger.page.getByText('Secret').count()).toBe(0)
  await stranger.context.close()
})

test('the home page creates a board, shows its three invite links with copy, in French', async () => {
  const { context, page } = await newPerson(env.browser, { locale: 'fr-FR', width: 375 })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(env.server.url)
  // The editor is not part of the home page.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('BoardPage')))).toBe(false)

  await page.getByRole('button', { name: 'Créer le tableau' }).click()
  await page.getByRole('alert').getByText('Donnez un titre au tableau.').waitFor()

  await page.getByLabel('Titre du tableau').fill('Coopération Val-de-Loire')
  await page.getByRole('button', { name: 'Créer le tableau' }).click()
  await page.getByRole('heading', { name: 'Tableau « Coopération Val-de-Loire » créé' }).waitFor()
  for (const role of ['Animateur·rice', 'Participant·e', 'Observateur·rice']) {
    const link = await page.getByRole('textbox', { name: `Lien d’invitation ${role}` }).inputValue()
    expect(link).toMatch(new RegExp(`^${env.server.url}/b/[A-Za-z0-9_-]+#token=.+`))
  }
  await page.getByRole('button', { name: 'Copier le lien d’invitation Participant·e' }).click()
  await page.getByText('✓ Copié').waitFor()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(await page.getByRole('textbox', { name: 'Lien d’invitation Participant·e' }).inputValue())

  // Listed on this device, and switching language is remembered.
  await page.getByRole('region', { name: 'Tableaux ouverts sur cet appareil' }).getByRole('link', { name: 'Coopération Val-de-Loire' }).waitFor()
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { name: 'Boards opened on this device' }).waitFor()
  await page.reload()
  await page.getByRole('heading', { name: 'Boards opened on this device' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

  // Forgetting asks first, then removes the board (and its token) from this device.
  await page.getByRole('button', { name: 'Forget “Coopération Val-de-Loire” on this device' }).click()
  await page.getByRole('group', { name: 'Forget “Coopération Val-de-Loire” on this device' }).getByRole('button', { name: 'Forget' }).click()
  await page.getByText('No board yet.', { exact: false }).waitFor()
  expect(await page.evaluate(() => localStorage.getItem('atelier.boards'))).toBe('{}')
  await context.close()
})
