/**
 * Sessions and iterations from the browser: the facilitator starts a session, a participant notes a
 * decision, ending the session shows the iteration in History on both pages; opening it shows the
 * live board's views of it, read-only and as it was (a value's status changed since stays as it was);
 * a later change shows in "compare since the last iteration"; restoring brings the other page back.
 * Every wait polls.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createBoard } from '../helpers/api.ts'
import { charterText, typeAtEnd, waitForSaveState, useBrowserAndServer, openSection } from './support.ts'

const env = useBrowserAndServer()

const section = (page: Page, name: string) => openSection(page, name)
const valueRow = (page: Page, text: string, scope: Pick<Page, 'locator'> = page) =>
  scope.locator('li[data-value]', { has: page.getByRole('heading', { name: text, exact: true }) })

test('a session ends in an iteration seen by everyone; compare shows a later change; restore brings every page back', async () => {
  const board = await createBoard(env.server.url, 'Comité de pilotage', 'en')
  const facilitator = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  const participant = await env.join(board, 'participant', 'Paul Partner', 'ADMR')
  const f = facilitator.page
  const p = participant.page
  // Nothing may write to an opened snapshot's doc (useSnapshotDoc reports it on the console).
  const consoleErrors: string[] = []
  p.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()) })

  // A partner and a value, still open (nobody took a stance yet).
  const value = 'Put the users first'
  const prompt = f.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: /^Facilitation/ }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await section(f, 'Partners')
  await f.getByRole('button', { name: 'Add a partner' }).click()
  const partnerForm = f.getByRole('form', { name: 'New partner' })
  await partnerForm.getByLabel('Name', { exact: true }).fill('ADMR Loire')
  await partnerForm.getByRole('button', { name: 'Add the partner' }).click()
  await section(f, 'Values')
  await f.getByLabel('Value', { exact: true }).fill(value)
  await f.getByRole('button', { name: 'Propose the value' }).click()
  await valueRow(f, value).and(f.locator('[data-status="open"]')).waitFor()

  // The facilitator starts a session.
  await section(f, 'Session')
  await f.getByLabel('Title').fill('Launch meeting')
  await f.getByRole('radio', { name: 'Phase 2 — Opportunity study' }).check()
  await f.getByLabel('Agenda').fill('Shared values\nInterests map')
  await f.getByRole('button', { name: 'Start the session' }).click()
  await f.getByRole('heading', { name: 'Launch meeting' }).waitFor()

  // The participant sees it; the facilitator notes a decision (the session's record is the
  // facilitator's); attendance comes from presence.
  await section(p, 'Session')
  await p.getByText('Session under way').waitFor()
  expect(await p.getByLabel('What was decided, or what is to be done').count()).toBe(0)
  await f.getByLabel('What was decided, or what is to be done').fill('Pool the training budget')
  await f.getByLabel('Owner (who carries it)').fill('Paul')
  await f.getByRole('button', { name: 'Note it' }).click()
  await p.locator('.sess-decision', { hasText: 'Pool the training budget' }).waitFor()
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
  // The partner has still to deliberate on it; no error shows.
  await p.getByTestId('pending-deliberations').getByText('ADMR Loire').waitFor()
  expect(await p.getByRole('alert').count()).toBe(0)

  // After the iteration, the value is adopted on the live board.
  await section(f, 'Values')
  const liveRow = valueRow(f, value)
  await liveRow.getByRole('button', { name: /Stance of ADMR Loire/ }).click()
  await liveRow.getByRole('radio', { name: 'Agrees', exact: true }).check()
  await liveRow.getByRole('button', { name: 'Record' }).click()
  await liveRow.and(f.locator('[data-status="adopted"]')).waitFor()
  await section(f, 'History')

  // Open it read-only: its session record first, then the board's own views of it.
  await p.getByRole('button', { name: /Open \(read-only\): Iteration 1/ }).click()
  await p.getByRole('heading', { name: /Iteration 1 .* — read-only/ }).waitFor()
  const iteration = p.getByTestId('snapshot-view')
  const views = p.getByRole('navigation', { name: /^Views of Iteration 1/ })
  await iteration.locator('.sess-decision', { hasText: 'Pool the training budget' }).waitFor()
  expect(new URL(p.url()).searchParams.get('open')).toBeTruthy()

  // Values, as they were: still open, and nothing to propose, vote or take a stance with.
  await views.getByRole('link', { name: 'Values', exact: true }).click()
  await p.locator('.hist-nav [aria-current="page"]', { hasText: 'Values' }).waitFor()
  expect(new URL(p.url()).searchParams.get('section')).toBe('values')
  const pastRow = valueRow(p, value, iteration)
  await pastRow.and(p.locator('[data-status="open"]')).waitFor()
  await pastRow.locator('[data-partner][data-stance="undecided"]').waitFor()
  expect(await iteration.getByRole('button', { name: /Propose|Stance of|Vote|Add a dot/ }).count()).toBe(0)
  expect(await iteration.getByRole('textbox').count()).toBe(0)
  expect(await iteration.getByText('Which partner do you speak for?').count()).toBe(0)

  // Its charter: the same editor, not editable, named after the iteration.
  await views.getByRole('link', { name: 'Charter', exact: true }).click()
  const pastCharter = p.getByRole('textbox', { name: /Partnership charter, Iteration 1/ })
  await pastCharter.waitFor()
  expect(await pastCharter.getAttribute('contenteditable')).toBe('false')
  expect(await pastCharter.getAttribute('aria-readonly')).toBe('true')

  // Interests and partners too; back goes to the previous view, then to the timeline.
  await views.getByRole('link', { name: 'Partners', exact: true }).click()
  await iteration.getByRole('heading', { name: 'ADMR Loire' }).waitFor()
  expect(await iteration.getByRole('button', { name: /Add a partner|Edit/ }).count()).toBe(0)
  await views.getByRole('link', { name: 'Interests', exact: true }).click()
  await iteration.getByTestId('interests-section').waitFor()
  await p.goBack()
  await iteration.getByRole('heading', { name: 'ADMR Loire' }).waitFor()
  await p.goBack()
  await pastCharter.waitFor()
  expect(consoleErrors.filter((text) => text.includes('snapshot doc'))).toEqual([])

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
