/** Two people join one board by their invite links and co-write the charter live. */
import { expect, test } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { charterText, editorOf, typeAtEnd, waitForConnection, waitForSaveState, waitForText, useBrowserAndServer } from './support.ts'

const env = useBrowserAndServer()

test('two people join by their links, see each other, and each sees the other type with a named caret', async () => {
  const board = await createBoard(env.server.url, 'Protection de l’enfance', 'en')
  const facilitator = await env.join(board, 'facilitator', 'Claire Martin', 'Uriopss Centre')
  const participant = await env.join(board, 'participant', 'Bruno Petit', 'APF France handicap')

  // The token left the address bar (and so the history) once stored.
  expect(participant.page.url()).not.toContain('token')
  expect(facilitator.page.url()).toBe(`${env.server.url}/b/${board.id}`)

  // The template written by the server, in the creator's language.
  await waitForText(participant.page, 'Partnership charter — Protection de l’enfance')

  // Presence: each sees the other, with organisation and role.
  const presence = facilitator.page.getByRole('region', { name: /Who is here/ })
  await presence.getByText('Bruno Petit').waitFor()
  await presence.getByText('APF France handicap · Participant').waitFor()
  await participant.page.getByRole('region', { name: /Who is here/ }).getByText('Uriopss Centre · Facilitator').waitFor()

  await typeAtEnd(participant.page, ' Bruno writes here.')
  await waitForText(facilitator.page, 'Bruno writes here.')
  // The participant's caret, with its name, is drawn in the facilitator's editor.
  await facilitator.page.locator('.collaboration-carets__label', { hasText: 'Bruno Petit' }).waitFor()

  await typeAtEnd(facilitator.page, ' Claire answers.')
  await waitForText(participant.page, 'Claire answers.')
  await participant.page.locator('.collaboration-carets__label', { hasText: 'Claire Martin' }).waitFor()

  await waitForConnection(facilitator.page, 'connected')
  await waitForSaveState(facilitator.page, 'saved')
  await waitForSaveState(participant.page, 'saved')
  expect(await charterText(facilitator.page)).toBe(await charterText(participant.page))

  // Undo is per person: the participant's undo removes only the participant's own words.
  await editorOf(participant.page).click()
  await participant.page.keyboard.press('Control+z')
  await facilitator.page.waitForFunction(() => !document.querySelector('#charter-editor')?.textContent?.includes('Bruno writes here.'))
  await waitForText(facilitator.page, 'Claire answers.')

  await facilitator.context.close()
  await participant.context.close()
})
