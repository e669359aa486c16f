/**
 * Invite links from the browser: one link per partner from the facilitator's panel, joining by it
 * fixes your organisation, revoking it closes the participant's board with the reason; join codes
 * and the room display link.
 */
import { expect, test } from 'vitest'
import { addPartner } from '../../shared/board/partners.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { createBoard } from '../helpers/api.ts'
import { testActor } from '../helpers/actors.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { editorOf, joinBoard, newPerson, typeAtEnd, useBrowserAndServer, waitForText } from './support.ts'

const env = useBrowserAndServer()

test('a partner-bound link fixes the organisation; revoking it closes the board for its user, with the reason', async () => {
  const board = await createBoard(env.server.url, 'Coopération Loire', 'en')
  const writer = connectClient(env.server.wsUrl, board.id, board.invites.facilitator)
  await waitSynced(writer)
  addPartner(writer.doc, testActor('Fanny', FACILITATION, 'facilitator'), { name: 'ADMR Loire' })

  const facilitator = await env.join(board, 'facilitator', 'Fanny Facilitator', 'Cap Coop')
  const fpage = facilitator.page
  await fpage.locator('summary', { hasText: 'Invite links' }).click()
  await fpage.getByRole('button', { name: 'One link per partner' }).click()
  await fpage.getByRole('status').getByText('1 link created.').waitFor()
  const name = 'Participant — For ADMR Loire'
  const linkBox = fpage.getByRole('textbox', { name: `${name} invite link` })
  const link = await linkBox.inputValue()
  expect(link).toMatch(new RegExp(`^${env.server.url}/b/${board.id}#token=`))

  // QR code and join code, on demand.
  await fpage.getByRole('button', { name: `Show the QR code and the join code of the link “${name}”` }).click()
  await fpage.getByRole('img', { name: `QR code of the link “${name}”` }).waitFor()
  const code = (await fpage.locator('[data-testid="join-code"]').first().textContent())!
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)

  // Joining by it: speaking for ADMR Loire, fixed by the link (no choice asked, nothing to change).
  const participant = await newPerson(env.browser)
  await joinBoard(participant.page, link, 'Paula Partner', 'Something else')
  const ppage = participant.page
  await ppage.getByText('set by your invite link').waitFor()
  expect(await ppage.locator('.speaks-for').textContent()).toContain('ADMR Loire')
  expect(await ppage.getByRole('button', { name: 'Change the partner I speak for' }).count()).toBe(0)
  expect(await ppage.getByRole('heading', { name: 'Which partner do you speak for?' }).count()).toBe(0)
  await typeAtEnd(ppage, ' Written before the revocation.')
  await waitForText(fpage, 'Written before the revocation.')

  // Revoke: the dialog starts on the safe choice.
  await fpage.getByRole('button', { name: `Revoke the link “${name}”` }).click()
  const dialog = fpage.getByRole('dialog', { name: 'Revoke this link?' })
  await dialog.waitFor()
  expect(await fpage.evaluate(() => document.activeElement?.textContent)).toBe('Keep it')
  await dialog.getByRole('button', { name: 'Revoke the link' }).click()

  // The participant is told why, and the board (its editor) is gone: nothing more can be written.
  await ppage.getByRole('alert').getByText('The facilitator revoked this invite link', { exact: false }).waitFor()
  expect(await editorOf(ppage).count()).toBe(0)
  const refused = await fetch(`${env.server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${code}` } })
  expect(refused.status).toBe(401)
  // The revoked link is listed as such for the facilitator.
  await fpage.getByText('Revoked links (1)').waitFor()

  writer.destroy()
  await participant.context.close()
  await facilitator.context.close()
})

test('a join code typed on /j opens the board; the room display link opens it read-only and unseen', async () => {
  const board = await createBoard(env.server.url, 'Salle commune', 'en')
  const observerCode = board.links.find((link) => link.role === 'observer')!.code
  const participant = await env.join(board, 'participant', 'Paul Partner', 'ADMR')

  const phone = await newPerson(env.browser, { width: 375 })
  await phone.page.goto(`${env.server.url}/j`)
  await phone.page.getByLabel('Join code').fill('zzzz-zzzz')
  await phone.page.getByRole('button', { name: 'Join' }).click()
  await phone.page.getByRole('alert').getByText('No board opens with this code', { exact: false }).waitFor()
  await phone.page.getByLabel('Join code').fill(observerCode.toLowerCase())
  await phone.page.getByRole('button', { name: 'Join' }).click()
  await phone.page.getByLabel('Your name').fill('Olga Observer')
  await phone.page.getByLabel('Your organisation').fill('Département')
  await phone.page.getByRole('button', { name: 'Join' }).click()
  await editorOf(phone.page).waitFor()
  expect(new URL(phone.page.url()).pathname).toBe(`/b/${board.id}`)

  const projector = await newPerson(env.browser)
  await projector.page.goto(`${env.server.url}/b/${board.id}#token=${board.invites.display}`)
  // No "who are you" form: the board opens at once, read-only.
  const editor = editorOf(projector.page)
  await editor.waitFor()
  expect(await editor.getAttribute('contenteditable')).toBe('false')
  // The room display view: no editing chrome, its side column (timer, how to join) instead.
  await projector.page.getByRole('complementary', { name: 'Timer and how to join' }).waitFor()
  expect(await projector.page.getByRole('navigation', { name: 'Board sections' }).count()).toBe(0)
  await typeAtEnd(participant.page, ' On the big screen.')
  await waitForText(projector.page, 'On the big screen.')

  // Everyone else sees the observer, never the display.
  const presence = participant.page.getByRole('region', { name: /Who is here/ })
  await presence.getByText('Département · Observer').waitFor()
  await waitFor(async () => expect(await presence.getByText('Room display').count()).toBe(0))
  expect(await presence.textContent()).not.toContain('Room display')

  await projector.context.close()
  await phone.context.close()
  await participant.context.close()
})
