/**
 * The interests map at workshop scale: 8 partners' 300 cards and 12 groups (a few written through
 * the UI, the rest placed by a stock client with the board's own placement) land with no card on
 * another on screen; pan, zoom (buttons, Ctrl+wheel, keys) and fit work; on a phone a finger drags
 * a card (a second page sees it move), two fingers zoom, and the page never scrolls sideways.
 * Values reorder by touch too.
 */
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard, createGroup, freePosition, listCards, listGroups } from '../../shared/board/interests.ts'
import { placeNewGroup } from '../../shared/board/map-layout.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { interestsOf } from '../../shared/board/schema.ts'
import { listValues, proposeValue } from '../../shared/board/values.ts'
import { createBoard } from '../helpers/api.ts'
import { testActor } from '../helpers/actors.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { expectNoAxeViolations } from './axe.ts'
import { mapCard, writeCard } from './interests-support.ts'
import { inviteLink, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

const seeder = testActor('Seed', FACILITATION, 'facilitator')
const PARTNERS = ['ADMR Loire', 'APF Handicap', 'UNA', 'Croix-Rouge', 'Apajh', 'Adapei', 'Emmaüs', 'Secours populaire']

async function seeded(title: string, partnerNames: string[]) {
  const board = await createBoard(env.server.url, title, 'en')
  const client = connectClient(env.server.wsUrl, board.id, board.invites.facilitator)
  clients.push(client)
  await waitSynced(client)
  const partnerIds = partnerNames.map((name) => addPartner(client.doc, seeder, { name }))
  return { board, client, partnerIds }
}

interface PersonOptions { width: number; height: number; touch?: boolean }

async function person({ width, height, touch = false }: PersonOptions) {
  const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width, height }, hasTouch: touch, isMobile: touch })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  return { context, page }
}

/** Opens a link at a section, says who one is and whom one speaks for. */
async function join(page: Page, link: string, view: 'interests' | 'values', name: string, speaksFor: string) {
  await page.goto(link.replace('#', `?view=${view}#`))
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your organisation').fill('Uriopss')
  await page.getByRole('button', { name: 'Join' }).click()
  const prompt = page.locator('.speaks-for-prompt')
  await prompt.getByRole('radio', { name: speaksFor }).first().check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await prompt.waitFor({ state: 'detached' })
}

interface Box { id: string; x: number; y: number; w: number; h: number; grouped: boolean }

/** Every card's and group's box as drawn on screen. */
function screenBoxes(page: Page): Promise<{ cards: Box[]; groups: Box[]; viewport: Box }> {
  return page.evaluate(() => {
    const box = (el: Element, id: string): Box => {
      const r = el.getBoundingClientRect()
      return { id, x: r.left, y: r.top, w: r.width, h: r.height, grouped: !!el.parentElement?.closest('[data-group-id]') }
    }
    const map = document.querySelector('[data-testid="interests-map"]')!
    return {
      cards: [...map.querySelectorAll<HTMLElement>('[data-card-id]')].map((el) => box(el, el.dataset.cardId!)),
      groups: [...map.querySelectorAll<HTMLElement>('[data-group-id]')].map((el) => box(el, el.dataset.groupId!)),
      viewport: box(map, 'viewport'),
    }
  })
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5

function overlappingPairs(boxes: { cards: Box[]; groups: Box[] }): string[] {
  const pairs: string[] = []
  const { cards, groups } = boxes
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) if (overlap(cards[i]!, cards[j]!)) pairs.push(`${cards[i]!.id}/${cards[j]!.id}`)
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) if (overlap(groups[i]!, groups[j]!)) pairs.push(`${groups[i]!.id}/${groups[j]!.id}`)
  for (const card of cards.filter((c) => !c.grouped)) for (const group of groups) if (overlap(card, group)) pairs.push(`${card.id}/${group.id}`)
  return pairs
}

const zoomLevel = async (page: Page) => Number((await page.getByTestId('map-zoom-level').textContent())!.replace(/\D/g, ''))

/** A point of the viewport with nothing on it (for panning). */
function emptyPoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid="interests-map"]')!.getBoundingClientRect()
    for (let fy = 0.95; fy > 0.05; fy -= 0.05) {
      for (let fx = 0.95; fx > 0.05; fx -= 0.05) {
        const x = map.left + map.width * fx
        const y = map.top + map.height * fy
        const hit = document.elementFromPoint(x, y)
        if (hit && (hit.classList.contains('map-plane') || hit.classList.contains('map-viewport'))) return { x, y }
      }
    }
    throw new Error('no empty point on the map')
  })
}

/** A one-finger drag through the DevTools protocol (touch events, as a phone sends them). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y, id: 1 }] })
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps
    const y = from.y + ((to.y - from.y) * i) / steps
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y, id: 1 }] })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

/** Two fingers moving apart around `at`. */
async function pinchOut(page: Page, at: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page)
  const points = (d: number) => [{ x: at.x - d, y: at.y, id: 1 }, { x: at.x + d, y: at.y, id: 2 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(20) })
  for (let d = 25; d <= 90; d += 5) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(d) })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

test('8 partners place 300 cards in 12 groups and alone: none covers another; pan, zoom and fit', async () => {
  const { board, client, partnerIds } = await seeded('Map 300', PARTNERS)
  const fanny = await person({ width: 1280, height: 900 })
  await join(fanny.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'interests', 'Fanny Facilitator', 'Facilitation')

  // A few cards through the UI, on behalf of different partners.
  for (const [i, name] of PARTNERS.slice(0, 4).entries()) {
    await writeCard(fanny.page, `Written in the room ${i}`, i % 2 ? 'brings' : 'interest', name)
    await mapCard(fanny.page, `Written in the room ${i}`).waitFor()
  }
  await waitFor(() => expect(listCards(client.doc)).toHaveLength(4))

  // The rest by a stock client, each placed as the composer places it; a group every 24 cards.
  for (let i = 4; i < 300; i++) {
    const partnerId = partnerIds[(i * 5) % 8]!
    const at = freePosition(partnerIds, listCards(client.doc), partnerId, listGroups(client.doc))
    addCard(client.doc, seeder, { text: `Card ${i}: pooled training, shared transport, joint watch`, kind: i % 3 ? 'interest' : 'brings', partnerId, ...at })
    if (i % 24 === 23) {
      const free = listCards(client.doc).filter((card) => !card.groupId)
      const chosen = free.filter((_, k) => k % 7 === 0).slice(0, 6)
      const want = { x: chosen.reduce((s, c) => s + c.x, 0) / chosen.length, y: chosen.reduce((s, c) => s + c.y, 0) / chosen.length }
      const spot = placeNewGroup(listCards(client.doc), listGroups(client.doc), chosen.map((c) => c.id), want)
      createGroup(client.doc, seeder, { name: `Group ${listGroups(client.doc).length + 1}`, ...spot, cardIds: chosen.map((c) => c.id) })
    }
  }
  expect(listGroups(client.doc)).toHaveLength(12)

  const cards = fanny.page.locator('[data-testid="interests-map"] [data-card-id]')
  await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(300)
  await expect.poll(() => fanny.page.locator('[data-testid="interests-map"] [data-group-id]').count()).toBe(12)
  await fanny.page.getByTestId('interests-map').scrollIntoViewIfNeeded()

  // Fitted: every card inside the map's box, none on another.
  let boxes = await screenBoxes(fanny.page)
  expect(overlappingPairs(boxes)).toEqual([])
  for (const card of boxes.cards) {
    expect(card.x).toBeGreaterThanOrEqual(boxes.viewport.x - 1)
    expect(card.x + card.w).toBeLessThanOrEqual(boxes.viewport.x + boxes.viewport.w + 1)
    expect(card.y).toBeGreaterThanOrEqual(boxes.viewport.y - 1)
    expect(card.y + card.h).toBeLessThanOrEqual(boxes.viewport.y + boxes.viewport.h + 1)
  }
  const fitted = await zoomLevel(fanny.page)
  expect(fitted).toBeLessThan(100)

  // Zoom in with the button: cards get bigger, still apart.
  const zoomIn = fanny.page.getByRole('button', { name: 'Zoom in' })
  await zoomIn.click()
  await zoomIn.click()
  await expect.poll(() => zoomLevel(fanny.page)).toBeGreaterThan(fitted)
  boxes = await screenBoxes(fanny.page)
  expect(boxes.cards[0]!.w).toBeGreaterThan(168 * fitted / 100 + 1)
  expect(overlappingPairs(boxes)).toEqual([])

  // Ctrl+wheel over the map zooms (and the page does not scroll).
  const before = await zoomLevel(fanny.page)
  const scrollY = await fanny.page.evaluate(() => window.scrollY)
  const centre = { x: boxes.viewport.x + boxes.viewport.w / 2, y: boxes.viewport.y + boxes.viewport.h / 2 }
  await fanny.page.mouse.move(centre.x, centre.y)
  await fanny.page.keyboard.down('Control')
  await fanny.page.mouse.wheel(0, -400)
  await fanny.page.keyboard.up('Control')
  await expect.poll(() => zoomLevel(fanny.page)).toBeGreaterThan(before)
  expect(await fanny.page.evaluate(() => window.scrollY)).toBe(scrollY)

  // Dragging the empty map pans it: every card moves by the drag.
  const empty = await emptyPoint(fanny.page)
  const cardBefore = (await screenBoxes(fanny.page)).cards[0]!
  await fanny.page.mouse.move(empty.x, empty.y)
  await fanny.page.mouse.down()
  for (let i = 1; i <= 8; i++) await fanny.page.mouse.move(empty.x - 10 * i, empty.y - 5 * i)
  await fanny.page.mouse.up()
  const cardAfter = (await screenBoxes(fanny.page)).cards.find((c) => c.id === cardBefore.id)!
  expect(cardAfter.x - cardBefore.x).toBeCloseTo(-80, -1)
  expect(cardAfter.y - cardBefore.y).toBeCloseTo(-40, -1)

  // Keys: − zooms out from a focused card; Fit brings everything back in.
  await mapCard(fanny.page, 'Written in the room 0').focus()
  const beforeKey = await zoomLevel(fanny.page)
  await fanny.page.keyboard.press('-')
  await expect.poll(() => zoomLevel(fanny.page)).toBeLessThan(beforeKey)
  await fanny.page.getByRole('button', { name: 'Fit to screen' }).click()
  await expect.poll(() => zoomLevel(fanny.page)).toBe(fitted)

  // Keyboard moves still work, and never onto another card.
  const loose = listCards(client.doc).find((card) => !card.groupId)!
  const focused = fanny.page.locator(`[data-card-id="${loose.id}"]`)
  await focused.focus()
  for (let i = 0; i < 4; i++) {
    await fanny.page.keyboard.press('Shift+ArrowDown')
    await fanny.page.getByTestId('interests-announcer').getByText(/Card moved: \d+% across|No free place/).waitFor()
  }
  await expect.poll(async () => overlappingPairs(await screenBoxes(fanny.page))).toEqual([])
  await expectNoAxeViolations(fanny.page, 'interests map, 300 cards', '[data-testid="interests-section"]')
  await fanny.context.close()
}, 180_000)

test('on a phone: one finger drags a card (another page sees it), drags the map, two fingers zoom; no sideways scroll', async () => {
  const { board, client, partnerIds } = await seeded('Map phone', PARTNERS.slice(0, 3))
  for (let i = 0; i < 12; i++) {
    const partnerId = partnerIds[i % 3]!
    addCard(client.doc, seeder, { text: `Phone card ${String.fromCharCode(65 + i)}`, kind: 'interest', partnerId, ...freePosition(partnerIds, listCards(client.doc), partnerId, listGroups(client.doc)) })
  }
  const phone = await person({ width: 390, height: 844, touch: true })
  const desk = await person({ width: 1100, height: 800 })
  await join(phone.page, inviteLink(env.server.url, board.id, board.invites.participant), 'interests', 'Paul Partner', 'ADMR Loire')
  await join(desk.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'interests', 'Fanny Facilitator', 'Facilitation')
  await phone.page.getByRole('button', { name: 'Map', exact: true }).click()
  const map = phone.page.getByTestId('interests-map')
  await map.scrollIntoViewIfNeeded()
  await expect.poll(() => phone.page.locator('[data-testid="interests-map"] [data-card-id]').count()).toBe(12)
  expect(await noSideScroll(phone.page)).toBe(true)
  const mapBox = (await map.boundingBox())!
  expect(mapBox.x + mapBox.width).toBeLessThanOrEqual(390)

  // Two fingers zoom in around the middle of the map.
  const zoomBefore = await zoomLevel(phone.page)
  await pinchOut(phone.page, { x: mapBox.x + mapBox.width / 2, y: mapBox.y + mapBox.height / 3 })
  await expect.poll(() => zoomLevel(phone.page)).toBeGreaterThan(zoomBefore)
  await phone.page.getByRole('button', { name: 'Fit to screen' }).click()

  // One finger on a card drags it; the desk page and the stock client see it move.
  const card = mapCard(phone.page, 'Phone card A')
  const id = (await card.getAttribute('data-card-id'))!
  const start = (await card.boundingBox())!
  const stored = () => interestsOf(client.doc).toArray().find((item) => item.get('id') === id)!
  const x0 = stored().get('x') as number
  const y0 = stored().get('y') as number
  const deskBefore = await mapCard(desk.page, 'Phone card A').evaluate((el) => (el as HTMLElement).style.transform)
  const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 }
  const empty = await emptyPoint(phone.page)
  await touchDrag(phone.page, from, empty)
  await phone.page.getByTestId('interests-announcer').getByText('“Phone card A” moved.').waitFor()
  await waitFor(() => expect(Math.abs((stored().get('x') as number) - x0) + Math.abs((stored().get('y') as number) - y0)).toBeGreaterThan(5))
  await expect.poll(() => mapCard(desk.page, 'Phone card A').evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(deskBefore)
  expect(overlappingPairs(await screenBoxes(phone.page))).toEqual([])

  // One finger on the empty map pans it, inside the map's box: the page does not move sideways.
  const other = (await mapCard(phone.page, 'Phone card B').boundingBox())!
  const emptyAgain = await emptyPoint(phone.page)
  await touchDrag(phone.page, emptyAgain, { x: emptyAgain.x - 60, y: emptyAgain.y + 30 })
  await expect.poll(async () => (await mapCard(phone.page, 'Phone card B').boundingBox())!.x).toBeLessThan(other.x - 30)
  expect(await noSideScroll(phone.page)).toBe(true)
  expect(await phone.page.evaluate(() => window.scrollX)).toBe(0)

  await phone.context.close()
  await desk.context.close()
}, 120_000)

test('values reorder by touch: a finger on the grip moves a value, the others see the new order', async () => {
  const { board, client } = await seeded('Values touch', ['ADMR Loire', 'APF Handicap'])
  for (const text of ['Put the service user at the heart', 'Be an actor, not only a provider', 'Question ourselves']) proposeValue(client.doc, seeder, { text })
  const phone = await person({ width: 390, height: 844, touch: true })
  await join(phone.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'values', 'Fanny Facilitator', 'Facilitation')
  const order = () => phone.page.locator('li[data-value] h3').allTextContents()
  await expect.poll(order).toEqual(['Put the service user at the heart', 'Be an actor, not only a provider', 'Question ourselves'])
  const grip = phone.page.getByRole('img', { name: /Drag to reorder “Question ourselves”/ })
  await grip.scrollIntoViewIfNeeded()
  const from = (await grip.boundingBox())!
  const first = (await phone.page.locator('li[data-value]').first().boundingBox())!
  await touchDrag(phone.page, { x: from.x + from.width / 2, y: from.y + from.height / 2 }, { x: from.x + from.width / 2, y: first.y + 10 }, 16)
  await expect.poll(order).toEqual(['Question ourselves', 'Put the service user at the heart', 'Be an actor, not only a provider'])
  await waitFor(() => expect(listValues(client.doc).map((v) => v.text)[0]).toBe('Question ourselves'))
  await expect.poll(() => phone.page.getByTestId('values-announcer').textContent()).toBe('“Question ourselves” is now number 1 of 3.')
  expect(await noSideScroll(phone.page)).toBe(true)
  await phone.context.close()
}, 60_000)
