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

/**
 * A participant invite link bound to a partner (as the facilitator's invite panel makes it); its token.
 * The partner is usually just written by a test's client: until the server has committed it, the
 * server answers 400 (no such partner) and the call is tried again, for up to `waitMs`.
 */
export async function createPartnerLink(baseUrl: string, boardId: string, facilitatorToken: string, partnerId: string, waitMs = 15_000): Promise<string> {
  const deadline = Date.now() + waitMs
  for (;;) {
    const response = await fetch(`${baseUrl}/api/boards/${boardId}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
      body: JSON.stringify({ role: 'participant', partnerId }),
    })
    if (response.status === 201) return ((await response.json()) as { token: string }).token
    const body = await response.text()
    if (response.status !== 400 || !body.includes('no partner of this board') || Date.now() > deadline) {
      throw new Error(`create invite: ${response.status} ${body}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
