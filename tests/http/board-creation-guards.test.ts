/**
 * Who may create and import boards, and how much: ADMIN_TOKEN, the per-address rate limit, and
 * archive imports read as a stream with their size limit enforced while reading, two at a time.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARCHIVE_MAX_BYTES } from '../../shared/api/archive.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const ADMIN_TOKEN = 'admin-0f9c2d7e5b'

const post = (server: TestServer, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

/** An upload we write by hand: its response may come before we end it. */
function openUpload(server: TestServer, headers: Record<string, string> = {}): { req: ClientRequest; response: Promise<IncomingMessage & { body: Promise<string> }> } {
  const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/boards/import', headers: { 'content-type': 'application/json', ...headers } })
  req.on('error', () => {}) // the server may close the connection once it has answered
  const response = new Promise<IncomingMessage & { body: Promise<string> }>((resolve) => {
    req.on('response', (res) => {
      const body = new Promise<string>((done) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => { text += chunk })
        res.on('end', () => done(text))
      })
      resolve(Object.assign(res, { body }))
    })
  })
  return { req, response }
}

const writeMiB = async (req: ClientRequest, mib: number) => {
  const chunk = Buffer.alloc(1024 * 1024, 'A')
  for (let i = 0; i < mib && !req.destroyed; i++) {
    if (!req.write(chunk)) await new Promise((resolve) => { req.once('drain', resolve); req.once('close', resolve) })
  }
}

describe('ADMIN_TOKEN', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer({ env: { ADMIN_TOKEN } }) })
  afterAll(async () => { await server.stop() })

  it('says in /api/config that creating boards needs it', async () => {
    expect(await (await fetch(`${server.url}/api/config`)).json()).toMatchObject({ adminTokenRequired: true })
  })

  it('refuses creating a board without it or with a wrong one (401 JSON), accepts it', async () => {
    const body = JSON.stringify({ title: 'Coopération' })
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${ADMIN_TOKEN}x` }, { authorization: ADMIN_TOKEN }, { authorization: `Basic ${ADMIN_TOKEN}` }]) {
      const response = await post(server, '/api/boards', body, headers)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect((await response.json()).error).toMatch(/admin token/)
    }
    const created = await post(server, '/api/boards', body, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expect(created.status).toBe(201)
  })

  it('guards imports too; a board\'s own invite tokens still work as before', async () => {
    const created = await (await post(server, '/api/boards', JSON.stringify({ title: 'Source' }), { authorization: `Bearer ${ADMIN_TOKEN}` })).json()
    const facilitator = created.invites.facilitator as string
    expect((await fetch(`${server.url}/api/boards/${created.id}`, { headers: { authorization: `Bearer ${facilitator}` } })).status).toBe(200)
    const archive = await (await fetch(`${server.url}/api/boards/${created.id}/archive`, { headers: { authorization: `Bearer ${facilitator}` } })).text()
    expect((await post(server, '/api/boards/import', archive)).status).toBe(401)
    expect((await post(server, '/api/boards/import', archive, { authorization: `Bearer ${facilitator}` })).status).toBe(401)
    expect((await post(server, '/api/boards/import', archive, { authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(201)
  })
})

describe('without ADMIN_TOKEN', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer() })
  afterAll(async () => { await server.stop() })

  it('lets anyone who reaches the server create a board', async () => {
    expect(await (await fetch(`${server.url}/api/config`)).json()).toMatchObject({ adminTokenRequired: false, maxMessageBytes: 2 * 1024 * 1024 })
    expect((await post(server, '/api/boards', JSON.stringify({ title: 'Atelier' }))).status).toBe(201)
  })
})

describe('rate limit on creating and importing boards', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer({ env: { CREATE_RATE_PER_MINUTE: '3' } }) })
  afterAll(async () => { await server.stop() })

  it('answers 429 JSON with Retry-After past the limit, for creations and imports alike', async () => {
    for (let i = 0; i < 3; i++) expect((await post(server, '/api/boards', JSON.stringify({ title: `Board ${i}` }))).status).toBe(201)
    const refused = await post(server, '/api/boards', JSON.stringify({ title: 'One too many' }))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect((await refused.json()).error).toMatch(/Too many/)
    expect((await post(server, '/api/boards/import', '{}')).status).toBe(429)
    // Reading boards is not limited.
    expect((await fetch(`${server.url}/api/config`)).status).toBe(200)
  })
})

describe('streamed imports', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer() })
  afterAll(async () => { await server.stop() })

  it('refuses a declared Content-Length over 50 MiB before the body is sent', async () => {
    const { req, response } = openUpload(server, { 'content-length': String(60 * 1024 * 1024) })
    req.write('{"format":')
    const res = await response
    expect(res.statusCode).toBe(413)
    expect(JSON.parse(await res.body).error).toMatch(/too large/)
    req.destroy()
  })

  it('refuses a chunked body as soon as it passes 50 MiB, while the upload is still going', async () => {
    const { req, response } = openUpload(server)
    let answered = false
    void response.then(() => { answered = true })
    await writeMiB(req, ARCHIVE_MAX_BYTES / 1024 / 1024 - 1)
    expect(answered).toBe(false)
    await writeMiB(req, 2)
    // Never ended: the answer can only come from the limit.
    const res = await response
    expect(res.statusCode).toBe(413)
    req.destroy()
  })

  it('reads two imports at a time; a third gets 503 with Retry-After before its body is read', async () => {
    const first = openUpload(server)
    const second = openUpload(server)
    first.req.write('{"format":"atelier-board-archive",')
    second.req.write('{"format":"atelier-board-archive",')
    first.req.flushHeaders()
    second.req.flushHeaders()
    // Both are being read (their handlers hold a slot) once the server has their headers.
    const third = await waitFor(async () => {
      const response = await post(server, '/api/boards/import', '{}')
      expect(response.status).toBe(503)
      return response
    })
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    first.req.end('"x": 1}')
    second.req.end('"x": 1}')
    expect((await first.response).statusCode).toBe(400)
    expect((await second.response).statusCode).toBe(400)
    expect((await post(server, '/api/boards/import', '{}')).status).toBe(400)
  })
})
