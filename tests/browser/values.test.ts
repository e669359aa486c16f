/**
 * Partners and shared values across two pages: one adds partners and a value, the other speaks for
 * a partner and takes its stance; both see the derived status; adopted values go into the charter.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createBoard, createPartnerLink } from '../helpers/api.ts'
import { inviteLink, joinBoard, newPerson, waitForText, useBrowserAndServer, openSection } from './support.ts'

const env = useBrowserAndServer()

const valueRow = (page: Page, text: string) => page.locator('li[data-value]', { has: page.getByRole('heading', { name: text, exact: true }) })
const waitForStatus = (page: Page, text: string, status: 'open' | 'adopted' | 'contested') =>
  valueRow(page, text).and(page.locator(`[data-status="${status}"]`)).waitFor()
const speakFor = async (page: Page, option: string) => {
  const prompt = page.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: option }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await page.locator('.speaks-for', { hasText: option.replace(/ \(.*\)$/, '') }).waitFor()
}

async function addPartner(page: Page, name: string, shortName: string, color: string) {
  await page.getByRole('button', { name: 'Add a partner' }).click()
  const form = page.getByRole('form', { name: 'New partner' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('Short name (optional)').fill(shortName)
  await form.getByRole('radio', { name: color }).check()
  await form.getByLabel('Kind').selectOption('association')
  await form.getByRole('button', { name: 'Add the partner' }).click()
  await page.getByRole('list', { name: 'Partners' }).getByRole('heading', { name }).waitFor()
}

async function setStance(page: Page, value: string, partner: string, stance: string, text?: string) {
  const row = valueRow(page, value)
  await row.getByRole('button', { name: new RegExp(`Stance of ${partner} on “${value}”`) }).click()
  const form = row.getByRole('group', { name: `Stance of ${partner} on “${value}”` })
  await form.getByRole('radio', { name: stance, exact: true }).check()
  if (text !== undefined) await row.getByRole('textbox', { name: /required/ }).fill(text)
  await row.getByRole('button', { name: 'Record' }).click()
}

test('partners, stances and the derived status seen live by two pages; adopted values go into the charter', async () => {
  const board = await createBoard(env.server.url, 'Valeurs', 'en')
  const facilitator = await env.join(board, 'facilitator', 'Fanny Facil', 'Uriopss')
  const f = facilitator.page
  // Fail on the step that hangs, not on the test's timeout.
  f.setDefaultTimeout(10_000)

  // The facilitator speaks for facilitation and adds two partners.
  await speakFor(f, 'Facilitation (I lead the workshop, I am not a partner)')
  await openSection(f, 'Partners')
  expect(new URL(f.url()).search).toBe('?view=partners')
  await addPartner(f, 'ADMR Loire', 'ADMR', 'Orange')
  await addPartner(f, 'APF France handicap', 'APF', 'Green')

  // A stance is a partner's formal act: the participant joins by ADMR's own link, which sets whom it
  // speaks for; presence shows it on the other page.
  const admrId = await f.locator('[data-partner]', { hasText: 'ADMR Loire' }).first().getAttribute('data-partner')
  const admrLink = await createPartnerLink(env.server.url, board.id, board.invites.facilitator, admrId!)
  const participant = await newPerson(env.browser, { width: 375 })
  const p = participant.page
  p.setDefaultTimeout(10_000)
  await joinBoard(p, inviteLink(env.server.url, board.id, admrLink), 'Paul Partner', 'ADMR Loire')
  await f.getByRole('region', { name: /Who is here/ }).getByText('ADMR Loire · Participant').waitFor()

  // A value proposed on one page appears, open, on the other.
  const value = 'Agree together on how our associations are governed'
  await openSection(f, 'Values')
  await f.getByLabel('Value', { exact: true }).fill(value)
  await f.getByLabel('Explanation (optional)').fill('Every decision starts from what users need.')
  await f.getByRole('button', { name: 'Propose the value' }).click()
  await openSection(p, 'Values')
  await waitForStatus(p, value, 'open')
  await valueRow(p, value).getByText('Every decision starts from what users need.').waitFor()

  // The participant may only change its own partner's stance.
  expect(await valueRow(p, value).getByRole('button', { name: /Stance of APF France handicap/ }).count()).toBe(0)
  await setStance(p, value, 'ADMR Loire', 'Agrees')
  await valueRow(f, value).locator('[data-stance="agree"]').waitFor()
  await waitForStatus(f, value, 'open')

  // The facilitator records APF's agreement: adopted on both pages.
  await setStance(f, value, 'APF France handicap', 'Agrees')
  await waitForStatus(f, value, 'adopted')
  await waitForStatus(p, value, 'adopted')
  await valueRow(p, value).getByText('Adopted').waitFor()

  // An objection needs its reason; then the value is contested, the reason visible to all.
  await valueRow(p, value).getByRole('button', { name: /Stance of ADMR Loire/ }).click()
  await valueRow(p, value).getByRole('radio', { name: 'Objects', exact: true }).check()
  await valueRow(p, value).getByRole('button', { name: 'Record' }).click()
  await valueRow(p, value).getByRole('alert').getByText('Say why the partner objects.').waitFor()
  await valueRow(p, value).getByRole('textbox', { name: /required/ }).fill('Users must be involved, not only at the heart.')
  await valueRow(p, value).getByRole('button', { name: 'Record' }).click()
  await waitForStatus(f, value, 'contested')
  await waitForStatus(p, value, 'contested')
  await valueRow(f, value).getByText('Users must be involved, not only at the heart.').waitFor()
  await valueRow(f, value).getByText('Contested').waitFor()

  // A reservation keeps its text and adopts the value.
  await setStance(p, value, 'ADMR Loire', 'Agrees with a reservation', 'Involve users in the steering committee.')
  await waitForStatus(f, value, 'adopted')
  await valueRow(f, value).getByText('Involve users in the steering committee.').waitFor()

  // Filter by status.
  await f.getByRole('group', { name: 'Show' }).getByRole('button', { name: /Contested/ }).click()
  await f.getByText('No value with this status.').waitFor()
  await f.getByRole('group', { name: 'Show' }).getByRole('button', { name: /All/ }).click()

  // The charter says which adopted value it lacks; inserting it shows in the other page's editor.
  await openSection(p, 'Charter')
  await p.getByTestId('charter-values-missing').getByText(value).waitFor()
  await f.getByRole('button', { name: 'Insert adopted values into the charter' }).click()
  await waitForText(p, value)
  await p.getByTestId('charter-values-missing').waitFor({ state: 'detached' })
  expect(await f.getByTestId('charter-values-missing').count()).toBe(0)

  await facilitator.context.close()
  await participant.context.close()
}, 60_000)

test('values reorder by keyboard with an announcement, and merge without losing what was merged', async () => {
  const board = await createBoard(env.server.url, 'Ordre', 'en')
  const facilitator = await env.join(board, 'facilitator', 'Fanny Facil', 'Uriopss')
  const observer = await env.join(board, 'observer', 'Olga Observer', 'Département')
  const f = facilitator.page
  const o = observer.page
  await speakFor(f, 'Facilitation (I lead the workshop, I am not a partner)')
  await openSection(f, 'Values')
  for (const text of ['Be an actor, not only a provider', 'Question ourselves', 'Be able to question ourselves']) {
    await f.getByLabel('Value', { exact: true }).fill(text)
    await f.getByRole('button', { name: 'Propose the value' }).click()
    await valueRow(f, text).waitFor()
  }
  await openSection(o, 'Values')
  const order = (page: Page) => page.locator('li[data-value] h3').allTextContents()
  await expect.poll(() => order(o)).toEqual(['Be an actor, not only a provider', 'Question ourselves', 'Be able to question ourselves'])
  // Observers read only.
  expect(await o.getByRole('button', { name: /Move|Merge|Propose/ }).count()).toBe(0)

  // Keyboard: the move button keeps focus and the new place is announced.
  await valueRow(f, 'Be able to question ourselves').getByRole('button', { name: 'Move up: “Be able to question ourselves”' }).focus()
  await f.keyboard.press('Enter')
  await expect.poll(() => order(o)).toEqual(['Be an actor, not only a provider', 'Be able to question ourselves', 'Question ourselves'])
  await expect.poll(() => f.getByTestId('values-announcer').textContent()).toBe('“Be able to question ourselves” is now number 2 of 3.')
  expect(await f.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('up')
  await f.keyboard.press('Alt+ArrowDown')
  await expect.poll(() => order(o)).toEqual(['Be an actor, not only a provider', 'Question ourselves', 'Be able to question ourselves'])

  // Merge: the source disappears, and is listed on the target with its text.
  await valueRow(f, 'Question ourselves').getByRole('button', { name: 'Merge “Question ourselves” into another value' }).click()
  await f.getByLabel('Merge “Question ourselves” into').selectOption({ label: 'Be able to question ourselves' })
  await f.getByRole('button', { name: 'Merge', exact: true }).click()
  await expect.poll(() => order(o)).toEqual(['Be an actor, not only a provider', 'Be able to question ourselves'])
  const target = valueRow(o, 'Be able to question ourselves')
  await target.getByText('Merged into this value (1)').click()
  await target.getByText('“Question ourselves”').waitFor()

  await facilitator.context.close()
  await observer.context.close()
})
