import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { upgradeStatus } from '../helpers/raw-socket.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'

describe('sync upgrade refusals: no byte of the board without a valid token', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let other: CreateBoardResponse

  beforeAll(async () => {
    server = await startServer({ env: { ALLOWED_ORIGINS: 'https://partner.example' } })
    board = await createBoard(server.url)
    other = await createBoard(server.url)
  })
  afterAll(async () => { await server.stop() })

  const syncUrl = (boardId: string, token?: string) =>
    `${server.wsUrl}/sync/${boardId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`

  it('refuses a missing token with 401', async () => {
    expect((await upgradeStatus(syncUrl(board.id))).status).toBe(401)
  })

  it('refuses a wrong token with 401', async () => {
    const answer = await upgradeStatus(syncUrl(board.id, 'not-a-token'))
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body)).toHaveProperty('error')
  })

  it("refuses another board's token with 401", async () => {
    expect((await upgradeStatus(syncUrl(board.id, other.invites.facilitator))).status).toBe(401)
  })

  it('refuses an unknown board with 404 whatever the token', async () => {
    expect((await upgradeStatus(syncUrl('unknownBoard123', board.invites.facilitator))).status).toBe(404)
    expect((await upgradeStatus(syncUrl('unknownBoard123'))).status).toBe(404)
  })

  it('accepts every role of the board', async () => {
    for (const token of Object.values(board.invites)) {
      expect((await upgradeStatus(syncUrl(board.id, token))).status).toBe(101)
    }
  })

  it('checks the Origin of browser upgrades: same origin and ALLOWED_ORIGINS pass, others get 403', async () => {
    const token = board.invites.participant
    expect((await upgradeStatus(syncUrl(board.id, token), { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await upgradeStatus(syncUrl(board.id, token), { Origin: 'https://partner.example' })).status).toBe(101)
    expect((await upgradeStatus(syncUrl(board.id, token), { Origin: server.url })).status).toBe(101)
  })

  it('never writes a token to the logs', async () => {
    await upgradeStatus(syncUrl(board.id, board.invites.observer))
    const logs = server.logs.join('\n')
    for (const token of [...Object.values(board.invites), ...Object.values(other.invites)]) {
      expect(logs).not.toContain(token)
    }
  })
})
