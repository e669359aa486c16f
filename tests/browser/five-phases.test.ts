/**
 * A board walked through the method from the browser: each of the five phases made current in turn
 * with a step of its checklist ticked, a partner's strategic diagnosis written and shared, an impact
 * rated; then two sessions: a steering committee notes an action; the next session, a project group
 * (which calls for no deliberation), carries it over and a participant marks it done there. Both
 * sessions' reports are downloaded as PDF and DOCX and say so; History's view of the iteration and
 * its compare with the one before too. The Method, Session, iteration and compare views have no
 * accessibility violation.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createBoard } from '../helpers/api.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { axeViolations, formatViolations } from './axe.ts'
import { facilitatorWithPartner, openSection, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

async function download(page: Page, button: Locator): Promise<ArrayBuffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  const bytes = await readFile((await file.path())!)
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/** Both formats of a session's report, as text with plain spaces. */
async function reports(page: Page, label: RegExp): Promise<{ pdf: string; docx: string }> {
  const ended = page.getByRole('status').filter({ hasText: 'Iteration saved' })
  const pdf = await download(page, ended.getByRole('button', { name: new RegExp(`Download the session report of ${label.source} as PDF`) }))
  const docx = await download(page, ended.getByRole('button', { name: new RegExp(`Download the session report of ${label.source} as DOCX`) }))
  const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ')
  return { pdf: plain(await pdfText(pdf)), docx: plain((await docxText(docx)).text) }
}

async function endSession(page: Page, label: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'End the session' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'End and save the iteration' }).click()
  await page.getByText(new RegExp(`Iteration saved: ${label.source}`)).waitFor()
}

test('five phases and two sessions: an action carried over and marked done, both reports downloaded', async () => {
  const board = await createBoard(env.server.url, 'Loire cooperation', 'en')
  const f = await facilitatorWithPartner(env, board, 'ADMR Loire')

  // The method: each phase made current in turn (any order, never locked), one step of each ticked.
  await openSection(f, 'Method')
  const method = f.getByTestId('method-section')
  const steps: [number, string, string][] = [
    [1, 'Phase 1 — Information and launch', 'Meet each partner’s actors'],
    [2, 'Phase 2 — Opportunity study', 'Strategic diagnosis of each partner'],
    [3, 'Phase 3 — Feasibility study', 'Each partner’s impact grid'],
    [4, 'Phase 4 — Implementation', 'Informed deliberation of each partner'],
    [5, 'Phase 5 — Follow-up', 'Follow actions from session to session'],
  ]
  for (const [phase, name, step] of steps) {
    if (phase > 1) await method.getByRole('button', { name: `Make ${name} the current phase` }).click()
    await method.locator(`.method__current[data-phase="${phase}"]`).waitFor()
    const ofPhase = method.getByRole('region', { name: new RegExp(`^${name}`) })
    await ofPhase.getByRole('checkbox', { name: step }).check()
    await ofPhase.getByText(/1 of \d steps done/).waitFor()
  }
  // Phase 2: ADMR's diagnosis, written (saved on leaving the field) and shared.
  await method.getByLabel('Its strengths (ADMR Loire)').fill('Home help in every village')
  await f.keyboard.press('Tab')
  await method.getByRole('checkbox', { name: 'Share the diagnosis of ADMR Loire with the other partners' }).check()
  await method.locator('[data-diagnosis] .iter-badge', { hasText: 'Shared' }).waitFor()
  // Phase 3: an impact rated.
  await method.getByLabel('Impact on Governance for ADMR Loire').selectOption('3')
  await method.getByTestId('impact-summary').waitFor()
  expect(formatViolations(await axeViolations(f, '[data-testid="method-section"]'))).toEqual('')

  // Session 1, a steering committee: it calls for deliberation; an action is noted.
  await openSection(f, 'Session')
  const calls = f.getByRole('checkbox', { name: 'The partners’ boards deliberate on this session’s iteration' })
  expect(await calls.isChecked()).toBe(true)
  await f.getByLabel('Title').fill('Spring steering committee')
  await f.getByRole('button', { name: 'Start the session' }).click()
  await f.getByRole('heading', { name: 'Spring steering committee' }).waitFor()
  await f.getByRole('radio', { name: 'Action', exact: true }).check()
  await f.getByLabel('What was decided, or what is to be done').fill('Price the shared van')
  await f.getByLabel('Owner (who carries it)').fill('Anne Martin')
  await f.getByLabel('Due date', { exact: true }).fill('2026-06-30')
  await f.getByRole('button', { name: 'Note it' }).click()
  await f.getByRole('combobox', { name: 'Status of the action “Price the shared van”' }).waitFor()
  await endSession(f, /Iteration 1 — Steering committee/)
  const first = await reports(f, /Iteration 1 .*/)
  for (const text of [first.pdf, first.docx]) {
    expect(text).toContain('Price the shared van')
    expect(text).toContain('To do')
    expect(text).toContain('ADMR Loire Pending')
  }

  // Session 2, a project group: it calls for no deliberation by default; the action is carried over.
  await f.getByLabel('Kind of session').selectOption('project-group')
  expect(await calls.isChecked()).toBe(false)
  await f.getByLabel('Title').fill('Payroll project group')
  await f.getByRole('button', { name: 'Start the session' }).click()
  await f.getByRole('heading', { name: 'Payroll project group' }).waitFor()
  const carried = f.getByRole('region', { name: 'Actions carried over' })
  await carried.getByText('Decided at “Spring steering committee”').waitFor()

  // A participant marks it done there; everyone sees who did, and when.
  const { page: p } = await env.join(board, 'participant', 'Paul Partner', 'ADMR')
  await openSection(p, 'Session')
  await p.getByRole('region', { name: 'Actions carried over' }).getByRole('combobox', { name: 'Status of the action “Price the shared van”' }).selectOption('done')
  await carried.getByText(/set by Paul Partner on/).waitFor()
  expect(await carried.getByRole('combobox', { name: 'Status of the action “Price the shared van”' }).inputValue()).toBe('done')
  expect(formatViolations(await axeViolations(f, '[data-testid="session-section"]'))).toEqual('')
  expect(formatViolations(await axeViolations(p, '[data-testid="session-section"]'))).toEqual('')

  await endSession(f, /Iteration 2 — Project group/)
  const second = await reports(f, /Iteration 2 .*/)
  for (const text of [second.pdf, second.docx]) {
    expect(text).toContain('Follow-up of actions from earlier sessions')
    expect(text).toMatch(/Price the shared van Spring steering committee, \d+ \w+ \d{4} Anne Martin 30 June 2026 Done \(Paul Partner, /)
    expect(text).toContain('This session does not call for deliberation by the partners’ boards.')
    expect(text).not.toContain('ADMR Loire Pending')
  }

  // After the meeting, its actions stay at hand for the facilitator (until the next session starts).
  const afterMeeting = f.getByRole('region', { name: 'Finish the report of “Payroll project group”' })
  const stillDone = afterMeeting.getByRole('combobox', { name: 'Status of the action “Price the shared van”' })
  await stillDone.waitFor()
  expect(await stillDone.inputValue()).toBe('done')
  expect(formatViolations(await axeViolations(f, '[data-testid="session-section"]'))).toEqual('')

  // History tells the same of the project group's iteration, read-only.
  await openSection(p, 'History')
  await p.getByRole('button', { name: /Open \(read-only\): Iteration 2/ }).click()
  const followUp = p.getByTestId('snapshot-view').getByTestId('actions-follow-up')
  await followUp.getByText('Decided at “Spring steering committee”').waitFor()
  await followUp.locator('[data-status="done"]', { hasText: 'set by Paul Partner' }).waitFor()
  await p.getByTestId('no-deliberation').waitFor()
  expect(formatViolations(await axeViolations(p, '[data-testid="snapshot-view"]'))).toEqual('')

  // The committee's own action is listed once: in the follow-up with its status, not again in the record.
  await p.getByRole('button', { name: '← Back to the timeline' }).click()
  await p.getByRole('button', { name: /Open \(read-only\): Iteration 1/ }).click()
  const committee = p.getByTestId('snapshot-view')
  await committee.getByTestId('actions-follow-up').getByText('Price the shared van').waitFor()
  await committee.locator('.hist-session').getByText('No decision noted. Its actions are below, with their follow-up.').waitFor()
  expect(await committee.getByText('Price the shared van').count()).toBe(1)

  // Compared with the committee's iteration, the action moved on.
  await openSection(f, 'History')
  await f.getByRole('button', { name: /Compare with the previous iteration: Iteration 2/ }).click()
  const compare = f.getByTestId('compare')
  await compare.locator('[data-action-status="done"]', { hasText: 'Price the shared van (Spring steering committee): To do → Done — Paul Partner' }).waitFor()
  expect(formatViolations(await axeViolations(f, '[data-testid="compare"]'))).toEqual('')
}, 120_000)
