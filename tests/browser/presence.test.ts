/**
 * Who is here, by organisation: the quorum of partners represented, each partner with its people
 * (or "not represented"), the section each person has open (in the panel and as dots on the tabs),
 * an observer listed but not counted, the room display never listed.
 */
import { afterAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard, createPartnerLink } from '../helpers/api.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { inviteLink, joinBoard, newPerson, useBrowserAndServer } from './support.ts'
import { axeViolations, formatViolations } from './axe.ts'
import { screenshot } from './layout.ts'

const env = useBrowserAndServer()
const clients: SyncClient[] = []
afterAll(() => { for (const client of clients) client.destroy() })

const panel = (page: Page) => page.getByRole('region', { name: /Who is here/ })
const group = (page: Page, partnerId: string) => panel(page).locator(`.presence__group[data-partner="${partnerId}"]`)
const personIn = (page: Page, partnerId: string, name: string) => group(page, partnerId).locator('.presence__item', { hasText: name })
const nav = (page: Page) => page.getByRole('navigation', { name: 'Board sections' })
const openSection = async (page: Page, name: string) => {
  await nav(page).getByRole('link', { name: new RegExp(`^${name}`) }).click()
  await page.locator('.board-nav__link[aria-current="page"]', { hasText: name }).waitFor()
}

test('presence shows which partners are represented, by whom, and the section each person is in', async () => {
  const board = await createBoard(env.server.url, 'Presence', 'en')
  const seed = testActor('Seed', FACILITATION, 'facilitator', personKeyOf('seed'))
  const seeder = connectClient(env.server.wsUrl, board.id, board.invites.facilitator, undefined, { personKey: personKeyOf('seed') })
  clients.push(seeder)
  await waitSynced(seeder)
  const [admr, apf, mairie] = ['ADMR Loire', 'APF Handicap', 'Mairie de Tours'].map((name) => addPartner(seeder.doc, seed, { name })) as [string, string, string]
  // (The seeding Node client announces no `user`: it is nobody on the panel.)

  const fanny = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  const f = fanny.page
  f.setDefaultTimeout(10_000)
  await f.locator('.speaks-for-prompt').getByRole('radio', { name: /^Facilitation/ }).check()
  await f.locator('.speaks-for-prompt').getByRole('button', { name: 'Confirm' }).click()

  // Nobody speaks for a partner yet: 0 of 3, each partner "not represented".
  await panel(f).getByText('0 of 3 partners represented').waitFor()
  for (const id of [admr, apf, mairie]) await group(f, id).getByText('not represented').waitFor()
  await personIn(f, 'facilitation', 'Fanny Facilitator').getByText('Facilitator · in Charter').waitFor()

  // Paul joins by ADMR's own link and opens Values.
  const paul = await newPerson(env.browser)
  const p = paul.page
  p.setDefaultTimeout(10_000)
  await joinBoard(p, inviteLink(env.server.url, board.id, await createPartnerLink(env.server.url, board.id, board.invites.facilitator, admr)), 'Paul Partner', 'ADMR Loire')
  await openSection(p, 'Values')
  await panel(f).getByText('1 of 3 partners represented').waitFor()
  await personIn(f, admr, 'Paul Partner').getByText('Participant · in Values').waitFor()
  expect(await group(f, apf).getByText('not represented').count()).toBe(1)
  // Read with its partner by a screen reader: "ADMR Loire · Participant · in Values".
  expect((await personIn(f, admr, 'Paul Partner').locator('.presence__org').textContent())).toBe('ADMR Loire · Participant · in Values')
  // On Fanny's tabs: a dot on Values, in words for screen readers.
  await nav(f).getByRole('link', { name: 'Values (1 other person here)' }).waitFor()
  expect(await nav(f).locator('[data-section="values"] .section-peers__dot').count()).toBe(1)
  // On Paul's page: Fanny's partner is facilitation, in Charter; his own Values tab has no dot.
  await personIn(p, 'facilitation', 'Fanny Facilitator').getByText('Facilitator · in Charter').waitFor()
  await nav(p).getByRole('link', { name: 'Charter (1 other person here)' }).waitFor()
  expect(await nav(p).locator('[data-section="values"] .section-peers').count()).toBe(0)

  // An observer from APF is listed under it, not counted; the room display is never listed.
  const olga = await env.join(board, 'observer', 'Olga Observer', 'APF Handicap')
  await olga.page.getByRole('button', { name: 'Say which organisation I come from' }).click()
  await olga.page.getByRole('dialog').getByRole('radio', { name: /^APF Handicap/ }).check()
  await olga.page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click()
  const display = await newPerson(env.browser)
  await display.page.goto(inviteLink(env.server.url, board.id, board.invites.display))
  await display.page.getByRole('heading', { name: 'Presence', level: 1, exact: true }).waitFor()
  await personIn(f, apf, 'Olga Observer').getByText('observer, not counted').waitFor()
  await panel(f).getByText('1 of 3 partners represented').waitFor()
  expect(await panel(f).textContent()).not.toContain('Room display')

  expect(formatViolations(await axeViolations(f, '.presence')), 'the panel: axe').toBe('')
  await screenshot(f, 'presence-by-partner')
  expect(formatViolations(await axeViolations(f, '.board-nav')), 'the tabs: axe').toBe('')
  // Paul moves to Interests: everyone sees it move.
  await openSection(p, 'Interests')
  await personIn(f, admr, 'Paul Partner').getByText('Participant · in Interests').waitFor()
  await nav(f).getByRole('link', { name: /^Interests/ }).and(f.locator('[data-section="interests"]')).locator('.section-peers__dot').waitFor()
  await waitFor(async () => expect(await nav(f).locator('[data-section="values"] .section-peers').count()).toBe(0))

  // He leaves: ADMR is no longer represented.
  await paul.context.close()
  await panel(f).getByText('0 of 3 partners represented').waitFor()
  await group(f, admr).getByText('not represented').waitFor()

  for (const person of [fanny, olga, display]) await person.context.close()
}, 180_000)
