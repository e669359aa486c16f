/**
 * Shared set-up for browser tests: Debian's headless Chromium driven by playwright-core, against
 * the real server (tests/helpers/server.ts) serving the built client. Every wait polls the page.
 */
import { afterAll, expect, beforeAll } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { Role } from '../../shared/auth/roles.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
}

/** One real server and one Chromium for a test file, started before its tests and closed after. */
export interface BrowserAndServer {
  server: TestServer
  readonly browser: Browser
  /** A new person (own profile) who opens the board's invite link for `role` and says who they are. */
  join(board: CreateBoardResponse, role: Role, name: string, organisation: string, options?: PersonOptions): Promise<{ context: BrowserContext; page: Page }>
}

export function useBrowserAndServer(): BrowserAndServer {
  let server: TestServer | null = null
  let browser: Browser | null = null
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    // Honest clients never hit a refusal: the UI offers only what the server's write guard allows.
    const refusals = server?.logs.filter((line) => line.includes('refused part of a change')) ?? []
    expect(refusals, 'the server refused changes made through the UI').toEqual([])
  })
  return {
    get server() { return server! },
    /** A test that restarts the server puts the new one here, so it is stopped after. */
    set server(next: TestServer) { server = next },
    get browser() { return browser! },
    async join(board, role, name, organisation, options = {}) {
      const person = await newPerson(browser!, options)
      await joinBoard(person.page, inviteLink(server!.url, board.id, board.invites[role]), name, organisation)
      return person
    },
  }
}

/** A fresh profile (storage, IndexedDB, service worker) per person, English UI unless told. */
export interface PersonOptions { locale?: string; width?: number }

export async function newPerson(browser: Browser, options: PersonOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1100, height: 800 },
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  return { context, page }
}

export const inviteLink = (baseUrl: string, boardId: string, token: string): string =>
  `${baseUrl}/b/${boardId}#token=${token}`

/** Opens an invite link and answers the one-time "who are you" form. */
export async function joinBoard(page: Page, link: string, name: string, organisation: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your organisation').fill(organisation)
  await page.getByRole('button', { name: 'Join' }).click()
  await editorOf(page).waitFor()
}

export const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Partnership charter' })

/** Types at the very end of the charter. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = editorOf(page)
  await editor.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

/** The charter's text without the other people's caret labels (they sit inside the editor). */
export function charterText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = document.querySelector('#charter-editor')
    if (!editor) return ''
    const copy = editor.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })
}

export async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction((expected) => {
    const editor = document.querySelector('#charter-editor')
    if (!editor) return false
    const copy = editor.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return (copy.textContent ?? '').includes(expected)
  }, text, { timeout })
}

export async function waitForSaveState(page: Page, state: 'saved' | 'saving' | 'offline' | 'view-only', timeout = 10_000): Promise<void> {
  await page.locator(`[data-save="${state}"]`).waitFor({ timeout })
}

export async function waitForConnection(page: Page, state: 'connected' | 'connecting' | 'offline', timeout = 10_000): Promise<void> {
  await page.locator(`[data-connection="${state}"]`).waitFor({ timeout })
}

/**
 * A board section's tab by its visible name (its accessible name may go on with who else is there:
 * "Session (2 other people here)").
 */
export const sectionTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: new RegExp(`^${name}(?: \\(|$)`) })

/** Opens a board section by its tab (a tap on touch screens) and waits until it is the current one. */
export async function openSection(page: Page, name: string, { tap = false } = {}): Promise<void> {
  const tab = sectionTab(page, name)
  await (tap ? tab.tap() : tab.click())
  await page.locator('.board-nav__link[aria-current="page"]', { hasText: name }).waitFor()
}


/**
 * The facilitator's page on a new English board, speaking for Facilitation, with one partner added
 * through the Partners section as a person would.
 */
export async function facilitatorWithPartner(env: BrowserAndServer, board: CreateBoardResponse, partnerName: string): Promise<Page> {
  const { page } = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Uriopss')
  const prompt = page.getByRole('region', { name: 'Which partner do you speak for?' })
  await prompt.getByRole('radio', { name: /^Facilitation/ }).check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await openSection(page, 'Partners')
  await page.getByRole('button', { name: 'Add a partner' }).click()
  const partnerForm = page.getByRole('form', { name: 'New partner' })
  await partnerForm.getByLabel('Name', { exact: true }).fill(partnerName)
  await partnerForm.getByRole('button', { name: 'Add the partner' }).click()
  return page
}
