/**
 * The Method section with the keyboard alone, and a diagnosis's privacy across partners' pages: the
 * facilitator makes phase 2 current and ticks a step with keys; a participant bound to ADMR writes
 * ADMR's diagnosis (saved to the server, said as saved); the facilitator reads it; a participant
 * bound to APF does not see it until ADMR shares it (also with a key), then does, until ADMR takes
 * it back. No accessibility violation on either page. And the place for logos in Partners:
 * the facilitator picks a file through its labelled input and sees it; a participant gets no control.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addPartner } from '../../shared/board/partners.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard, createPartnerLink } from '../helpers/api.ts'
import { pngImage } from '../helpers/images.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { expectNoAxeViolations } from './axe.ts'
import { inviteLink, joinBoard, newPerson, openSection, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

/** Focuses a control and presses keys on it, as someone tabbing through the page would. */
async function press(page: Page, locator: ReturnType<Page['locator']>, key: string): Promise<void> {
  await locator.focus()
  await page.keyboard.press(key)
}

const diagnosisCard = (page: Page, partnerId: string) => page.locator(`[data-diagnosis="${partnerId}"]`)
const PROJECT = 'Home help for rural families, run with 300 volunteers'

test('the Method section by keyboard; a diagnosis seen from another partner’s page only once shared', async () => {
  const board = await createBoard(env.server.url, 'Loire cooperation', 'en')
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator)
  await waitSynced(seeder)
  const fanny = testActor('Fanny', 'facilitation', 'facilitator')
  const admr = addPartner(seeder.doc, fanny, { name: 'ADMR Loire' })
  const apf = addPartner(seeder.doc, fanny, { name: 'APF France handicap' })
  // A link is bound to a partner the server has: createPartnerLink waits for the seeder's change to reach it.
  const admrLink = await createPartnerLink(env.server.url, board.id, board.invites.facilitator, admr)
  const apfLink = await createPartnerLink(env.server.url, board.id, board.invites.facilitator, apf)

  const { page: f } = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  f.setDefaultTimeout(10_000)
  const prompt = f.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: /^Facilitation/ }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  seeder.destroy()

  // The facilitator: phase 2 made current, a step ticked, with keys only.
  await openSection(f, 'Method')
  const method = f.getByTestId('method-section')
  await press(f, method.getByRole('button', { name: 'Make Phase 2 — Opportunity study the current phase' }), 'Enter')
  await method.locator('section[data-phase="2"].method-phase--current').waitFor()
  await f.getByTestId('current-phase').filter({ hasText: 'Phase 2 — Opportunity study' }).waitFor()
  const step = method.getByRole('checkbox', { name: 'Strategic diagnosis of each partner' })
  await press(f, step, 'Space')
  await expect.poll(() => step.isChecked()).toBe(true)
  await expectNoAxeViolations(f, 'the Method section (facilitator)', '[data-testid="method-section"]')

  // ADMR's participant writes its diagnosis: typed, saved to the server as it is typed (it is not
  // on the board until shared), the save said next to it.
  const a = await newPerson(env.browser)
  a.page.setDefaultTimeout(10_000)
  await joinBoard(a.page, inviteLink(env.server.url, board.id, admrLink), 'Anne ADMR', 'ADMR Loire')
  await openSection(a.page, 'Method')
  const project = a.page.getByRole('textbox', { name: 'Its project (ADMR Loire)' })
  await project.focus()
  await a.page.keyboard.type(PROJECT)
  await a.page.keyboard.press('Tab')
  await diagnosisCard(a.page, admr).getByRole('status').filter({ hasText: 'Saved, not shared.' }).waitFor()
  await diagnosisCard(a.page, admr).getByText('only people whose link is bound to ADMR Loire and the facilitator can read it', { exact: false }).waitFor()
  // Not ADMR's to write: APF's card shows no field on Anne's page.
  expect(await diagnosisCard(a.page, apf).getByRole('textbox').count()).toBe(0)
  // The step the facilitator ticked, seen here.
  await expect.poll(() => a.page.getByTestId('method-section').getByRole('checkbox', { name: 'Strategic diagnosis of each partner' }).isChecked()).toBe(true)

  // APF's participant: ADMR's diagnosis is not shared yet, its words nowhere on the page.
  const b = await newPerson(env.browser)
  b.page.setDefaultTimeout(10_000)
  await joinBoard(b.page, inviteLink(env.server.url, board.id, apfLink), 'Bruno APF', 'APF France handicap')
  await openSection(b.page, 'Method')
  await diagnosisCard(b.page, admr).getByText('Not shared yet.').waitFor()
  // The facilitator reads it from the server (a page opened after the save); APF's page has none of it.
  await f.reload()
  await openSection(f, 'Method')
  await expect.poll(() => f.getByTestId('method-section').getByRole('textbox', { name: 'Its project (ADMR Loire)' }).inputValue()).toBe(PROJECT)
  expect(await b.page.getByText(PROJECT).count()).toBe(0)
  expect(await b.page.content()).not.toContain(PROJECT)

  // ADMR shares it with a key; APF's page shows it, and the focus stays on the checkbox.
  const share = a.page.getByRole('checkbox', { name: 'Share the diagnosis of ADMR Loire with the other partners' })
  await press(a.page, share, 'Space')
  await diagnosisCard(b.page, admr).getByText(PROJECT).waitFor()
  await diagnosisCard(b.page, admr).getByText('Shared', { exact: true }).waitFor()
  await expect.poll(() => share.evaluate((element) => element === document.activeElement)).toBe(true)
  await expectNoAxeViolations(b.page, 'the Method section (another partner’s participant)', '[data-testid="method-section"]')
  await expectNoAxeViolations(a.page, 'the Method section (the partner’s own participant)', '[data-testid="method-section"]')

  // Taken back with the same key: gone from APF's page, kept by the server for ADMR.
  await diagnosisCard(a.page, admr).getByText('What the others already saw stays in the iterations kept meanwhile.', { exact: false }).waitFor()
  await a.page.keyboard.press('Space')
  await diagnosisCard(b.page, admr).getByText('Not shared yet.').waitFor()
  expect(await b.page.getByText(PROJECT).count()).toBe(0)
  await expect.poll(() => project.inputValue()).toBe(PROJECT)

  // Logos: the facilitator picks the network's through its labelled file input and sees it.
  await openSection(f, 'Partners')
  const logos = f.getByTestId('logo-settings')
  await logos.getByLabel('Choose a logo for The network (facilitation) (PNG or JPEG)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(pngImage(120, 40)) })
  await logos.getByRole('img', { name: 'Logo of The network (facilitation)' }).waitFor()
  await f.getByRole('status').filter({ hasText: 'Logo of The network (facilitation) saved.' }).waitFor({ state: 'attached' })
  // A file that is not an image: refused, said next to the control.
  await logos.getByLabel('Choose a logo for ADMR Loire (PNG or JPEG)').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') })
  await logos.getByRole('alert').filter({ hasText: 'This file is not a PNG or JPEG image.' }).waitFor()
  await expectNoAxeViolations(f, 'the logos of the reports (facilitator)', '[data-testid="logo-settings"]')
  // A participant sees the logo, and no control to change it.
  await openSection(b.page, 'Partners')
  const seen = b.page.getByTestId('logo-settings')
  await seen.getByRole('img', { name: 'Logo of The network (facilitation)' }).waitFor()
  expect(await seen.getByLabel(/Choose a logo/).count()).toBe(0)
  await expectNoAxeViolations(b.page, 'the logos of the reports (participant)', '[data-testid="logo-settings"]')
})
