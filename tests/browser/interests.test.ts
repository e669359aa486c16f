/**
 * The interests section in two browsers on one board: cards and groups made in one page appear in
 * the other, the matrix says what the map shows, a dot vote's results appear when it closes (private
 * rounds: private-round.test.ts). The map with 300 cards (placement, pan, zoom, touch):
 * interests-map.test.ts; its frame times: tests/bench/map-frames.bench.ts.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION, type Actor } from '../../shared/board/actor.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { createBoard } from '../helpers/api.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { inviteLink, newPerson, useBrowserAndServer } from './support.ts'
import { testActor } from '../helpers/actors.ts'
import { joinInterests, mapCard, writeCard } from './interests-support.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

/** Signs with the person key the Node test clients present (tests/helpers/actors.ts). */
const seeder: Actor = testActor('Seed', FACILITATION, 'facilitator')

/** A board with partners, written through the real sync by a Node client with the facilitator's link. */
async function seededBoard(title: string, partnerNames: string[]) {
  const board = await createBoard(env.server.url, title, 'en')
  const client = connectClient(env.server.wsUrl, board.id, board.invites.facilitator)
  clients.push(client)
  await waitSynced(client)
  const partnerIds = partnerNames.map((name) => addPartner(client.doc, seeder, { name }))
  return { board, client, partnerIds }
}

/** What the map shows: card → (group, partner). */
function mapCells(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="interests-map"] [data-card-id]')]
    .map((el) => `${el.dataset.cardId}|${el.closest<HTMLElement>('[data-group-id]')?.dataset.groupId ?? ''}|${el.dataset.partnerId}`)
    .sort())
}

/** What the matrix shows: card → (row's group, column's partner). */
function matrixCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLTableElement>('[data-testid="interests-matrix"]')!
    const columns = [...table.tHead!.rows[0]!.cells].map((cell) => (cell as HTMLElement).dataset.partnerId ?? '')
    const cells: string[] = []
    for (const row of table.tBodies[0]!.rows) {
      const groupId = row.dataset.groupId ?? ''
      ;[...row.cells].forEach((cell, index) => {
        for (const card of cell.querySelectorAll<HTMLElement>('[data-card-id]')) cells.push(`${card.dataset.cardId}|${groupId}|${columns[index]}`)
      })
    }
    return cells.sort()
  })
}

test('cards written and grouped in one page appear grouped in the other; the matrix matches the map; the keyboard moves cards', async ({ onTestFailed }) => {
  const { board } = await seededBoard('Interests live', ['ADMR Loire', 'APF Handicap'])
  const fanny = await newPerson(env.browser)
  const paul = await newPerson(env.browser)
  await joinInterests(fanny.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss', 'Facilitation')
  onTestFailed(async () => {
    if (process.env.SHOTS) for (const [name, page] of [['fanny', fanny.page], ['paul', paul.page]] as const) await page.screenshot({ path: join(tmpdir(), `interests-fail-${name}.png`), fullPage: true })
  })
  await joinInterests(paul.page, inviteLink(env.server.url, board.id, board.invites.participant), 'Paul Partner', 'ADMR Loire', 'ADMR Loire')

  await writeCard(paul.page, 'Shared training for home-care staff', 'interest')
  await writeCard(fanny.page, 'Joint training plan', 'interest', 'APF Handicap')
  await writeCard(fanny.page, 'Accessible minibus', 'brings', 'APF Handicap')

  // Both cards reach Paul; he selects two and groups them.
  await mapCard(paul.page, 'Joint training plan').waitFor()
  await mapCard(paul.page, 'Accessible minibus').waitFor()
  await expect.poll(() => mapCard(paul.page, 'Accessible minibus').getAttribute('data-kind')).toBe('brings')
  await mapCard(paul.page, 'Shared training for home-care staff').click()
  await mapCard(paul.page, 'Joint training plan').click()
  await paul.page.getByText('Selected: 2').waitFor()
  await paul.page.getByLabel('Name of the new group').fill('Training')
  await paul.page.getByRole('button', { name: 'Group the selection (2)' }).click()

  // Fanny sees the group with both cards in it, and its derived kind.
  const group = fanny.page.getByTestId('interests-map').locator('[data-group-id]', { hasText: 'Training' })
  await group.locator('[data-card-id]', { hasText: 'Shared training for home-care staff' }).waitFor()
  await group.locator('[data-card-id]', { hasText: 'Joint training plan' }).waitFor()
  await group.getByText('Convergent').waitFor()
  expect(await mapCard(fanny.page, 'Accessible minibus').evaluate((el) => el.closest('[data-group-id]'))).toBeNull()

  // Keyboard only, in Fanny's page: focus the minibus card, Shift+→ moves it, G then "Move" puts it in the group.
  const minibus = mapCard(fanny.page, 'Accessible minibus')
  await minibus.focus()
  const before = await minibus.evaluate((el) => (el as HTMLElement).style.transform)
  await fanny.page.keyboard.press('Shift+ArrowRight')
  await fanny.page.getByTestId('interests-announcer').getByText(/Card moved: \d+% across/).waitFor()
  await expect.poll(() => minibus.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before)
  await fanny.page.keyboard.press('g')
  await expect.poll(() => fanny.page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT')
  await fanny.page.getByLabel('Move the selected cards to').selectOption({ label: 'Training' })
  await fanny.page.keyboard.press('Tab')
  await fanny.page.keyboard.press('Enter')
  await fanny.page.getByTestId('interests-announcer').getByText('Now in the group “Training”: 1 card.').waitFor()
  // Interests of two partners and one partner's "brings": still convergent (two partners share an interest).
  await group.locator('[data-card-id]', { hasText: 'Accessible minibus' }).waitFor()
  await paul.page.getByTestId('interests-map').locator('[data-group-id]', { hasText: 'Training' })
    .locator('[data-card-id]', { hasText: 'Accessible minibus' }).waitFor()

  // Arrow keys move focus between cards (roving tabindex: one tab stop, following the focus).
  expect(await fanny.page.locator('[data-testid="interests-map"] [data-nav][tabindex="0"]').count()).toBe(1)
  await mapCard(fanny.page, 'Joint training plan').focus()
  const focusedText = () => fanny.page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? '')
  const from = await focusedText()
  await fanny.page.keyboard.press('ArrowLeft')
  await expect.poll(focusedText).not.toBe(from)
  expect(await focusedText()).toMatch(/^(Interest|Brings|Training,)/)
  expect(await fanny.page.evaluate(() => document.activeElement?.getAttribute('tabindex'))).toBe('0')

  // A pointer drag onto the group's box puts a card in it.
  await writeCard(paul.page, 'Night on-call rota', 'brings')
  const rota = mapCard(paul.page, 'Night on-call rota')
  await rota.waitFor()
  // The map may be below the fold (the zoom bar sits above it): bring it into the window first.
  await paul.page.getByTestId('interests-map').scrollIntoViewIfNeeded()
  const from2 = (await rota.boundingBox())!
  const to = (await paul.page.getByTestId('interests-map').locator('[data-group-id]', { hasText: 'Training' }).locator('.map-group__head').boundingBox())!
  await paul.page.mouse.move(from2.x + 30, from2.y + 30)
  await paul.page.mouse.down()
  for (let i = 1; i <= 10; i++) {
    await paul.page.mouse.move(from2.x + 30 + ((to.x + 40 - from2.x - 30) * i) / 10, from2.y + 30 + ((to.y + 15 - from2.y - 30) * i) / 10)
  }
  await paul.page.mouse.up()
  await paul.page.getByTestId('interests-announcer').getByText('“Night on-call rota” is now in the group “Training”.').waitFor()
  await group.locator('[data-card-id]', { hasText: 'Night on-call rota' }).waitFor()

  // The matrix says what the map shows, in both pages.
  for (const page of [fanny.page, paul.page]) {
    await expect.poll(() => mapCells(page).then((cells) => cells.length)).toBe(4)
    const onMap = await mapCells(page)
    await page.getByRole('button', { name: 'Matrix (table)' }).click()
    await page.getByRole('table', { name: 'Interests by group and by partner' }).waitFor()
    expect(await matrixCells(page)).toEqual(onMap)
    const row = page.getByRole('row', { name: /Training/ })
    await row.getByRole('rowheader', { name: /Convergent/ }).waitFor()
    await page.getByRole('button', { name: 'Map', exact: true }).click()
  }

  await fanny.context.close()
  await paul.context.close()
}, 90_000)

test('a dot vote shows votes left while open and its results, kept, once the facilitator closes it', async () => {
  const { board, client, partnerIds } = await seededBoard('Interests vote', ['ADMR Loire', 'APF Handicap'])
  const a = addCard(client.doc, seeder, { text: 'Pool the night shifts', kind: 'interest', partnerId: partnerIds[0] })
  const b = addCard(client.doc, seeder, { text: 'Share a minibus', kind: 'brings', partnerId: partnerIds[1] })
  createGroup(client.doc, seeder, { name: 'Staff', cardIds: [a] })
  createGroup(client.doc, seeder, { name: 'Transport', cardIds: [b] })

  const fanny = await newPerson(env.browser)
  const paul = await newPerson(env.browser)
  await joinInterests(fanny.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss', 'Facilitation')
  await joinInterests(paul.page, inviteLink(env.server.url, board.id, board.invites.participant), 'Paul Partner', 'ADMR Loire', 'ADMR Loire')

  await fanny.page.getByText('Facilitation: private writing and votes').click()
  await fanny.page.getByLabel('Question (optional)').fill('Where do we start?')
  await fanny.page.getByLabel('Votes each').fill('2')
  await fanny.page.getByRole('button', { name: 'Open the vote' }).click()

  const banner = paul.page.getByTestId('vote-banner')
  await banner.getByText('Vote open — Where do we start?').waitFor()
  await banner.getByTestId('votes-left').getByText('2 votes left').waitFor()
  await banner.getByRole('button', { name: 'Give a vote to “Staff”' }).click()
  await banner.getByTestId('votes-left').getByText('1 vote left').waitFor()
  await banner.getByRole('button', { name: 'Give a vote to “Staff”' }).click()
  await banner.getByTestId('votes-left').getByText('0 votes left').waitFor()
  expect(await banner.getByRole('button', { name: 'Give a vote to “Transport”' }).isDisabled()).toBe(true)
  // Take one back and give it elsewhere.
  await banner.getByRole('button', { name: 'Take back a vote from “Staff”' }).click()
  await banner.getByRole('button', { name: 'Give a vote to “Transport”' }).click()
  await fanny.page.getByTestId('vote-banner').getByRole('button', { name: 'Give a vote to “Transport”' }).click()
  await fanny.page.getByTestId('vote-banner').getByText('Votes cast so far: 3.').waitFor()
  // No result while open.
  expect(await paul.page.getByTestId('vote-results').count()).toBe(0)

  await fanny.page.getByRole('button', { name: 'Close the vote and show the results' }).click()
  for (const page of [paul.page, fanny.page]) {
    const results = page.getByTestId('vote-results').filter({ hasText: 'Where do we start?' })
    await results.waitFor()
    await expect.poll(() => results.locator('.vote-result').allInnerTexts()).toEqual([
      expect.stringMatching(/Transport\s*2 votes/),
      expect.stringMatching(/Staff\s*1 vote$/),
    ])
    await page.getByTestId('vote-banner').waitFor({ state: 'detached' })
  }

  await fanny.context.close()
  await paul.context.close()
})
