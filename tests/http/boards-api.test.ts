import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('boards JSON API', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer({ env: { PUBLIC_URL: 'https://atelier.example.org/' } }) })
  afterAll(async () => { await server.stop() })

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
  const getBoard = (id: string, token?: string) =>
    fetch(`${server.url}/api/boards/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('answers /healthz once the store is open', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
  })

  it('creates a board and returns one distinct invite token per role', async () => {
    const response = await post(JSON.stringify({ title: 'Fusion ADMR – APF' }))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(Object.keys(body.invites).sort()).toEqual(['display', 'facilitator', 'observer', 'participant'])
    expect(new Set(Object.values(body.invites)).size).toBe(4)
  })

  it.each([
    ['a missing title', '{}'],
    ['an empty title', '{"title": "   "}'],
    ['a title over 200 characters', JSON.stringify({ title: 'x'.repeat(201) })],
    ['a title that is not a string', '{"title": 12}'],
    ['a body that is not JSON', 'title=hello'],
    ['a JSON array', '["title"]'],
    ['JSON null', 'null'],
    ['a JSON string', '"title"'],
  ])('refuses %s with 400 and a JSON message', async (_name, body) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    expect(typeof (await response.json()).error).toBe('string')
  })

  it('accepts a title of exactly 200 characters', async () => {
    expect((await post(JSON.stringify({ title: 'é'.repeat(200) }))).status).toBe(201)
  })

  it('tells each token its role, with ISO dates, and never shows invite tokens', async () => {
    const board = await createBoard(server.url, 'Charte commune')
    for (const [role, token] of Object.entries(board.invites)) {
      const response = await getBoard(board.id, token)
      expect(response.status).toBe(200)
      const body = await response.json()
      expect(body).toMatchObject({ id: board.id, title: 'Charte commune', role })
      expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt)
      for (const invite of Object.values(board.invites)) expect(JSON.stringify(body)).not.toContain(invite)
    }
  })

  it('answers 404 for an unknown board whatever the token, 401 for a missing, wrong or foreign token', async () => {
    const board = await createBoard(server.url)
    const other = await createBoard(server.url)
    expect((await getBoard('doesNotExist1', board.invites.facilitator)).status).toBe(404)
    expect((await getBoard('doesNotExist1')).status).toBe(404)
    expect((await getBoard(board.id)).status).toBe(401)
    expect((await getBoard(board.id, 'wrong-token')).status).toBe(401)
    expect((await getBoard(board.id, other.invites.facilitator)).status).toBe(401)
    const unauthorized = await getBoard(board.id, 'wrong-token')
    expect((await unauthorized.json()).error).toBeTruthy()
  })

  it('refuses cross-origin API calls from origins not allowed', async () => {
    const response = await post(JSON.stringify({ title: 'x' }), { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
  })

  it('serves the config with PUBLIC_URL for invite links', async () => {
    const response = await fetch(`${server.url}/api/config`)
    expect(await response.json()).toEqual({ publicUrl: 'https://atelier.example.org', adminTokenRequired: false, maxMessageBytes: 2 * 1024 * 1024 })
  })

  it('sends security headers and a CSP on pages', async () => {
    const response = await fetch(`${server.url}/b/someBoard123`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    if (response.status === 200) {
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    }
  })
})
