/** Small typed calls to the JSON API for tests. */
import type { CreateBoardResponse } from '../../shared/api/boards.ts'

export async function createBoard(baseUrl: string, title = 'Coopération Val-de-Loire', language: 'fr' | 'en' = 'fr'): Promise<CreateBoardResponse> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, language }),
  })
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreateBoardResponse
}

/** A participant invite link bound to a partner (as the facilitator's invite panel makes it); its token. */
export async function createPartnerLink(baseUrl: string, boardId: string, facilitatorToken: string, partnerId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
    body: JSON.stringify({ role: 'participant', partnerId }),
  })
  if (response.status !== 201) throw new Error(`create invite: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}
