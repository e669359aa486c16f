/**
 * A restore and a revealed private-writing round are announced on everyone's page: a visible notice
 * with who did it and when, read out by a polite live region, dismissable; a late joiner sees a
 * recent one too. (That no client can forge one: tests/authority/announcements.test.ts.)
 */
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { inviteLink, newPerson, useBrowserAndServer, openSection } from './support.ts'
import { joinInterests, writeCard } from './interests-support.ts'
import { axeViolations, formatViolations } from './axe.ts'
import { screenshot } from './layout.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

const announcements = (page: Page) => page.getByRole('region', { name: 'Announcements' })
const liveRegion = (page: Page) => page.getByTestId('announcements-live')
const HH_MM = /\d{2}:\d{2}/

test('a restore and a reveal are announced on another participant’s page, with who and when, and to a late joiner', async () => {
  const board = await createBoard(env.server.url, 'Announced', 'en')
  const seed = testActor('Seed', FACILITATION, 'facilitator', personKeyOf('seed'))
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, undefined, { personKey: personKeyOf('seed') })
  clients.push(seeder)
  await waitSynced(seeder)
  for (const name of ['ADMR Loire', 'APF Handicap']) addPartner(seeder.doc, seed, { name })
  await waitFor(async () => expect(seeder.provider.synced).toBe(true))

  const fanny = await newPerson(env.browser)
  const paul = await newPerson(env.browser)
  fanny.page.setDefaultTimeout(10_000)
  paul.page.setDefaultTimeout(10_000)
  await joinInterests(fanny.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss', 'Facilitation')
  await joinInterests(paul.page, inviteLink(env.server.url, board.id, board.invites.participant), 'Paul Partner', 'ADMR Loire', 'ADMR Loire')
  // Nothing announced yet.
  expect(await announcements(paul.page).count()).toBe(0)

  // ── A revealed private-writing round ──
  await fanny.page.getByText('Facilitation: private writing and votes').click()
  await fanny.page.getByRole('button', { name: 'Start private writing', exact: true }).click()
  await paul.page.getByTestId('private-round-banner').waitFor()
  await writeCard(paul.page, 'Pool the night shifts', 'interest')
  await paul.page.getByTestId('my-drafts').locator('[data-draft-id]', { hasText: 'Pool the night shifts' }).waitFor()
  await fanny.page.getByRole('button', { name: 'Reveal all the cards' }).click()

  const revealed = announcements(paul.page).locator('[data-kind="reveal"]')
  await revealed.getByText(/^Fanny Facilitator revealed the private writing at \d{2}:\d{2}: 1 card\.$/).waitFor()
  await revealed.getByText('Everyone’s cards are now on the interests map.').waitFor()
  await waitFor(async () => expect(await liveRegion(paul.page).textContent()).toMatch(/^Fanny Facilitator revealed the private writing at \d{2}:\d{2}: 1 card\.$/))
  // The facilitator's own page says "You".
  await announcements(fanny.page).getByText(/^You revealed the private writing at \d{2}:\d{2}: 1 card\.$/).waitFor()

  // Dismissed on one device, it stays on the others, and stays dismissed after a reload.
  await revealed.getByRole('button', { name: 'Dismiss this announcement' }).click()
  await revealed.waitFor({ state: 'detached' })
  await announcements(fanny.page).locator('[data-kind="reveal"]').waitFor()
  await paul.page.reload()
  await paul.page.getByTestId('interests-section').waitFor()
  expect(await announcements(paul.page).locator('[data-kind="reveal"]').count()).toBe(0)

  // ── A restore ── (the room display, open meanwhile, shows it to the room too)
  const display = await newPerson(env.browser, { width: 1280 })
  display.page.setDefaultTimeout(10_000)
  await display.page.goto(inviteLink(env.server.url, board.id, board.invites.display))
  const snapshot = await fetch(`${env.server.url}/api/boards/${board.id}/snapshots`, {
    method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Before the workshop' }),
  })
  expect(snapshot.status).toBe(201)
  await openSection(fanny.page, 'History')
  await fanny.page.getByRole('button', { name: /Restore the board to Before the workshop/ }).click()
  await fanny.page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click()

  const restored = announcements(paul.page).locator('[data-kind="restore"]')
  const restoreText = /^Fanny Facilitator restored the board to “Before the workshop” at \d{2}:\d{2}\.$/
  await restored.getByText(restoreText).waitFor()
  await restored.getByText(/went back to that state for everyone/).waitFor()
  await waitFor(async () => expect(await liveRegion(paul.page).textContent()).toMatch(restoreText))
  const time = (await restored.locator('.announcement__text').textContent())!.match(HH_MM)![0]
  expect(formatViolations(await axeViolations(paul.page, '.announcements')), 'the notices: axe').toBe('')
  await announcements(display.page).locator('[data-kind="restore"]').getByText(restoreText).waitFor()

  // A late joiner sees the restore (recent), and the reveal too (not dismissed on that device).
  const late = await newPerson(env.browser, { locale: 'fr-FR' })
  late.page.setDefaultTimeout(10_000)
  await late.page.goto(inviteLink(env.server.url, board.id, board.invites.participant))
  await late.page.getByLabel('Votre nom').fill('Léa Retard')
  await late.page.getByLabel('Votre organisation').fill('APF Handicap')
  await late.page.getByRole('button', { name: 'Rejoindre' }).click()
  const lateNotices = late.page.getByRole('region', { name: 'Annonces' })
  await lateNotices.locator('[data-kind="restore"]')
    .getByText(`Fanny Facilitator a restauré le tableau à «\u00a0Before the workshop\u00a0» à ${time}.`).waitFor()
  await lateNotices.locator('[data-kind="reveal"]')
    .getByText(/^Fanny Facilitator a dévoilé l’écriture individuelle à \d{2}:\d{2}\u00a0: 1 carte\.$/).waitFor()
  await screenshot(late.page, 'announcements-late-joiner-fr')

  for (const person of [fanny, paul, late, display]) await person.context.close()
}, 180_000)
