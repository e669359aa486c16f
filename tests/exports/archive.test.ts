import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../../shared/board/board-json.ts'
import { addCard } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { startSession } from '../../shared/board/sessions.ts'
import { proposeValue, setStance } from '../../shared/board/values.ts'
import type { BoardArchive } from '../../shared/api/archive.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('board archive', () => {
  let server: TestServer
  let other: TestServer
  beforeAll(async () => { [server, other] = await Promise.all([startServer(), startServer()]) })
  afterAll(async () => { await Promise.all([server.stop(), other.stop()]) })

  const get = async (base: string, path: string, token: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return response
  }
  const exportArchive = async (base: string, board: CreateBoardResponse) =>
    (await (await get(base, `/api/boards/${board.id}/archive`, board.invites.facilitator)).json()) as BoardArchive
  const importArchive = async (base: string, body: string) =>
    fetch(`${base}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  /** Everything a person can see of a board: its live state and every snapshot. */
  const contents = async (base: string, board: CreateBoardResponse) => {
    const list = (await (await get(base, `/api/boards/${board.id}/snapshots`, board.invites.observer)).json()) as SnapshotSummary[]
    const snapshots = await Promise.all(list.map(async (s) => (await (await get(base, `/api/boards/${board.id}/snapshots/${s.id}`, board.invites.observer)).json()) as SnapshotResponse))
    const archive = await exportArchive(base, board)
    const live = new Y.Doc()
    Y.applyUpdate(live, new Uint8Array(Buffer.from(archive.state, 'base64')))
    return { title: archive.board.title, language: archive.board.language, live: readBoard(live), snapshots }
  }

  it('round-trips to an identical board on another server; only the facilitator exports', async () => {
    const board = await createBoard(server.url, 'Fusion ADMR – APF', 'en')
    const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    await waitSynced(client)
    const facilitator = testActor('Fanny', 'facilitation', 'facilitator')
    const a = addPartner(client.doc, facilitator, { name: 'ADMR' })
    const value = proposeValue(client.doc, facilitator, { text: 'Transparency' })
    setStance(client.doc, facilitator, value, a, 'reservation', 'On budgets')
    addCard(client.doc, testActor('Anne', a), { text: 'Shared payroll', kind: 'interest' })
    const session = startSession(client.doc, facilitator, { kind: 'steering-committee', title: 'SC 1', date: '2026-03-12', phase: 1 })
    const probe = connectClient(server.wsUrl, board.id, board.invites.observer)
    await waitFor(() => expect(Y.encodeStateVector(probe.doc)).toEqual(Y.encodeStateVector(client.doc)))
    probe.destroy()
    const post = (path: string, body?: object) => fetch(`${server.url}/api/boards/${board.id}${path}`, {
      method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    })
    expect((await post(`/sessions/${session}/end`)).status).toBe(201)
    expect((await post('/snapshots', { label: 'Named one' })).status).toBe(201)
    proposeValue(client.doc, facilitator, { text: 'After the snapshots' })
    await waitFor(async () => expect((await contents(server.url, board)).live.values).toHaveLength(2))

    expect((await fetch(`${server.url}/api/boards/${board.id}/archive`, { headers: { authorization: `Bearer ${board.invites.participant}` } })).status).toBe(403)
    const archive = await exportArchive(server.url, board)
    expect(archive).toMatchObject({ format: 'atelier-board-archive', version: 1, board: { title: 'Fusion ADMR – APF', language: 'en' } })
    expect(archive.snapshots.map((s) => s.kind)).toEqual(['iteration', 'named'])

    const response = await importArchive(other.url, JSON.stringify(archive))
    expect(response.status).toBe(201)
    const imported = (await response.json()) as CreateBoardResponse
    expect(imported.id).not.toBe(board.id)
    const original = await contents(server.url, board)
    const copy = await contents(other.url, imported)
    expect(copy).toEqual(original)

    // And the copy exports to the same archive content again.
    const again = await exportArchive(other.url, imported)
    expect({ ...again, exportedAt: '' }).toEqual({ ...archive, exportedAt: '', board: { ...archive.board } })
    client.destroy()
  })

  it('refuses what is not an archive, with a message', async () => {
    for (const body of ['nope', '{}', JSON.stringify({ format: 'atelier-board-archive', version: 1, exportedAt: '2026-01-01T00:00:00Z', board: { title: 'x', language: 'fr', createdAt: '2026-01-01T00:00:00Z' }, state: 'AAEC', snapshots: [] })]) {
      const response = await importArchive(server.url, body)
      expect(response.status).toBe(400)
      expect(typeof (await response.json()).error).toBe('string')
    }
  })
})
