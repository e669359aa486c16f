/**
 * The served client is light: scripts and styles go out as the build precompressed them (brotli or
 * gzip, by Accept-Encoding), hashed assets are cached for a year as immutable, pages are revalidated,
 * and source maps stay on the server's disk (404). Reads the built client the server serves
 * (CLIENT_DIR, else dist/).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../helpers/server.ts'

const CLIENT_DIR = resolve(process.env.CLIENT_DIR?.trim() || new URL('../../dist', import.meta.url).pathname)

interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A GET that keeps the body as sent (fetch would decode it and hide what went over the wire). */
function rawGet(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((done, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

describe('the built client, served compressed and cached', () => {
  let server: TestServer
  const assets = readdirSync(join(CLIENT_DIR, 'assets'))
  const scripts = assets.filter((name) => name.endsWith('.js'))
  const maps = assets.filter((name) => name.endsWith('.map'))
  // The biggest script: the board's (Tiptap, Yjs…).
  const board = scripts.map((name) => ({ name, size: readFileSync(join(CLIENT_DIR, 'assets', name)).length })).sort((a, b) => b.size - a.size)[0]!

  beforeAll(async () => { server = await startServer({ env: { CLIENT_DIR } }) })
  afterAll(async () => { await server.stop() })

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding: %s gets every script as %s, the same bytes once decoded', async (accept, encoding, decode) => {
    let plain = 0
    let sent = 0
    for (const name of scripts) {
      const original = readFileSync(join(CLIENT_DIR, 'assets', name))
      const response = await rawGet(server, `/assets/${name}`, { 'accept-encoding': accept })
      expect(response.status).toBe(200)
      expect(response.headers['content-encoding'], name).toBe(encoding)
      expect(response.headers['content-type']).toMatch(/javascript/)
      expect(response.headers.vary).toMatch(/Accept-Encoding/i)
      expect(Number(response.headers['content-length'])).toBe(response.body.length)
      expect(decode(response.body).equals(original), name).toBe(true)
      plain += original.length
      sent += response.body.length
    }
    console.info(`scripts as ${encoding}: ${kB(sent)} sent for ${kB(plain)} (${Math.round((100 * sent) / plain)} %)`)
    // Brotli at quality 11 takes the scripts to about a quarter, gzip to under a third.
    expect(sent).toBeLessThan(plain * (encoding === 'br' ? 0.3 : 0.35))
  })

  it(`the board's script (${board.name}): its transferred size`, async () => {
    const sizes: Record<string, number> = {}
    for (const accept of ['br', 'gzip', 'identity']) {
      const response = await rawGet(server, `/assets/${board.name}`, { 'accept-encoding': accept })
      sizes[accept] = response.body.length
    }
    console.info(`${board.name}: ${kB(sizes.identity!)} plain, ${kB(sizes.br!)} brotli, ${kB(sizes.gzip!)} gzip`)
    expect(sizes.identity).toBe(board.size)
    expect(sizes.br).toBeLessThan(board.size * 0.3)
    expect(sizes.gzip).toBeLessThan(board.size * 0.35)
  })

  it('sends a file plain to a client that accepts no compression', async () => {
    const name = scripts[0]!
    const response = await rawGet(server, `/assets/${name}`)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toMatch(/Accept-Encoding/i)
    expect(response.body.equals(readFileSync(join(CLIENT_DIR, 'assets', name)))).toBe(true)
  })

  it('caches hashed assets for a year as immutable; pages and the service worker are revalidated', async () => {
    for (const name of [...scripts, ...assets.filter((n) => n.endsWith('.css'))]) {
      const response = await rawGet(server, `/assets/${name}`, { 'accept-encoding': 'br' })
      expect(response.headers['cache-control'], name).toBe('public, max-age=31536000, immutable')
    }
    for (const path of ['/', '/index.html', '/b/someBoard123', '/sw.js']) {
      const response = await rawGet(server, path, { 'accept-encoding': 'br, gzip' })
      expect(response.status, path).toBe(200)
      expect(response.headers['cache-control'], path).toBe('no-cache')
    }
  })

  it('sends pages compressed too, with their CSP', async () => {
    for (const path of ['/', '/b/someBoard123']) {
      const response = await rawGet(server, path, { 'accept-encoding': 'br' })
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'")
      expect(brotliDecompressSync(response.body).toString('utf8')).toContain('<div id="root">')
    }
  })

  it('the home page loads no editor, Yjs nor zod: they come with a board (read from the build’s own source map)', () => {
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8'))![1]!
    const sources = (JSON.parse(readFileSync(join(CLIENT_DIR, 'assets', `${entry}.map`), 'utf8')) as { sources: string[] }).sources
    const heavy = sources.filter((source) => /node_modules\/(?:yjs|zod|@tiptap|prosemirror-[a-z]+|y-websocket|y-indexeddb)\//.test(source))
    expect(heavy).toEqual([])
    console.info(`home page script ${entry}: ${kB(readFileSync(join(CLIENT_DIR, 'assets', entry)).length)}, ${kB(readFileSync(join(CLIENT_DIR, 'assets', `${entry}.br`)).length)} brotli`)
  })

  it('keeps source maps private: written beside the build, never referenced nor served', async () => {
    expect(maps.length).toBeGreaterThan(0)
    for (const name of scripts) {
      expect(readFileSync(join(CLIENT_DIR, 'assets', name), 'utf8'), name).not.toContain('sourceMappingURL')
    }
    for (const name of maps) {
      for (const accept of ['br', 'gzip', 'identity']) {
        const response = await rawGet(server, `/assets/${name}`, { 'accept-encoding': accept })
        expect(response.status, name).toBe(404)
        expect(JSON.parse(response.body.toString('utf8'))).toEqual({ error: 'Not found' })
      }
    }
    expect((await rawGet(server, '/assets/anything.js.map')).status).toBe(404)
  })
})
