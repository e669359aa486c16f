/**
 * The interests map on the room display, readable from the back of the room: the facilitator shows
 * the map (follow-me, `mode=map`) and the display lays it out as a presentation (groups as tiles
 * in columns, their kind and every card's partner kept). Measured in Chromium at 1920×1080 and
 * 1280×720: card text at least 24 px and 18 px on screen, no card on another, none off the screen or
 * cut, every card on exactly one page (pages turn when they don't all fit), the timer and join QR
 * still beside it, and no axe violation. Screenshots under tests/artifacts/.
 */
import { mkdirSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard, createGroup, freePosition, listCards, listGroups, type GroupKind } from '../../shared/board/interests.ts'
import { placeNewGroup } from '../../shared/board/map-layout.ts'
import { addPartner, listPartners } from '../../shared/board/partners.ts'
import { leadRoom } from '../../shared/board/room.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { expectNoAxeViolations } from './axe.ts'
import { inviteLink, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname

/** What partners write on a real board: 25 to 90 characters. */
const TEXTS = [
  'Share a van for home visits', 'Pool the payroll and HR administration', 'A shared replacement service for absent staff',
  'Our expertise in disability and accessibility', 'Premises in Saint-Nazaire for joint activities', 'Train our volunteers together',
  'Keep our own association project and identity', 'Joint answers to calls for projects', 'A common IT helpdesk',
  'Better coordination of home care around each person', 'Reach isolated elderly people in rural areas',
  'Our network of 400 volunteers across the department', 'Shared training catalogue for night staff',
  'Weigh more in negotiations with the department', 'A single phone number for families', 'Our legal and accounting team',
  'Respite for carers at weekends', 'Transport for people with reduced mobility', 'Recognition of our place in the territory',
  'A shared observatory of needs', 'Our know-how in running a day centre', 'Exchange of practices between team leaders',
  'Stable funding for three years', 'Pool purchasing: vehicles, insurance, supplies', 'Joint communication towards elected officials',
  'Our volunteers’ time for the welcome desk', 'Mutual staff loans during holidays', 'A quality approach common to all partners',
  'Keep decisions close to local sections', 'Our meeting rooms, free of charge', 'Young people in civic service shared between us',
  'A common client file that respects consent and privacy', 'Prevention workshops in villages', 'Our links with hospitals and GPs',
  'Fewer empty trips for home helpers', 'Joint recruitment campaigns', 'Accessible documents in easy-to-read language',
  'Support for carers of people with dementia', 'Our experience of European funding', 'Evaluate the cooperation after one year',
]

interface Seeded {
  board: CreateBoardResponse
  partners: { id: string; label: string; color: string }[]
  /** Card id → partner id. */
  cards: Map<string, string>
  /** Group name → its derived kind. */
  kinds: Map<string, GroupKind>
}

/**
 * A board with `partnerCount` partners, `cardCount` cards spread over them (written as the composer
 * places them), `groups` groups (convergent, complementary and specific ones) and some cards left
 * alone; the facilitator (a stock client) brings the room display to the map, starts a timer and
 * shows a participant link.
 */
async function seedMap(title: string, partnerCount: number, cardCount: number, groupSpecs: { name: string; cards: number[] }[]): Promise<Seeded> {
  const board = await createBoard(env.server.url, title, 'en')
  const client = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, new Y.Doc(), { personKey: personKeyOf('fanny') })
  try {
    await waitSynced(client)
    const doc = client.doc
    const fanny = testActor('Fanny', FACILITATION, 'facilitator', personKeyOf('fanny'))
    const names = ['ADMR Loire', 'APF France handicap', 'Uriopss Pays de la Loire', 'Familles Rurales 44', 'Croix-Rouge Nantes', 'UNA Loire-Atlantique', 'Secours populaire', 'Petits Frères des Pauvres']
    const shorts = ['ADMR', 'APF', 'Uriopss', 'Familles Rurales', 'Croix-Rouge', 'UNA', 'SPF', 'PFP']
    const partnerIds = names.slice(0, partnerCount).map((name, i) => addPartner(doc, fanny, { name, shortName: i % 2 ? shorts[i] : '' }))
    const cardIds: string[] = []
    for (let i = 0; i < cardCount; i++) {
      const partnerId = partnerIds[i % partnerCount]!
      const text = `${TEXTS[i % TEXTS.length]}${i >= TEXTS.length ? ` (${Math.floor(i / TEXTS.length) + 1})` : ''}`
      const at = freePosition(partnerIds, listCards(doc), partnerId, listGroups(doc))
      cardIds.push(addCard(doc, fanny, { text, kind: i % 3 === 2 ? 'brings' : 'interest', partnerId, ...at }))
    }
    for (const spec of groupSpecs) {
      const ids = spec.cards.map((i) => cardIds[i]!)
      const chosen = listCards(doc).filter((c) => ids.includes(c.id))
      const want = { x: chosen.reduce((s, c) => s + c.x, 0) / chosen.length, y: chosen.reduce((s, c) => s + c.y, 0) / chosen.length }
      createGroup(doc, fanny, { name: spec.name, ...placeNewGroup(listCards(doc), listGroups(doc), ids, want), cardIds: ids })
    }
    leadRoom(doc, fanny, { section: 'interests', params: { mode: 'map' } }, 'display')
    const partners = listPartners(doc).map((p) => ({ id: p.id, label: p.shortName || p.name, color: p.color }))
    const cards = new Map(listCards(doc).map((c) => [c.id, c.partnerId]))
    const kinds = new Map(listGroups(doc).map((g) => [g.name, g.kind]))
    // Written through to the server before the display opens.
    const witness = connectClient(env.server.wsUrl, board.id, board.invites.observer, new Y.Doc())
    await waitSynced(witness)
    await waitFor(() => expect(listCards(witness.doc)).toHaveLength(cardCount))
    witness.destroy()

    const auth = { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' }
    const timer = await fetch(`${env.server.url}/api/boards/${board.id}/room/timer`, { method: 'POST', headers: auth, body: JSON.stringify({ action: 'start', durationMs: 600_000 }) })
    expect(timer.status).toBe(200)
    const link = await fetch(`${env.server.url}/api/boards/${board.id}/room/join-link`, { method: 'PUT', headers: auth, body: JSON.stringify({ token: board.invites.participant }) })
    expect(link.status).toBe(200)
    return { board, partners, cards, kinds }
  } catch (error) {
    console.error(env.server.logs.slice(-40).join('\n'))
    throw error
  } finally {
    client.destroy()
  }
}

interface PageReport {
  page: number
  pages: number
  textPx: number
  cards: { id: string; partnerId: string; chip: string; chipColor: string; textPx: number; headPx: number; x: number; y: number; w: number; h: number; cut: boolean }[]
  tiles: { id: string; name: string; kind: string; x: number; y: number; w: number; h: number }[]
  side: { left: number; qr: number; timer: boolean }
  scroll: { width: number; height: number; innerWidth: number; innerHeight: number }
}

/** What the display shows now, measured on screen. */
function measurePage(d: Page): Promise<PageReport> {
  return d.evaluate(() => {
    const map = document.querySelector<HTMLElement>('[data-testid="projected-map"]')!
    const box = (el: Element) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height } }
    // On-screen size: the computed size times any scale between the element and the screen.
    const onScreen = (el: HTMLElement) => {
      let scale = 1
      for (let a: Element | null = el; a; a = a.parentElement) {
        const transform = getComputedStyle(a).transform
        if (transform && transform !== 'none') scale *= Math.hypot(new DOMMatrix(transform).a, new DOMMatrix(transform).b)
      }
      return parseFloat(getComputedStyle(el).fontSize) * scale
    }
    const cards = [...map.querySelectorAll<HTMLElement>('.projected-map__page .show-card')].map((card) => {
      const text = card.querySelector<HTMLElement>('.show-card__text')!
      const chip = card.querySelector<HTMLElement>('.show-card__partner')!
      return {
        id: card.dataset.cardId!, partnerId: card.dataset.partnerId!, chip: chip.textContent ?? '',
        chipColor: getComputedStyle(card).getPropertyValue('--partner').trim(),
        textPx: onScreen(text), headPx: onScreen(chip), ...box(card),
        cut: card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1,
      }
    })
    const tiles = [...map.querySelectorAll<HTMLElement>('.projected-map__page .show-tile')].map((tile) => ({
      id: tile.dataset.tileId!, name: tile.querySelector('.show-tile__name')!.childNodes[0]!.textContent ?? '',
      kind: [...tile.classList].find((c) => c.startsWith('show-tile--'))!.slice('show-tile--'.length), ...box(tile),
    }))
    const side = document.querySelector('.room-display__side')!.getBoundingClientRect()
    return {
      page: Number(map.dataset.page), pages: Number(map.dataset.pages), textPx: Number(map.dataset.textPx),
      cards, tiles,
      side: { left: side.left, qr: document.querySelector('.room-display__join .qr-code')?.getBoundingClientRect().width ?? 0, timer: document.querySelector('.room-timer--display[data-timer-state="running"]') !== null },
      scroll: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, innerWidth: window.innerWidth, innerHeight: window.innerHeight },
    }
  })
}

type Box = { x: number; y: number; w: number; h: number }
const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5

/** Opens the display, steps through every page and checks each; returns what it saw. */
async function checkDisplay(seeded: Seeded, viewport: { width: number; height: number }, shot: string, minText: number, { watchTurn = false } = {}) {
  const context = await env.browser.newContext({ locale: 'en-GB', viewport })
  const d = await context.newPage()
  d.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  try {
    await d.goto(inviteLink(env.server.url, seeded.board.id, seeded.board.invites.display))
    await d.locator('.room-display[data-section="interests"]').waitFor()
    await d.locator('[data-testid="projected-map"] .projected-map__page .show-card').first().waitFor()
    await d.getByRole('img', { name: 'QR code of the participant link' }).waitFor()
    await d.locator('.room-timer--display[data-timer-state="running"]').waitFor()
    await d.evaluate(() => document.fonts.ready)
    // The spatial canvas and its tools are not on the projector.
    expect(await d.getByTestId('interests-map').count()).toBe(0)
    expect(await d.getByRole('button', { name: 'Fit to screen' }).count()).toBe(0)
    expect(await d.getByRole('button', { name: 'Matrix (table)' }).count()).toBe(0)

    const first = await measurePage(d)
    if (first.pages > 1 && watchTurn) {
      // Left alone, the display turns to the next page by itself (every PAGE_SECONDS, 20 s).
      await d.waitForFunction(() => document.querySelector('[data-testid="projected-map"]')?.getAttribute('data-page') === '2', undefined, { timeout: 40_000 })
      await d.getByRole('button', { name: 'Previous page' }).click()
      await d.waitForFunction(() => document.querySelector('[data-testid="projected-map"]')?.getAttribute('data-page') === '1')
    }
    if (first.pages > 1) {
      // Hold the page while measuring (it turns by itself every 20 s).
      await d.getByRole('button', { name: 'Hold this page' }).click()
      expect(await d.getByRole('button', { name: 'Hold this page' }).getAttribute('aria-pressed')).toBe('true')
    }
    const seen = new Map<string, number>()
    const reports: PageReport[] = []
    for (let p = 1; p <= first.pages; p++) {
      if (p > 1) {
        await d.getByRole('button', { name: 'Next page' }).click()
        await d.waitForFunction((n) => document.querySelector('[data-testid="projected-map"]')?.getAttribute('data-page') === String(n), p)
        await expect.poll(() => d.getByTestId('projected-map-page').textContent()).toBe(`Page ${p} of ${first.pages}`)
      }
      const report = await measurePage(d)
      reports.push(report)
      const where = `${viewport.width}×${viewport.height}, page ${p}/${report.pages}`
      expect(report.cards.length, `${where}: cards on the page`).toBeGreaterThan(0)
      for (const card of report.cards) {
        seen.set(card.id, (seen.get(card.id) ?? 0) + 1)
        expect(card.textPx, `${where}: card text size`).toBeGreaterThanOrEqual(minText - 0.01)
        expect(card.cut, `${where}: card ${card.chip} cut`).toBe(false)
        // On screen, and clear of the timer and QR column.
        expect(card.x).toBeGreaterThanOrEqual(0)
        expect(card.y).toBeGreaterThanOrEqual(0)
        expect(card.x + card.w, `${where}: card right edge`).toBeLessThanOrEqual(report.side.left)
        expect(card.y + card.h, `${where}: card bottom edge`).toBeLessThanOrEqual(report.scroll.innerHeight)
        // Its partner's label and colour.
        const partner = seeded.partners.find((x) => x.id === seeded.cards.get(card.id))!
        expect(card.partnerId).toBe(partner.id)
        expect(card.chip).toBe(partner.label)
        expect(card.chipColor.toLowerCase()).toBe(partner.color.toLowerCase())
      }
      const clashes = report.cards.flatMap((a, i) => report.cards.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${a.id}/${b.id}`))
      expect(clashes, `${where}: cards on one another`).toEqual([])
      const tileClashes = report.tiles.flatMap((a, i) => report.tiles.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${a.name}/${b.name}`))
      expect(tileClashes, `${where}: tiles on one another`).toEqual([])
      for (const tile of report.tiles) {
        expect(tile.y + tile.h, `${where}: tile ${tile.name} bottom`).toBeLessThanOrEqual(report.scroll.innerHeight)
        // Its kind, as the board derives it.
        const kind = seeded.kinds.get(tile.name)
        if (kind) expect(tile.kind, `${tile.name}'s kind`).toBe(kind)
        else expect(tile.kind).toBe('ungrouped')
      }
      expect(report.scroll.width, `${where}: no horizontal scroll`).toBeLessThanOrEqual(report.scroll.innerWidth)
      expect(report.scroll.height, `${where}: no vertical scroll`).toBeLessThanOrEqual(report.scroll.innerHeight)
      expect(report.side.timer).toBe(true)
      expect(report.side.qr).toBeGreaterThan(viewport.width * 0.12)
      if (p === 1) await expectNoAxeViolations(d, `room display, interests map ${where}`)
      await d.screenshot({ path: `${ARTIFACTS}${shot}${report.pages > 1 ? `-page${p}` : ''}.png` })
    }
    // Every card once, on exactly one page.
    expect(new Set(seen.keys())).toEqual(new Set(seeded.cards.keys()))
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    const texts = reports.flatMap((r) => r.cards.map((c) => c.textPx))
    const heads = reports.flatMap((r) => r.cards.map((c) => c.headPx))
    const summary = {
      pages: first.pages, textPx: Math.min(...texts).toFixed(1), partnerLabelPx: Math.min(...heads).toFixed(1),
      cardsPerPage: reports.map((r) => r.cards.length), tilesPerPage: reports.map((r) => r.tiles.length),
    }
    console.log(`room display map ${viewport.width}×${viewport.height} (${seeded.cards.size} cards, ${seeded.partners.length} partners, ${seeded.kinds.size} groups): ${JSON.stringify(summary)}`)
    return summary
  } finally {
    await context.close()
  }
}

test('3 partners, 24 cards, 4 groups: the display shows the map as tiles readable from the back of the room at 1920×1080 and 1280×720', async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  // 24 cards: i % 3 is the partner (0 ADMR, 1 APF, 2 Uriopss); i % 3 === 2 brings, else interest.
  const seeded = await seedMap('Coopération Loire', 3, 24, [
    { name: 'Support functions', cards: [1, 3, 9, 10] }, // ADMR and APF interests: convergent
    { name: 'Training', cards: [4, 5, 8] }, // APF's interest, Uriopss brings: complementary
    { name: 'Our own project', cards: [6, 12] }, // ADMR only: its own logic
    { name: 'Funding and weight', cards: [13, 15, 16, 18, 19] }, // APF and ADMR interests: convergent
  ])
  expect([...seeded.kinds.values()].sort()).toEqual(['complementary', 'convergent', 'convergent', 'specific'])
  const big = await checkDisplay(seeded, { width: 1920, height: 1080 }, 'room-display-interests-map-1920x1080', 24)
  const small = await checkDisplay(seeded, { width: 1280, height: 720 }, 'room-display-interests-map-1280x720', 18)
  // A board of this size fits one screen at 1920×1080.
  expect(big.pages).toBe(1)
  expect(small.pages).toBeLessThanOrEqual(2)
}, 150_000)

test('8 partners, 60 cards, 8 groups: never below the readable size; pages instead, each card on one', async () => {
  const groups = Array.from({ length: 8 }, (_, g) => ({ name: `Theme ${g + 1}`, cards: Array.from({ length: 3 + (g % 4) }, (_, k) => g * 6 + k) }))
  const seeded = await seedMap('Coopération Loire élargie', 8, 60, groups)
  await checkDisplay(seeded, { width: 1920, height: 1080 }, 'room-display-interests-map-8-partners-1920x1080', 24)
  await checkDisplay(seeded, { width: 1280, height: 720 }, 'room-display-interests-map-8-partners-1280x720', 18, { watchTurn: true })
}, 240_000)
