/**
 * The compte rendu from the browser: during a session the facilitator writes the minutes of an
 * agenda item, adds someone who sent apologies (with their role), and the meeting's place and times;
 * ending the session offers the report at once; History offers it on the iteration's line; the
 * minutes completed after the meeting are in the report downloaded then. Everything by keyboard
 * where a person would (typing, Tab to leave a field, Enter on buttons).
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createBoard } from '../helpers/api.ts'
import { axeViolations, formatViolations } from './axe.ts'
import { facilitatorWithPartner, openSection, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

async function download(page: Page, button: Locator): Promise<{ fileName: string; bytes: Buffer }> {
  await button.focus()
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
}

test('the report is one click from the end of a session and from History, with the minutes, attendance and details typed', async () => {
  const board = await createBoard(env.server.url, 'Loire cooperation', 'en')
  const f = await facilitatorWithPartner(env, board, 'ADMR Loire')

  await openSection(f, 'Session')
  await f.getByLabel('Title').fill('Spring steering committee')
  await f.getByLabel('Agenda').fill('Shared budget')
  await f.getByRole('button', { name: 'Start the session' }).click()
  await f.getByRole('heading', { name: 'Spring steering committee' }).waitFor()

  // The minutes of an agenda item, saved on leaving the field.
  await f.getByLabel('Minutes of “Shared budget”').fill('The treasurer presented the budget.')
  await f.keyboard.press('Tab')
  // Someone who sent apologies, with their role.
  const addPerson = f.getByRole('form', { name: 'Add a person' })
  await addPerson.getByLabel('Name').fill('Claire Roux')
  await addPerson.getByLabel('Role or body').fill('director')
  await addPerson.getByLabel('Attendance').selectOption('excused')
  await addPerson.getByLabel('Partner').selectOption({ label: 'ADMR Loire' })
  await addPerson.getByRole('button', { name: 'Add a person' }).press('Enter')
  await f.locator('.sess-person[data-status="excused"]', { hasText: 'Claire Roux' }).waitFor()
  // The meeting's details.
  const minutes = f.getByRole('region', { name: 'For the report' })
  await minutes.getByLabel('Place', { exact: true }).first().fill('Town hall, Roanne')
  await minutes.getByLabel('Start time').fill('14:00')
  await minutes.getByLabel('End time').fill('17:30')
  await minutes.getByRole('button', { name: 'Save' }).press('Enter')
  await minutes.getByText('Saved.').waitFor()
  // The running session with its new fields: no accessibility violation.
  expect(formatViolations(await axeViolations(f, '[data-testid="session-section"]'))).toEqual('')

  await f.getByRole('button', { name: 'End the session' }).click()
  await f.getByRole('dialog').getByRole('button', { name: 'End and save the iteration' }).click()
  await f.getByText(/Iteration saved: Iteration 1 — Steering committee/).waitFor()

  // One click from the end of the session.
  const ended = f.getByRole('status').filter({ hasText: 'Iteration saved' })
  const markdown = await download(f, ended.getByRole('button', { name: /Download the session report of Iteration 1 .* as Markdown/ }))
  expect(markdown.fileName).toMatch(/\.md$/)
  const text = markdown.bytes.toString().replace(/\\(.)/g, '$1')
  for (const expected of ['Claire Roux', 'director', 'excused', '1. Shared budget', 'The treasurer presented the budget.', 'Town hall, Roanne', '14:00 – 17:30']) {
    expect(text).toContain(expected)
  }
  const charter = await download(f, ended.getByRole('button', { name: /Download the charter for signature as of Iteration 1 .* as PDF/ }))
  expect(charter.bytes.subarray(0, 5).toString()).toBe('%PDF-')

  // The minutes stay open after the meeting; what is completed then is in the report downloaded then.
  const after = f.getByRole('region', { name: 'Finish the report of “Spring steering committee”' })
  await after.getByRole('group', { name: 'Next meeting' }).getByLabel('Date').fill('2026-07-01')
  await after.getByRole('button', { name: 'Save' }).press('Enter')
  await after.getByText('Saved.').waitFor()
  expect(formatViolations(await axeViolations(f, '[data-testid="session-section"]'))).toEqual('')

  // One click from the History timeline.
  await openSection(f, 'History')
  const line = f.getByTestId('timeline').locator('[data-kind="iteration"]', { hasText: 'Iteration 1 — Steering committee' })
  const fromHistory = await download(f, line.getByRole('button', { name: /as Markdown/ }))
  expect(fromHistory.bytes.toString()).toContain('1 July 2026')
  const pdf = await download(f, line.getByRole('button', { name: /as PDF/ }))
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
}, 90_000)
