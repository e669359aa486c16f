/**
 * The room from the browser: a late joiner (whose clock is five minutes off) lands where the
 * facilitator leads and sees the running timer's true time left, in the server's clock; a
 * participant leaves follow-me and comes back in one click (and with the keyboard); the room
 * display shows the facilitator's section, the timer and the join QR code and code, readable at
 * 1920×1080 and 1280×720 with no horizontal scroll (screenshots under tests/artifacts/).
 */
import { mkdirSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { readRoom, timerRemaining } from '../../shared/board/room.ts'
import { createBoard } from '../helpers/api.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { expectNoAxeViolations } from './axe.ts'
import { inviteLink, newPerson, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname

/** The tabs by their section id (their names also tell who else is there). */
const SECTION_IDS: Record<string, string> = { Charter: 'charter', Values: 'values', Interests: 'interests', Partners: 'partners', Session: 'session', History: 'history' }
const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Board sections' }).locator(`a[data-section="${SECTION_IDS[name]}"]`).click()
const roomPanel = async (page: Page) => {
  const summary = page.getByText('Room and projector', { exact: true }).first()
  if (!(await page.locator('details.side-room').evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click()
  return page.locator('details.side-room')
}
const speakAsFacilitation = async (page: Page) => {
  const prompt = page.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: /^Facilitation/ }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
}
const currentSection = (page: Page) => page.locator('.board__main').getAttribute('data-section')

/** The room's timer as the server has it, and the server's clock now. */
async function serverTimeLeft(boardId: string, token: string): Promise<number> {
  const client = connectClient(env.server.wsUrl, boardId, token, new Y.Doc())
  try {
    await waitSynced(client)
    const timer = readRoom(client.doc).timer
    if (!timer) throw new Error('no timer')
    const { now } = await (await fetch(`${env.server.url}/api/time`)).json() as { now: number }
    return timerRemaining(timer, now)
  } finally {
    client.destroy()
  }
}

test('a late joiner follows the facilitator and sees the running timer in the server\'s time; leaving and coming back is one click', async () => {
  const board = await createBoard(env.server.url, 'Coopération Loire', 'en')
  const { page: f } = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  await speakAsFacilitation(f)

  // The facilitator goes to Values, brings everyone there and starts a 3-minute timer.
  await section(f, 'Values')
  const panel = await roomPanel(f)
  await panel.getByRole('button', { name: 'Bring everyone here' }).click()
  await f.getByText('You are leading everyone: Values.').first().waitFor()
  await panel.getByLabel('Minutes').fill('3')
  await panel.getByRole('button', { name: 'Start' }).click()
  await f.locator('.room-timer--chip[data-timer-state="running"]').waitFor()

  // Two seconds later, someone joins whose device clock is five minutes ahead.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const late = await newPerson(env.browser)
  await late.context.addInitScript(() => {
    const realNow = Date.now.bind(Date)
    Date.now = () => realNow() + 5 * 60_000
  })
  const p = late.page
  await p.goto(inviteLink(env.server.url, board.id, board.invites.participant))
  await p.getByLabel('Your name').fill('Paul Partner')
  await p.getByLabel('Your organisation').fill('ADMR')
  await p.getByRole('button', { name: 'Join' }).click()

  // They land where the facilitator is, told so.
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'values')
  expect(new URL(p.url()).searchParams.get('view')).toBe('values')
  const banner = p.getByRole('region', { name: 'Follow the facilitator' })
  await banner.getByText('You are following Fanny Facilitator: Values.').waitFor()

  // The timer's time left is the server's, within a second, whatever the device's clock says.
  const chip = p.locator('.room-timer--chip[data-timer-state="running"]')
  await chip.waitFor()
  await p.waitForFunction(() => {
    const ms = Number(document.querySelector('.room-timer--chip')?.getAttribute('data-remaining-ms'))
    return ms > 0 && ms < 180_000
  })
  const [shown, truth] = await Promise.all([
    chip.getAttribute('data-remaining-ms').then(Number),
    serverTimeLeft(board.id, board.invites.observer),
  ])
  console.log(`late joiner (clock +5 min): shows ${shown} ms left, server says ${Math.round(truth)} ms`)
  expect(Math.abs(shown - truth)).toBeLessThan(1500)
  expect(shown).toBeLessThan(179_000)
  expect(await chip.getByRole('timer').getAttribute('aria-label')).toMatch(/^Timer: 2:[0-5]\d, Time left$/)

  // The facilitator moves on: the participant follows.
  await section(f, 'Interests')
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'interests')
  await banner.getByText('You are following Fanny Facilitator: Interests.').waitFor()

  // One click to leave; the facilitator's next move no longer carries them.
  await banner.getByRole('button', { name: 'Browse on my own' }).click()
  await banner.getByText('Fanny Facilitator is showing Interests. You are browsing on your own.').waitFor()
  await section(p, 'Partners')
  await section(f, 'History')
  await f.getByText('You are leading everyone: History.').first().waitFor()
  await banner.getByText('Fanny Facilitator is showing History. You are browsing on your own.').waitFor()
  expect(await currentSection(p)).toBe('partners')

  // One click to come back.
  await banner.getByRole('button', { name: 'Follow the facilitator' }).click()
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'history')
  await banner.getByText('You are following Fanny Facilitator: History.').waitFor()

  // Going elsewhere oneself leaves too; the keyboard brings them back.
  await section(p, 'Values')
  await banner.getByText('Fanny Facilitator is showing History. You are browsing on your own.').waitFor()
  await banner.getByRole('button', { name: 'Follow the facilitator' }).focus()
  await p.keyboard.press('Enter')
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'history')

  // Someone writing is not taken away from their text: the move waits, or they go now.
  await section(f, 'Partners')
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'partners')
  await p.getByRole('button', { name: 'Add a partner' }).click()
  await p.getByRole('form', { name: 'New partner' }).getByLabel('Name', { exact: true }).fill('Half-written partner')
  await section(f, 'Values')
  await banner.getByText('Fanny Facilitator moved to Values. You will follow once the text you are writing here is sent or cleared.').waitFor()
  expect(await currentSection(p)).toBe('partners')
  await banner.getByRole('button', { name: 'Go now' }).click()
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'values')
  await banner.getByText('You are following Fanny Facilitator: Values.').waitFor()
  await section(f, 'History')
  await p.waitForFunction(() => document.querySelector('.board__main')?.getAttribute('data-section') === 'history')

  // The facilitator stops leading: the banner goes, the participant stays where they are.
  await f.locator('.follow-banner--lead').getByRole('button', { name: 'Stop leading' }).click()
  await banner.waitFor({ state: 'detached' })
  expect(await currentSection(p)).toBe('history')
  await late.context.close()
}, 90_000)

test('the room display: the facilitator\'s section, the timer, the join QR and code; readable at 1920×1080 and 1280×720', async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  const board = await createBoard(env.server.url, 'Coopération Loire', 'en')
  const { page: f } = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  const { page: p } = await env.join(board, 'participant', 'Paul Partner', 'ADMR')
  await speakAsFacilitation(f)

  // Some content: two values.
  await section(f, 'Values')
  for (const text of ['Put the service user at the heart of the system', 'Be an actor, not only a provider']) {
    await f.getByLabel('Value', { exact: true }).fill(text)
    await f.getByRole('button', { name: 'Propose the value' }).click()
    await f.locator('li[data-value]', { hasText: text }).waitFor()
  }

  // And cards on the map, written by another facilitator's stock client.
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, new Y.Doc(), { personKey: personKeyOf('seeder') })
  await waitSynced(seeder)
  const seedActor = testActor('Sam', FACILITATION, 'facilitator', personKeyOf('seeder'))
  const admr = addPartner(seeder.doc, seedActor, { name: 'ADMR Loire' })
  const apf = addPartner(seeder.doc, seedActor, { name: 'APF France handicap' })
  addCard(seeder.doc, seedActor, { text: 'Share a van for home visits', kind: 'interest', partnerId: admr, x: 150, y: 150 })
  addCard(seeder.doc, seedActor, { text: 'Training for home helpers', kind: 'brings', partnerId: apf, x: 500, y: 300 })

  // The facilitator shows a link for the room, leads only the room display, starts a timer.
  const panel = await roomPanel(f)
  await panel.getByRole('button', { name: 'Create a link for the room' }).click()
  await panel.getByText('The room display now shows this link.').waitFor()
  await panel.getByRole('button', { name: 'Show here on the room display only' }).click()
  await panel.getByLabel('Minutes').fill('10')
  await panel.getByRole('button', { name: 'Start' }).click()

  // The participant isn't led (the display only) and never sees the join code.
  await p.locator('.room-timer--chip[data-timer-state="running"]').waitFor()
  expect(await p.getByRole('region', { name: 'Follow the facilitator' }).count()).toBe(0)
  await expectNoAxeViolations(f, 'board with the Room and projector panel open, leading the display')

  const sizes = [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]
  let code = ''
  for (const viewport of sizes) {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport })
    const d = await context.newPage()
    d.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
    await d.goto(inviteLink(env.server.url, board.id, board.invites.display))
    await d.locator('.room-display[data-section="values"]').waitFor()
    await d.locator('.room-display .room-timer--display[data-timer-state="running"]').waitFor()
    await d.getByRole('img', { name: 'QR code of the participant link' }).waitFor()
    code = (await d.getByTestId('room-join-code').textContent()) ?? ''
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
    await d.locator('li[data-value]', { hasText: 'Be an actor, not only a provider' }).waitFor()
    // No editing chrome.
    expect(await d.getByRole('button', { name: 'Propose the value' }).count()).toBe(0)
    expect(await d.getByRole('navigation', { name: 'Board sections' }).count()).toBe(0)

    for (const shown of ['values', 'charter', 'interests'] as const) {
      if (shown !== 'values') {
        await section(f, shown === 'charter' ? 'Charter' : 'Interests')
        await d.locator(`.room-display[data-section="${shown}"]`).waitFor()
        await d.waitForTimeout(300) // let the section lay out before measuring
      }
      if (shown === 'interests') await d.locator('.projected-map__page .show-card', { hasText: 'Share a van for home visits' }).waitFor()
      if (viewport.width === 1920) await expectNoAxeViolations(d, `room display, ${shown}`)
      const layout = await d.evaluate(() => {
        const main = document.querySelector('.room-display__main')!.getBoundingClientRect()
        const px = (selector: string) => {
          const element = document.querySelector(selector)
          return element ? parseFloat(getComputedStyle(element).fontSize) : null
        }
        return {
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, mainWidth: main.width,
          valueText: px('.value__text'), charterText: px('.charter__content p'), cardText: px('.show-card__text'),
          // A card's text as the room sees it: its font size times any scale on the way to the screen.
          cardTextOnScreen: (() => {
            const text = document.querySelector<HTMLElement>('.projected-map__page .show-card__text')
            if (!text) return null
            let scale = 1
            for (let a: Element | null = text; a; a = a.parentElement) {
              const transform = getComputedStyle(a).transform
              if (transform && transform !== 'none') scale *= new DOMMatrix(transform).a
            }
            return parseFloat(getComputedStyle(text).fontSize) * scale
          })(),
          timer: px('.room-timer--display .room-timer__time'), code: px('.room-display__code'),
          qr: document.querySelector('.room-display__join .qr-code')!.getBoundingClientRect().width,
        }
      })
      console.log(`room display ${viewport.width}×${viewport.height} ${shown}: ${JSON.stringify(layout)}`)
      expect(layout.scrollWidth, `${shown}: no horizontal scroll`).toBeLessThanOrEqual(layout.innerWidth)
      expect(layout.mainWidth / layout.innerWidth, `${shown}: main content width`).toBeGreaterThan(0.8)
      const minText = 28 * viewport.width / 1920 - 0.5
      if (shown === 'values') expect(layout.valueText!).toBeGreaterThanOrEqual(minText)
      if (shown === 'charter') expect(layout.charterText!).toBeGreaterThanOrEqual(minText)
      // The map as tiles (client/room/ProjectedMap.tsx): card text never under 1/80 of the width nor
      // 18 px, larger when the map is small (tests/browser/room-map.test.ts measures realistic maps).
      if (shown === 'interests') expect(layout.cardTextOnScreen!).toBeGreaterThanOrEqual(Math.max(18, viewport.width / 80) - 0.01)
      expect(layout.timer!).toBeGreaterThanOrEqual(2 * minText)
      expect(layout.code!).toBeGreaterThanOrEqual(minText)
      expect(layout.qr).toBeGreaterThan(viewport.width * 0.12)
      await d.screenshot({ path: `${ARTIFACTS}room-display-${shown}-${viewport.width}x${viewport.height}.png` })
    }
    // Map or matrix: the facilitator's choice reaches the display too.
    await f.getByRole('button', { name: 'Matrix (table)' }).click()
    await d.getByTestId('interests-matrix').waitFor()
    await f.getByRole('button', { name: 'Map' }).click()
    await d.locator('.projected-map__page .show-card').first().waitFor()
    await section(f, 'Values')
    await context.close()
  }

  // What the display shows is the participant link's code; the participant's own page never has it.
  expect(await p.content()).not.toContain(code)
  seeder.destroy()
}, 150_000)

test('the end of the timer: "Time is up" on screen and said once, politely, to screen readers; the banner and timer fit a phone', async () => {
  const board = await createBoard(env.server.url, 'Coopération Loire', 'en')
  const { page: f } = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  const { page: p } = await env.join(board, 'participant', 'Paul Partner', 'ADMR', { width: 390 })
  await speakAsFacilitation(f)
  const panel = await roomPanel(f)
  await panel.getByRole('button', { name: 'Bring everyone here' }).click()
  await panel.getByLabel('Minutes').fill('0.05') // three seconds
  await panel.getByRole('button', { name: 'Start' }).click()
  await p.locator('.room-timer--chip[data-timer-state="running"]').waitFor()
  await p.getByRole('button', { name: 'Browse on my own' }).waitFor()
  await expectNoAxeViolations(p, 'phone: board with the follow banner and the timer running')
  const phone = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    button: document.querySelector('.follow-banner button')!.getBoundingClientRect().height,
  }))
  expect(phone.scrollWidth).toBeLessThanOrEqual(phone.innerWidth)
  expect(phone.button).toBeGreaterThanOrEqual(44)
  await p.screenshot({ path: `${ARTIFACTS}room-follow-phone-390.png` })
  const ended = p.locator('.room-timer--chip[data-timer-state="ended"]')
  await ended.waitFor({ timeout: 10_000 })
  expect(await ended.getByRole('timer').getAttribute('aria-label')).toBe('Timer: 0:00, Time is up')
  await p.waitForFunction(() => [...document.querySelectorAll('.room-timer [aria-live="polite"]')].some((region) => region.textContent === 'Time is up'))
  // A reset makes it ready again, which hides it from the participants.
  await panel.getByRole('button', { name: 'Reset' }).click()
  await ended.waitFor({ state: 'detached' })
  expect(await p.locator('.room-timer').count()).toBe(0)
}, 60_000)
