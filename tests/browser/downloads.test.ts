/**
 * Downloads from the browser: the charter, an iteration's report and the whole board archive are
 * saved as files; the archive imported from the home page becomes a new board with the same content.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { createBoard } from '../helpers/api.ts'
import { charterText, editorOf, inviteLink, joinBoard, newPerson, typeAtEnd, useBrowserAndServer, waitForSaveState, waitForText } from './support.ts'

const env = useBrowserAndServer()

/** Clicks a download button and returns the saved file's name and bytes. */
async function download(page: Page, name: RegExp): Promise<{ fileName: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).first().click()])
  return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
}

test('the charter, a report and the archive download as files; the archive imports as a new board', async () => {
  const board = await createBoard(env.server.url, 'Archive test board', 'en')
  const { context, page } = await newPerson(env.browser)
  await joinBoard(page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss')
  await typeAtEnd(page, ' A sentence only this board has.')
  await waitForSaveState(page, 'saved')
  const snapshot = await fetch(`${env.server.url}/api/boards/${board.id}/snapshots`, {
    method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Before the break' }),
  })
  const { label } = (await snapshot.json()) as SnapshotSummary

  await page.goto(`${env.server.url}/b/${board.id}?view=history`)
  const pdf = await download(page, /Download the charter as PDF/)
  expect(pdf.fileName).toMatch(/\.pdf$/)
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')

  await page.getByRole('button', { name: `Open (read-only): ${label}` }).click()
  const report = await download(page, /Download the session report of .* as Markdown/)
  expect(report.fileName).toMatch(/\.md$/)
  expect(report.bytes.toString()).toContain('A sentence only this board has.')

  const archive = await download(page, /Download the whole board as a JSON archive/)
  expect(JSON.parse(archive.bytes.toString())).toMatchObject({ format: 'atelier-board-archive', board: { title: 'Archive test board' } })
  await context.close()

  // Someone else imports it on the home page and opens the new board with its facilitator link.
  const other = await newPerson(env.browser)
  await other.page.goto(env.server.url)
  await other.page.getByLabel('Archive file (.json)').setInputFiles({ name: archive.fileName, mimeType: 'application/json', buffer: archive.bytes })
  await other.page.getByRole('button', { name: 'Import', exact: true }).click()
  const facilitatorInput = other.page.locator('li.invite[data-role="facilitator"] input')
  await facilitatorInput.waitFor()
  const facilitatorLink = await facilitatorInput.inputValue()
  expect(facilitatorLink).toMatch(/\/b\/[A-Za-z0-9_-]+#token=/)
  expect(facilitatorLink).not.toContain(board.id)
  await joinBoard(other.page, facilitatorLink, 'Ivy Importer', 'Uriopss')
  await waitForText(other.page, 'A sentence only this board has.')
  expect(await editorOf(other.page).isVisible()).toBe(true)
  expect(await charterText(other.page)).toContain('Archive test board')
  await other.context.close()
}, 60_000)
