/**
 * A private-writing round in two browsers: each person's new cards reach nobody else's page — not
 * its screen, not its network traffic (every WebSocket frame and API response is recorded) — until
 * the facilitator reveals them, then both pages show them all.
 */
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { createBoard } from '../helpers/api.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { inviteLink, newPerson, useBrowserAndServer } from './support.ts'
import { joinInterests, mapCard, writeCard } from './interests-support.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

/** Everything the page receives over the network from now on: WebSocket frames and API response bodies. */
function recordTraffic(page: Page): { text(): string } {
  const received: string[] = []
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => received.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')))
  })
  page.on('response', (response) => {
    if (!response.url().includes('/api/')) return
    response.text().then((body) => received.push(body), () => {})
  })
  return { text: () => received.join('\n') }
}

const myDraft = (page: Page, text: string) => page.getByTestId('my-drafts').locator('[data-draft-id]', { hasText: text })

test('a private round keeps each person’s cards out of the other page’s network traffic until the facilitator reveals them', async () => {
  const board = await createBoard(env.server.url, 'Interests private', 'en')
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, undefined, { personKey: personKeyOf('seed') })
  clients.push(seeder)
  await waitSynced(seeder)
  for (const name of ['ADMR Loire', 'APF Handicap']) addPartner(seeder.doc, testActor('Seed', FACILITATION, 'facilitator', personKeyOf('seed')), { name })

  const fanny = await newPerson(env.browser)
  const paul = await newPerson(env.browser)
  const fannyTraffic = recordTraffic(fanny.page)
  const paulTraffic = recordTraffic(paul.page)
  await joinInterests(fanny.page, inviteLink(env.server.url, board.id, board.invites.facilitator), 'Fanny Facilitator', 'Uriopss', 'Facilitation')
  await joinInterests(paul.page, inviteLink(env.server.url, board.id, board.invites.participant), 'Paul Partner', 'ADMR Loire', 'ADMR Loire')

  await writeCard(paul.page, 'Written before the round', 'interest')
  await mapCard(fanny.page, 'Written before the round').waitFor()

  await fanny.page.getByText('Facilitation: private writing and votes').click()
  await fanny.page.getByRole('button', { name: 'Start private writing', exact: true }).click()
  await paul.page.getByTestId('private-round-banner').getByText('Private writing under way').waitFor()

  await writeCard(paul.page, 'Secret idea of ADMR', 'interest')
  await writeCard(fanny.page, 'Idea said by APF', 'brings', 'APF Handicap')
  // Each author sees their own, apart from the map: dashed, with a lock, "only you see it".
  await myDraft(paul.page, 'Secret idea of ADMR').getByText('only you see it').waitFor()
  await myDraft(fanny.page, 'Idea said by APF').getByText('only you see it').waitFor()
  await fanny.page.getByTestId('hidden-count').getByText('1 card is being written by someone else.').waitFor()
  await paul.page.getByTestId('hidden-count').getByText('1 card is being written by someone else.').waitFor()
  expect(await mapCard(paul.page, 'Secret idea of ADMR').count()).toBe(0)
  expect(await fanny.page.getByText('Secret idea of ADMR').count()).toBe(0)
  expect(await paul.page.getByText('Idea said by APF').count()).toBe(0)
  await mapCard(paul.page, 'Written before the round').waitFor()

  // Not on the other screen, and not in the other page's traffic either (the card before the round is).
  expect(fannyTraffic.text()).toContain('Written before the round')
  expect(fannyTraffic.text()).not.toContain('Secret idea of ADMR')
  expect(paulTraffic.text()).not.toContain('Idea said by APF')

  await fanny.page.getByRole('button', { name: 'Reveal all the cards' }).click()
  for (const page of [fanny.page, paul.page]) {
    await mapCard(page, 'Secret idea of ADMR').waitFor()
    await mapCard(page, 'Idea said by APF').waitFor()
    await page.getByTestId('private-round-banner').waitFor({ state: 'detached' })
    await page.getByTestId('my-drafts').waitFor({ state: 'detached' })
  }
  expect(fannyTraffic.text()).toContain('Secret idea of ADMR')

  await fanny.context.close()
  await paul.context.close()
}, 90_000) // four pages and a seeder: about 20 s on a quiet machine, more beside other test files
