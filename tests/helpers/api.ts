/** Small typed calls to the JSON API for tests. */
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { CreatedInvite } from '../../shared/api/invites.ts'

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
 * A participant invite bound to a partner (as the facilitator's invite panel makes it), with its link
 * and join code. The partner is usually just written by a test's client: until the server has
 * committed it, the server answers 400 (no such partner) and the call is tried again, for up to `waitMs`.
 */
export async function createPartnerInvite(
  baseUrl: string, boardId: string, facilitatorToken: string, partnerId: string, extra: { label?: string } = {}, waitMs = 15_000,
): Promise<CreatedInvite> {
  const deadline = Date.now() + waitMs
  for (;;) {
    const response = await fetch(`${baseUrl}/api/boards/${boardId}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
      body: JSON.stringify({ role: 'participant', partnerId, ...extra }),
    })
    if (response.status === 201) return (await response.json()) as CreatedInvite
    const body = await response.text()
    if (response.status !== 400 || !body.includes('no partner of this board') || Date.now() > deadline) {
      throw new Error(`create invite: ${response.status} ${body}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The token of a partner-bound participant link (createPartnerInvite). */
export async function createPartnerLink(baseUrl: string, boardId: string, facilitatorToken: string, partnerId: string): Promise<string> {
  return (await createPartnerInvite(baseUrl, boardId, facilitatorToken, partnerId)).token
}
