/**
 * `npm start` runs the server compiled to JavaScript (scripts/build-server.mjs), not TypeScript
 * through tsx: that build must serve like the sources do, PDF and DOCX included (they are chunks
 * loaded on the first download).
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('the compiled server (npm start)', () => {
  let server: TestServer
  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
    server = await startServer({ compiled: true })
  })
  afterAll(async () => { await server?.stop() })

  it('serves the API, and renders PDF and DOCX on the first download', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const board = await createBoard(server.url, 'Compilé')
    const download = async (format: string) => {
      const response = await fetch(`${server.url}/api/boards/${board.id}/charter?format=${format}`, {
        headers: { authorization: `Bearer ${board.invites.facilitator}` },
      })
      expect(response.status, format).toBe(200)
      return new Uint8Array(await response.arrayBuffer())
    }
    expect(new TextDecoder().decode((await download('pdf')).slice(0, 5))).toBe('%PDF-')
    expect([...(await download('docx')).slice(0, 2)]).toEqual([0x50, 0x4b]) // a zip
    expect(await server.stop()).toBe(0) // and stops cleanly on SIGTERM
  })
})
