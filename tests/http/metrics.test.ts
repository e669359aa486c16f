/**
 * GET /metrics: Prometheus's text format, behind ADMIN_TOKEN (401 without it, 404 on a server that
 * has none), with the figures an operator watches: boards loaded, connections, updates committed,
 * commit latency, store errors, and the process's own.
 */
import { describe, expect, it } from 'vitest'
import { addMark } from '../helpers/probes.ts'
import { startServer } from '../helpers/server.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'

const ADMIN = 'metrics-admin-token-0123456789'

/** The value of an unlabelled sample in Prometheus's text format. */
const sample = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`no ${name} in /metrics`)
  return Number(line.split(' ')[1])
}

describe('/metrics', () => {
  const fixture = useTestServer({ env: { ADMIN_TOKEN: ADMIN } })
  const scrape = async () => {
    const response = await fetch(`${fixture.server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    return response.text()
  }

  it('needs the admin token', async () => {
    const none = await fetch(`${fixture.server.url}/metrics`)
    expect(none.status).toBe(401)
    expect(await none.json()).toHaveProperty('error')
    const wrong = await fetch(`${fixture.server.url}/metrics`, { headers: { authorization: 'Bearer not-it' } })
    expect(wrong.status).toBe(401)
  })

  it('counts boards, connections and committed updates as they happen', async () => {
    const before = await scrape()
    expect(sample(before, 'atelier_store_errors_total')).toBe(0)
    expect(sample(before, 'process_resident_memory_bytes')).toBeGreaterThan(0)
    const created = await fetch(`${fixture.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ title: 'Mesures', language: 'fr' }),
    })
    const board = (await created.json()) as CreateBoardResponse
    const client = fixture.connect(board.id, board.invites.participant)
    await waitSynced(client)
    for (let i = 0; i < 5; i++) addMark(client.doc, `m${i}`)
    await waitFor(async () => {
      const text = await scrape()
      expect(sample(text, 'atelier_boards_loaded')).toBe(1)
      expect(sample(text, 'atelier_connections')).toBe(1)
      expect(sample(text, 'atelier_updates_committed_total')).toBeGreaterThanOrEqual(sample(before, 'atelier_updates_committed_total') + 5)
      expect(sample(text, 'atelier_commit_seconds_count')).toBeGreaterThan(sample(before, 'atelier_commit_seconds_count'))
      // SQLite: the acknowledgements waited for at least one fsync of the log.
      expect(sample(text, 'atelier_sync_seconds_count')).toBeGreaterThan(sample(before, 'atelier_sync_seconds_count'))
    })
    client.destroy()
    await waitFor(async () => expect(sample(await scrape(), 'atelier_connections')).toBe(0))
  })

  it('is not served at all without an ADMIN_TOKEN', async () => {
    const open = await startServer()
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(404)
    } finally {
      await open.stop()
    }
  })
})
