/**
 * A participant on a 390×844 phone (touch, mobile viewport) joins by the QR code (it holds the
 * invite link; the `/j` page where one types the short code instead is measured too), adds a value, takes a stance, adds a card and votes, by taps
 * only. On every page and tab: no horizontal scrolling, every visible control at least 44×44 px,
 * the section's content before the "who is here" panel, the tabs on screen. Screenshots go to
 * tests/artifacts/phone-*.png.
 */
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { startDotVote } from '../../shared/board/rounds.ts'
import { proposeValue } from '../../shared/board/values.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard, createPartnerInvite } from '../helpers/api.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { measureLayout, screenshot } from './layout.ts'
import { axeViolations, formatViolations } from './axe.ts'
import { useBrowserAndServer, openSection } from './support.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

const PHONE = { width: 390, height: 844 }
const TABS = ['Charter', 'Values', 'Interests', 'Partners', 'Session', 'History'] as const

/** No sideways scrolling, thumb-sized controls; `where` names the page in failures. */
async function expectPhoneLayout(page: Page, where: string): Promise<void> {
  const report = await measureLayout(page, PHONE.width)
  console.log(`[phone] ${where}: scrollWidth ${report.scrollWidth}, innerWidth ${report.innerWidth} (screen ${PHONE.width}), ${report.small.length} controls under 44 px${report.overflowing.length ? `, sticking out: ${report.overflowing.join('; ')}` : ''}`)
  // Soft: one run lists every page's problems.
  expect.soft(report.overflowing, `${where}: sticks out on the right`).toEqual([])
  expect.soft(report.scrollWidth, `${where}: document scrollWidth`).toBeLessThanOrEqual(PHONE.width)
  expect.soft(report.innerWidth, `${where}: the browser did not widen the page`).toBe(PHONE.width)
  expect.soft(report.small, `${where}: controls under 44×44 px`).toEqual([])
}

/** The section's content comes before the "who is here" panel, and the tabs fit on screen. */
async function expectContentFirst(page: Page, where: string): Promise<void> {
  const boxes = await page.evaluate(() => {
    const box = (selector: string) => {
      const rect = document.querySelector(selector)?.getBoundingClientRect()
      return rect ? { top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY, right: rect.right } : null
    }
    const links = [...document.querySelectorAll('.board-nav__link')].map((a) => a.getBoundingClientRect())
    return { main: box('.board__main'), side: box('.board__side'), tabsRight: Math.max(...links.map((r) => r.right)), tabsBottom: Math.max(...links.map((r) => r.bottom)) }
  })
  expect(boxes.main && boxes.side, where).toBeTruthy()
  expect.soft(boxes.main!.bottom, `${where}: content before the presence panel`).toBeLessThanOrEqual(boxes.side!.top)
  expect.soft(boxes.tabsRight, `${where}: tabs fit`).toBeLessThanOrEqual(PHONE.width)
}

const openTab = (page: Page, name: string) => openSection(page, name, { tap: true })

test('a participant joins by QR on a 390×844 phone and takes part with taps; nothing scrolls sideways', async () => {
  const board = await createBoard(env.server.url, 'Coopération Val-de-Loire: protection de l’enfance', 'en')
  const seedKey = personKeyOf('seed')
  const seed = testActor('Fanny Facilitator', FACILITATION, 'facilitator', seedKey)
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, undefined, { personKey: seedKey })
  clients.push(seeder)
  await waitSynced(seeder)
  const [admr] = ['ADMR Loire', 'APF France handicap', 'Mairie de Tours'].map((name) => addPartner(seeder.doc, seed, { name })) as [string]
  const value = 'Put the service user at the heart of the system'
  proposeValue(seeder.doc, seed, { text: value, explanation: 'Every decision starts from what users need.' })
  const night = addCard(seeder.doc, seed, { text: 'Pool the night shifts between our homes', kind: 'interest', partnerId: admr })
  const bus = addCard(seeder.doc, seed, { text: 'A minibus for outings', kind: 'brings', partnerId: admr })
  createGroup(seeder.doc, seed, { name: 'Staff', cardIds: [night] })
  createGroup(seeder.doc, seed, { name: 'Transport', cardIds: [bus] })
  startDotVote(seeder.doc, seed, { title: 'Where do we start?', votesPerVoter: 3, scope: 'person', target: 'groups' })

  // ADMR's own link, as the facilitator's panel makes it; the phone gets its join code.
  const { link, code } = await createPartnerInvite(env.server.url, board.id, board.invites.facilitator, admr)
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)

  const context = await env.browser.newContext({
    locale: 'en-GB', viewport: PHONE, screen: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  page.setDefaultTimeout(10_000)

  // The page where one types the short code.
  await page.goto(`${env.server.url}/j`)
  await page.getByRole('button', { name: /Join/ }).first().waitFor()
  await expectPhoneLayout(page, 'join page')
  await screenshot(page, 'phone-join-code')
  // The QR code (invite panel, room display) holds the invite link: the phone's camera opens it.
  await page.goto('about:blank')
  await page.goto(link)
  await page.getByLabel('Your name').waitFor()
  await expectPhoneLayout(page, 'who are you')
  await page.getByLabel('Your name').fill('Paul Partner')
  await page.getByLabel('Your organisation').fill('ADMR Loire')
  await page.getByRole('button', { name: 'Join' }).tap()
  await page.getByRole('textbox', { name: 'Partnership charter' }).waitFor()
  // Bound to ADMR by its link: no question about whom he speaks for.
  await page.locator('.speaks-for', { hasText: 'ADMR Loire' }).waitFor()

  for (const tab of TABS) {
    await openTab(page, tab)
    if (tab === 'Values') {
      // Takes ADMR's stance on the facilitator's value, then proposes one.
      const row = page.locator('li[data-value]', { has: page.getByRole('heading', { name: value, exact: true }) })
      await row.getByRole('button', { name: new RegExp(`Stance of ADMR Loire on “${value}”`) }).tap()
      await row.getByRole('radio', { name: 'Agrees', exact: true }).tap()
      await row.getByRole('button', { name: 'Record' }).tap()
      await row.locator('[data-stance="agree"]').waitFor()
      await page.getByLabel('Value', { exact: true }).fill('Share skills, not power struggles')
      await page.getByRole('button', { name: 'Propose the value' }).tap()
      await page.getByRole('heading', { name: 'Share skills, not power struggles', exact: true }).waitFor()
    }
    if (tab === 'Interests') {
      const composer = page.locator('.card-composer')
      await composer.getByRole('radio', { name: 'Interest or expectation' }).tap()
      await composer.getByRole('textbox').fill('Joint training for our night staff')
      await composer.getByRole('button', { name: 'Add the card' }).tap()
      // A phone opens the matrix (the same cards as the map, as a table): the card is there.
      await page.getByTestId('interests-section').locator('[data-card-id]', { hasText: 'Joint training for our night staff' }).waitFor()
      const banner = page.getByTestId('vote-banner')
      await banner.getByTestId('votes-left').getByText('3 votes left').waitFor()
      await banner.getByRole('button', { name: 'Give a vote to “Staff”' }).tap()
      await banner.getByTestId('votes-left').getByText('2 votes left').waitFor()
      // The map view fits the screen too (it pans and zooms inside its own box).
      await page.getByRole('button', { name: 'Map', exact: true }).tap()
      await page.getByTestId('interests-map').waitFor()
      await expectPhoneLayout(page, 'Interests tab, map view')
      await screenshot(page, 'phone-interests-map')
      await page.getByRole('button', { name: 'Matrix (table)', exact: true }).tap()
    }
    await expectPhoneLayout(page, `${tab} tab`)
    await expectContentFirst(page, `${tab} tab`)
    expect.soft(formatViolations(await axeViolations(page)), `${tab} tab on a phone: axe`).toBe('')
    await screenshot(page, `phone-${tab.toLowerCase()}`)
  }

  // What the phone did reached the board.
  await waitFor(() => {
    const votes = [...(seeder.doc.getMap('rounds').values() as Iterable<{ get(key: string): unknown }>)]
      .map((round) => round.get('votes') as { size: number } | undefined)
    expect(votes.some((v) => (v?.size ?? 0) === 1)).toBe(true)
  })
  await context.close()
}, 180_000)
