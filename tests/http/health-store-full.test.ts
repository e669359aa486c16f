/**
 * /healthz says 503 while the store cannot write. A real failure, not a test hook: the server's
 * file-size limit (RLIMIT_FSIZE, set on the running process with `prlimit`) makes SQLite's next
 * write past the end of its files fail the way a full disk does. Raising it again is the disk
 * freed: the client, closed with 1011, resends its edit, the commit succeeds, /healthz is 200.
 */
import { execFileSync } from 'node:child_process'
import { statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { charterOf } from '../../shared/board/schema.ts'
import { createBoard } from '../helpers/api.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { waitSynced } from '../helpers/sync-client.ts'

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const paragraph = (text: string) => {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

describe.skipIf(!hasPrlimit)('/healthz while the store cannot write', () => {
  const fixture = useTestServer()

  it('answers 503 after a failed commit and 200 again once a commit succeeds; the edit is not lost', async () => {
    const { server } = fixture
    const board = await createBoard(server.url)
    const writer = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(writer)
    const closes: number[] = []
    writer.provider.on('connection-close', (event: CloseEvent | null) => { if (event) closes.push(event.code) })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    // No file of the store may grow any more: the next commit needs a bigger WAL and fails.
    const largest = Math.max(...readdirSync(server.dataDir).map((name) => statSync(join(server.dataDir, name)).size))
    const pid = String(server.process.pid)
    execFileSync('prlimit', ['--pid', pid, `--fsize=${largest}:`])
    try {
      const text = 'Charte signée par les partenaires. '.repeat(6_000)
      charterOf(writer.doc).insert(0, [paragraph(text)])
      await waitFor(() => expect(closes).toContain(1011))
      const unhealthy = await fetch(`${server.url}/healthz`)
      expect(unhealthy.status).toBe(503)
      expect(await unhealthy.json()).toEqual({ status: 'store-not-writable' })
    } finally {
      execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:'])
    }

    // The client reconnects and resends; the first commit that succeeds makes the server healthy.
    await waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), { timeout: 20_000 })
    const reader = fixture.connect(board.id, board.invites.observer)
    await waitSynced(reader)
    await waitFor(() => expect(charterOf(reader.doc).toString()).toContain('Charte signée par les partenaires.'))
  })
})
