/**
 * `npm run bench` (or `npx tsx tests/bench/map-frames.bench.ts`): frame times of the interests map
 * with 300 cards of 8 partners in 12 groups, in Debian's Chromium (headless, no GPU), while a
 * person pans the map, zooms it (Ctrl+wheel) and drags a card, a few seconds each.
 *
 * The real server (tests/helpers/server.ts) serves the built client (`dist/`, or CLIENT_DIR); a stock
 * y-websocket client seeds the board through the real sync, each card placed by the board's own
 * placement (shared/board/map-layout.ts). In the page, one requestAnimationFrame timestamp per
 * painted frame; a frame time is the gap between two. Pointer events come from Playwright, one at a
 * time (each waits until the page has handled it), about as fast as a hand.
 *
 * Prints one line per gesture: frames, p50 / p95 / max in ms, and the machine's load (a shared
 * 2-core machine says as much about the other processes as about the map). Exits 1 if the map does
 * not show the 300 cards or a gesture has no effect.
 */
import { cpus, loadavg } from 'node:os'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard, createGroup, freePosition, listCards, listGroups } from '../../shared/board/interests.ts'
import { placeNewGroup } from '../../shared/board/map-layout.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { createBoard } from '../helpers/api.ts'
import { testActor } from '../helpers/actors.ts'
import { startServer } from '../helpers/server.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { inviteLink, launchBrowser } from '../browser/support.ts'

const PARTNERS = ['ADMR Loire', 'APF Handicap', 'UNA', 'Croix-Rouge', 'Apajh', 'Adapei', 'Emmaüs', 'Secours populaire']
const seeder = testActor('Seed', FACILITATION, 'facilitator')

/** A string, not a function: tsx would wrap a named inner function in a helper the page lacks. */
function startRecording(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    function tick(time) {
      window.__frames.push(time)
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
}

async function stopRecording(page: Page): Promise<number[]> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames
  })
  return frames.slice(1).map((time, i) => time - frames[i]!)
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

function report(name: string, gaps: number[]): void {
  const sorted = [...gaps].sort((a, b) => a - b)
  const total = gaps.reduce((sum, gap) => sum + gap, 0)
  console.log(`[map-frames] ${name.padEnd(34)} ${String(gaps.length).padStart(4)} frames in ${(total / 1000).toFixed(1)} s: ` +
    `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`)
}

const zoomOf = async (page: Page) => Number((await page.getByTestId('map-zoom-level').textContent())!.replace(/\D/g, ''))

async function main(): Promise<void> {
  const server = await startServer()
  const browser = await launchBrowser()
  let failed = false
  try {
    const board = await createBoard(server.url, 'Map frames', 'en')
    const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    await waitSynced(client)
    const partnerIds = PARTNERS.map((name) => addPartner(client.doc, seeder, { name }))
    client.doc.transact(() => {
      for (let i = 0; i < 300; i++) {
        const partnerId = partnerIds[(i * 5) % 8]!
        const at = freePosition(partnerIds, listCards(client.doc), partnerId, listGroups(client.doc))
        addCard(client.doc, seeder, { text: `Card ${i}: pooled training, shared transport and a joint watch on child protection`, kind: i % 3 ? 'interest' : 'brings', partnerId, ...at })
        if (i % 25 === 24) {
          const chosen = listCards(client.doc).filter((card) => !card.groupId).filter((_, k) => k % 7 === 0).slice(0, 6)
          const want = { x: chosen.reduce((s, c) => s + c.x, 0) / chosen.length, y: chosen.reduce((s, c) => s + c.y, 0) / chosen.length }
          const spot = placeNewGroup(listCards(client.doc), listGroups(client.doc), chosen.map((c) => c.id), want)
          createGroup(client.doc, seeder, { name: `Group ${listGroups(client.doc).length + 1}`, ...spot, cardIds: chosen.map((c) => c.id) })
        }
      }
    })

    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(inviteLink(server.url, board.id, board.invites.facilitator).replace('#', '?view=interests#'))
    await page.getByLabel('Your name').fill('Fanny')
    await page.getByLabel('Your organisation').fill('Uriopss')
    await page.getByRole('button', { name: 'Join' }).click()
    const prompt = page.locator('.speaks-for-prompt')
    await prompt.getByRole('radio', { name: 'Facilitation' }).first().check()
    await prompt.getByRole('button', { name: 'Confirm' }).click()
    const cards = page.locator('[data-testid="interests-map"] [data-card-id]')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="interests-map"] [data-card-id]').length === 300, null, { timeout: 30_000 })
    const map = page.getByTestId('interests-map')
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    console.log(`[map-frames] 300 cards, 8 partners, ${listGroups(client.doc).length} groups; Chromium headless, viewport 1280×900, map ${Math.round(box.width)}×${Math.round(box.height)} px`)

    // Zoom in a little first: a map worth panning.
    await page.getByRole('button', { name: 'Zoom in' }).click()
    await page.getByRole('button', { name: 'Zoom in' }).click()

    // Pan: drag the map from an empty place, back and forth.
    const empty = await page.evaluate(({ left, top, width, height }) => {
      for (let fy = 0.9; fy > 0.1; fy -= 0.05) for (let fx = 0.9; fx > 0.1; fx -= 0.05) {
        const hit = document.elementFromPoint(left + width * fx, top + height * fy)
        if (hit?.classList.contains('map-plane') || hit?.classList.contains('map-viewport')) return { x: left + width * fx, y: top + height * fy }
      }
      return null
    }, { left: box.x, top: box.y, width: box.width, height: box.height })
    if (!empty) throw new Error('no empty place on the map to pan from')
    const firstBefore = await cards.first().boundingBox()
    await startRecording(page)
    await page.mouse.move(empty.x, empty.y)
    await page.mouse.down()
    for (let i = 1; i <= 180; i++) {
      const angle = (i / 180) * Math.PI * 4
      await page.mouse.move(empty.x + Math.sin(angle) * 200, empty.y + (1 - Math.cos(angle)) * 80)
    }
    await page.mouse.move(empty.x - 40, empty.y - 20)
    await page.mouse.up()
    report('pan (drag the map)', await stopRecording(page))
    const firstAfter = await cards.first().boundingBox()
    if (!firstBefore || !firstAfter || Math.abs(firstAfter.x - firstBefore.x) < 10) { failed = true; console.error('[map-frames] the pan did not move the map') }

    // Zoom: Ctrl+wheel in and out around the middle.
    const zoomBefore = await zoomOf(page)
    await startRecording(page)
    await page.mouse.move(centre.x, centre.y)
    await page.keyboard.down('Control')
    for (let i = 0; i < 120; i++) await page.mouse.wheel(0, i % 60 < 30 ? -40 : 40)
    await page.keyboard.up('Control')
    report('zoom (Ctrl+wheel)', await stopRecording(page))
    await page.getByRole('button', { name: 'Fit to screen' }).click()
    await startRecording(page)
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: i < 3 ? 'Zoom in' : 'Zoom out' }).click()
    report('zoom (buttons)', await stopRecording(page))
    if ((await zoomOf(page)) === zoomBefore) console.log('[map-frames] (zoom back where it started)')

    // Drag a card in no group around, then drop it on free space.
    await page.getByRole('button', { name: 'Fit to screen' }).click()
    await page.getByRole('button', { name: 'Zoom in' }).click()
    const target = await page.evaluate(({ x, y }) => {
      const card = [...document.querySelectorAll<HTMLElement>('[data-testid="interests-map"] .map-card--free')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.left > x - 400 && r.right < x + 400 && r.top > y - 250 && r.bottom < y + 250)[0]
      return card ? { id: card.el.dataset.cardId!, x: card.r.left + card.r.width / 2, y: card.r.top + card.r.height / 2 } : null
    }, centre)
    if (!target) throw new Error('no free card near the middle of the map')
    const before = await page.locator(`[data-card-id="${target.id}"]`).evaluate((el) => (el as HTMLElement).style.transform)
    await startRecording(page)
    await page.mouse.move(target.x, target.y)
    await page.mouse.down()
    for (let i = 1; i <= 180; i++) {
      const angle = (i / 180) * Math.PI * 4
      await page.mouse.move(target.x + Math.sin(angle) * 220 + i / 2, target.y + (1 - Math.cos(angle)) * 100)
    }
    await page.mouse.up()
    report('drag a card (live to the others)', await stopRecording(page))
    const after = await page.locator(`[data-card-id="${target.id}"]`).evaluate((el) => (el as HTMLElement).style.transform)
    if (after === before) { failed = true; console.error('[map-frames] the dragged card did not move') }

    console.log(`[map-frames] load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`)
    await context.close()
    client.destroy()
  } finally {
    await browser.close()
    await server.stop()
  }
  if (failed) process.exit(1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
