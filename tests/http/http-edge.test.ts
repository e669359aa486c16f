/**
 * The HTTP edge: the page CSP on every HTML response, 404 (not the SPA, not 500) for missing files
 * and malformed sync paths, and the Host check against DNS rebinding, over HTTP and sync upgrades.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { upgradeStatus } from '../helpers/raw-socket.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** A GET with a chosen Host header (fetch does not let a caller set it). */
export function get(server: TestServer, path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('pages and files', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer() })
  afterAll(async () => { await server.stop() })

  it.each(['/', '/index.html', '/b/someBoard123', '/some/unknown/route'])('serves %s as HTML with the strict CSP', async (path) => {
    const response = await get(server, path)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    const csp = String(response.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`)
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  it('serves a board page reached from the home page with the same CSP as a direct visit', async () => {
    // The home page's bundle and a board's are the same index.html: both carry the policy.
    const home = await get(server, '/')
    const board = await get(server, '/b/someBoard123')
    expect(home.headers['content-security-policy']).toBe(board.headers['content-security-policy'])
  })

  it.each(['/foo.js', '/assets/missing.css', '/assets/index-deadbeef.js', '/b/abc/favicon.png'])('answers 404 JSON for the missing file %s', async (path) => {
    const response = await get(server, path)
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body)).toEqual({ error: 'Not found' })
  })

  it('still serves the files that exist', async () => {
    const response = await get(server, '/favicon.svg')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/svg/)
  })

  it('refuses a sync upgrade to a malformed path with 404, not 500', async () => {
    for (const path of ['/sync/%E0%A4%A', '/sync/%', '/sync/a%ZZb', '/sync/', '/sync/a/b']) {
      const { status } = await upgradeStatus(`${server.wsUrl}${path}?token=x`)
      expect(status, path).toBe(404)
    }
    expect((await get(server, '/sync/%E0%A4%A')).status).toBe(426)
    expect((await get(server, '/api/boards/%E0%A4%A')).status).toBe(404)
  })
})

describe('Host check (DNS rebinding)', () => {
  describe('default: loopback only', () => {
    let server: TestServer
    beforeAll(async () => { server = await startServer() })
    afterAll(async () => { await server.stop() })

    it('answers loopback names and refuses other names with 421 JSON', async () => {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'LOCALHOST', `[::1]:${server.port}`]) {
        expect((await get(server, '/', host)).status, host).toBe(200)
      }
      for (const host of ['evil.example', `evil.example:${server.port}`, '192.168.1.20', 'localhost.evil.example']) {
        const response = await get(server, '/api/config', host)
        expect(response.status, host).toBe(421)
        expect(JSON.parse(response.body).error).toMatch(/ALLOWED_HOSTS/)
      }
      expect((await get(server, '/', 'evil.example')).status).toBe(421)
    })

    it('answers /healthz under any name (it tells nothing)', async () => {
      expect((await get(server, '/healthz', 'evil.example')).status).toBe(200)
    })

    it('refuses a sync upgrade under another name before looking at the board', async () => {
      const board = await createBoard(server.url)
      const url = `${server.wsUrl}/sync/${board.id}?token=${board.invites.facilitator}`
      expect((await upgradeStatus(url)).status).toBe(101)
      const refused = await upgradeStatus(url, { host: 'evil.example' })
      expect(refused.status).toBe(421)
      expect(JSON.parse(refused.body).error).toMatch(/ALLOWED_HOSTS/)
    })
  })

  describe('HOST=0.0.0.0 without PUBLIC_URL or ALLOWED_HOSTS (a laptop in a room)', () => {
    let server: TestServer
    beforeAll(async () => { server = await startServer({ env: { HOST: '0.0.0.0' } }) })
    afterAll(async () => { await server.stop() })

    it('answers any IP address and refuses DNS names', async () => {
      for (const host of ['192.168.1.20:8080', '10.0.0.7', '[fe80::1]:8080', `localhost:${server.port}`]) {
        expect((await get(server, '/', host)).status, host).toBe(200)
      }
      for (const host of ['evil.example', 'laptop.local']) expect((await get(server, '/', host)).status, host).toBe(421)
    })
  })

  describe('PUBLIC_URL and ALLOWED_HOSTS', () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer({ env: { HOST: '0.0.0.0', PUBLIC_URL: 'https://atelier.example.org', ALLOWED_HOSTS: 'board.example.net, 192.168.1.20' } })
    })
    afterAll(async () => { await server.stop() })

    it('answers the configured names (and loopback), refuses others and other IP addresses', async () => {
      for (const host of ['atelier.example.org', 'ATELIER.example.org.', 'board.example.net:443', '192.168.1.20:8080', `127.0.0.1:${server.port}`]) {
        expect((await get(server, '/api/config', host)).status, host).toBe(200)
      }
      for (const host of ['evil.example', '10.0.0.7', 'example.org']) expect((await get(server, '/api/config', host)).status, host).toBe(421)
    })
  })
})
