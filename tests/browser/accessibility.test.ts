/**
 * axe-core on every main view, in English and in French, with realistic content (partners, values
 * in every status with stances, cards and groups, a closed vote, an iteration and a session under
 * way, a named snapshot): zero violations of WCAG 2.1 A/AA and axe's best practices
 * (tests/browser/axe.ts).
 */
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import type { Language } from '../../shared/i18n/language.ts'
import { en, type MessageKey } from '../../client/i18n/en.ts'
import { fr } from '../../client/i18n/fr.ts'
import { createPartnerLink } from '../helpers/api.ts'
import { expectNoAxeViolations } from './axe.ts'
import { seedRealisticBoard } from './realistic-board.ts'
import { editorOf, inviteLink, newPerson, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr }

describe.each(['en', 'fr'] as const)('every main view has no axe violation (%s)', (language) => {
  const words = DICTIONARIES[language]
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB'

  test(`home, charter, values, partners, interests map and matrix, session, history, iteration, compare (${language})`, async () => {
    const { board, iteration } = await seedRealisticBoard(env.server, language)
    const { context, page } = await newPerson(env.browser, { locale, width: 1280 })
    page.setDefaultTimeout(20_000)
    // Every view is checked; the test fails at the end with all their violations.
    const failures: string[] = []
    const check = async (view: string) => {
      try {
        await expectNoAxeViolations(page, `${view} (${language})`)
      } catch (error) {
        failures.push((error as Error).message)
      }
    }

    // Home, with this board among the recent ones once joined (checked again at the end).
    await page.goto(`${env.server.url}/`)
    await page.getByRole('heading', { name: words['home.create.heading'] }).waitFor()
    await check('home')

    // Join as the facilitator, speaking for facilitation.
    await page.goto(inviteLink(env.server.url, board.id, board.invites.facilitator))
    await page.getByLabel(words['join.name']).fill('Fanny Facil')
    await page.getByLabel(words['join.organisation']).fill('Uriopss')
    await page.getByRole('button', { name: words['join.submit'], exact: true }).click()
    await editorOf(page).or(page.getByRole('textbox', { name: words['charter.heading'] })).first().waitFor()
    const prompt = page.getByRole('region', { name: words['speaksFor.heading'] })
    await prompt.getByRole('radio', { name: words['speaksFor.facilitation'] }).check()
    await prompt.getByRole('button', { name: words['speaksFor.confirm'] }).click()
    await prompt.waitFor({ state: 'detached' })
    await check('charter')

    const openView = async (query: string, ready: (page: Page) => Promise<void>) => {
      await page.goto(`${env.server.url}/b/${board.id}?${query}`)
      await ready(page)
    }
    await openView('view=values', (p) => p.locator('li[data-value]').nth(4).waitFor())
    await check('values')
    // A stance form open (the facilitator speaks for a partner on its behalf).
    await page.locator('li[data-value]').first().getByRole('button', { name: new RegExp(words['stance.changeLabel'].split('{')[0]!) }).first().click()
    await check('values, stance form open')

    await openView('view=partners', (p) => p.getByRole('list', { name: words['partners.heading'] }).waitFor())
    await check('partners')

    await openView('view=interests', (p) => p.getByTestId('interests-section').waitFor())
    await page.getByRole('button', { name: words['interests.view.map'], exact: true }).click()
    await page.getByTestId('interests-map').locator('[data-card-id]').nth(6).waitFor()
    await check('interests map')
    await page.getByRole('button', { name: words['interests.view.matrix'], exact: true }).click()
    await page.getByTestId('interests-matrix').waitFor()
    await check('interests matrix')

    await openView('view=session', (p) => p.getByTestId('session-section').waitFor())
    await page.locator('.sess-agenda, [data-testid="session-section"] li').first().waitFor()
    await check('session')

    await openView('view=history', (p) => p.getByTestId('timeline').locator('[data-kind="iteration"]').waitFor())
    await page.getByTestId('pending-deliberations').waitFor()
    await check('history')

    await openView(`view=history&open=${iteration.id}`, (p) => p.getByTestId('snapshot-view').waitFor())
    await page.getByTestId('snapshot-view').locator('.sess-decision').first().waitFor()
    await check('an iteration, read-only')

    await openView(`view=history&from=${iteration.id}&to=live`, (p) => p.getByTestId('compare').locator('ins').first().waitFor())
    await check('compare')

    await page.goto(`${env.server.url}/`)
    await page.getByRole('heading', { name: words['home.recent.heading'] }).waitFor()
    await check('home with a recent board')
    await context.close()
    expect(failures.join('\n\n')).toBe('')
  }, 240_000)

  test(`a participant bound to a partner: values with its stance form, interests with the composer (${language})`, async () => {
    const { board, partnerIds } = await seedRealisticBoard(env.server, language)
    const link = await createPartnerLink(env.server.url, board.id, board.invites.facilitator, partnerIds[0]!)
    const { context, page } = await newPerson(env.browser, { locale, width: 1280 })
    page.setDefaultTimeout(20_000)
    const failures: string[] = []
    const check = async (view: string) => {
      try {
        await expectNoAxeViolations(page, `${view}, participant (${language})`)
      } catch (error) {
        failures.push((error as Error).message)
      }
    }
    await page.goto(inviteLink(env.server.url, board.id, link).replace('#', '?view=values#'))
    await page.getByLabel(words['join.name']).fill('Anne Martin')
    await page.getByLabel(words['join.organisation']).fill('ADMR Loire')
    await page.getByRole('button', { name: words['join.submit'], exact: true }).click()
    await page.locator('li[data-value]').nth(4).waitFor()
    await page.locator(`[data-stance-change="${partnerIds[0]}"]`).first().click()
    await check('values, stance form open')

    await page.goto(`${env.server.url}/b/${board.id}?view=interests`)
    await page.getByTestId('interests-section').waitFor()
    await page.getByRole('button', { name: words['interests.view.matrix'], exact: true }).click()
    await page.getByTestId('interests-matrix').waitFor()
    await check('interests with the composer and an open vote')
    await context.close()
    expect(failures.join('\n\n')).toBe('')
  }, 120_000)
})
