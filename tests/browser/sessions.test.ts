/**
 * Sessions and iterations from the browser: the facilitator starts a session, a participant notes a
 * decision, ending the session shows the iteration in History on both pages; a later change shows in
 * "compare since the last iteration"; restoring brings the other page back. Every wait polls.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createBoard } from '../helpers/api.ts'
import { charterText, inviteLink, joinBoard, newPerson, typeAtEnd, waitForSaveState, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name, exact: true }).click()

test('a session ends in an iteration seen by everyone; compare shows a later change; restore brings every page back', async () => {
  const board = await createBoard(env.server.url, 'Comité de pilotage', 'en')
  const facilitator = await newPerson(env.browser)
  const participant = await newPerson(env.browser)
  await joinBoard(facilitator.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss')
  await joinBoard(participant.page, inviteLink(env.server.url, board.id, board.invites.participant), 'Paul Partner', 'ADMR')
  const f = facilitator.page
  const p = participant.page

  // The facilitator starts a session.
  await section(f, 'Session')
  await f.getByLabel('Title').fill('Launch meeting')
  await f.getByRole('radio', { name: 'Phase 2 — Opportunity study' }).check()
  await f.getByLabel('Agenda').fill('Shared values\nInterests map')
  await f.getByRole('button', { name: 'Start the session' }).click()
  await f.getByRole('heading', { name: 'Launch meeting' }).waitFor()

  // The participant sees it and notes a decision; attendance comes from presence.
  await section(p, 'Session')
  await p.getByText('Session under way').waitFor()
  await p.getByLabel('What was decided, or what is to be done').fill('Pool the training budget')
  await p.getByLabel('Owner (who carries it)').fill('Paul')
  await p.getByRole('button', { name: 'Note it' }).click()
  await f.locator('.sess-decision', { hasText: 'Pool the training budget' }).waitFor()
  await f.locator('.sess-person', { hasText: 'Paul Partner' }).waitFor()

  // The facilitator ends it, after confirming.
  await f.getByRole('button', { name: 'End the session' }).click()
  await f.getByRole('dialog').getByRole('button', { name: 'End and save the iteration' }).click()
  await f.getByText(/Iteration saved: Iteration 1 — Steering committee/).waitFor()

  // History on both pages.
  for (const page of [f, p]) {
    await section(page, 'History')
    await page.getByTestId('timeline').locator('[data-kind="iteration"]', { hasText: 'Iteration 1 — Steering committee' }).waitFor()
    await page.getByTestId('timeline').getByText('Paul Partner', { exact: false }).waitFor()
  }
  // Partners still to deliberate are shown (none yet on this board: nothing pending to list).
  expect(await p.getByRole('alert').count()).toBe(0)

  // Open it read-only.
  await p.getByRole('button', { name: /Open Iteration 1 .*read-only/ }).click()
  await p.getByRole('heading', { name: /Iteration 1 .* — read-only/ }).waitFor()
  await p.locator('.hist-view .sess-decision', { hasText: 'Pool the training budget' }).waitFor()
  expect(await p.getByRole('textbox', { name: /Partnership charter, Iteration 1/ }).getAttribute('contenteditable')).toBe('false')

  // A change after the iteration shows in "compare since the last iteration".
  await section(p, 'Charter')
  await typeAtEnd(p, ' Added after the iteration.')
  await waitForSaveState(p, 'saved')
  await f.getByRole('button', { name: 'Compare since the last iteration' }).click()
  const compare = f.getByTestId('compare')
  await compare.locator('ins', { hasText: 'Added after the iteration.' }).waitFor()
  expect(await compare.getByRole('heading', { level: 3 }).textContent()).toContain('the live board')

  // Restore the iteration: the participant's charter goes back.
  await f.getByRole('button', { name: '← Back to the timeline' }).click()
  await f.getByRole('button', { name: /Restore the board to Iteration 1/ }).click()
  const dialog = f.getByRole('dialog')
  await dialog.getByText('restore point', { exact: false }).first().waitFor()
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
  await f.getByText(/The board is back to Iteration 1/).waitFor()
  await f.getByText(/The state before was kept: Before restoring/).waitFor()
  await p.waitForFunction(() => {
    const editor = document.querySelector('#charter-editor')
    return editor !== null && !(editor.textContent ?? '').includes('Added after the iteration.')
  }, undefined, { timeout: 10_000 })
  expect(await charterText(p)).not.toContain('Added after the iteration.')
  await f.getByTestId('timeline').locator('[data-kind="restore-point"]').waitFor()

  await facilitator.context.close()
  await participant.context.close()
}, 60_000)
