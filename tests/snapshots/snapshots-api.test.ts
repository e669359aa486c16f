import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBoard } from '../../shared/board/board-json.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { addDecision, startSession } from '../../shared/board/sessions.ts'
import { proposeValue, setStance } from '../../shared/board/values.ts'
import type { SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { charterOf } from '../../shared/board/schema.ts'
import * as Y from 'yjs'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { storesUnderTest } from '../helpers/postgres.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe.each(storesUnderTest())('snapshots API (%s)', (store) => {
  let server: TestServer
  let board: CreateBoardResponse
  const clients: SyncClient[] = []
  const facilitator = testActor('Fanny', 'facilitation', 'facilitator')

  beforeAll(async () => {
    server = await startServer({ store })
    board = await createBoard(server.url, 'Coopération Enfance')
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.stop()
  })

  const api = (path: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${server.url}/api/boards/${board.id}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })
  const snapshot = (label: string, token = board.invites.facilitator) => api('/snapshots', token, { method: 'POST', body: JSON.stringify({ label }) })

  /** Waits until the server has every change of a client (its sync acks are not visible here). */
  async function settled(client: SyncClient, reader: SyncClient) {
    await waitFor(() => expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(client.doc)))
  }

  it('keeps the board as it was at each snapshot, across restarts, for any token to read', async () => {
    const writer = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    const reader = connectClient(server.wsUrl, board.id, board.invites.observer)
    clients.push(writer, reader)
    await Promise.all([waitSynced(writer), waitSynced(reader)])

    const doc = writer.doc
    const a = addPartner(doc, facilitator, { name: 'ADMR Loire', shortName: 'ADMR' })
    const b = addPartner(doc, facilitator, { name: 'APF France handicap' })
    const value = proposeValue(doc, facilitator, { text: 'L’usager au cœur', explanation: 'Notre boussole' })
    setStance(doc, facilitator, value, a, 'agree')
    setStance(doc, facilitator, value, b, 'reservation', 'Dire « personne accompagnée »')
    const card = addCard(doc, testActor('Anne', a), { text: 'Mutualiser la paie', kind: 'interest' })
    createGroup(doc, facilitator, { name: 'Fonctions support', cardIds: [card] })
    const session = startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL 1', date: '2026-03-12', phase: 2 })
    addDecision(doc, facilitator, session, { kind: 'action', text: 'Chiffrer la mutualisation', partnerIds: [a], owner: 'Anne', dueDate: '2026-04-01' })
    await settled(writer, reader)
    const expected = readBoard(doc)

    const created = await snapshot('Avant la pause')
    expect(created.status).toBe(201)
    const first = (await created.json()) as SnapshotSummary
    expect(first).toMatchObject({ label: 'Avant la pause', kind: 'named' })
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt)

    // Later changes don't touch it.
    proposeValue(doc, facilitator, { text: 'Efficience' })
    charterOf(doc).delete(0, 1)
    await settled(writer, reader)
    const second = (await (await snapshot('Après la pause')).json()) as SnapshotSummary

    await server.stop()
    writer.provider.disconnect()
    reader.provider.disconnect()
    server = await startServer({ dataDir: server.dataDir, databaseUrl: server.databaseUrl })

    const list = (await (await api('/snapshots', board.invites.participant)).json()) as SnapshotSummary[]
    expect(list.map((s) => s.id)).toEqual([second.id, first.id])
    const stored = (await (await api(`/snapshots/${first.id}`, board.invites.observer)).json()) as SnapshotResponse
    expect(stored.board).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(stored.board.charter.type).toBe('doc')
    expect(stored.board.values[0]!.stances[b]).toMatchObject({ kind: 'reservation', text: 'Dire « personne accompagnée »' })

    // The same moment as a Yjs state, for clients that show it with the live board's views.
    const state = await api(`/snapshots/${first.id}/state`, board.invites.observer)
    expect(state.headers.get('content-type')).toBe('application/octet-stream')
    const atThatMoment = new Y.Doc()
    Y.applyUpdate(atThatMoment, new Uint8Array(await state.arrayBuffer()))
    expect(readBoard(atThatMoment)).toEqual(stored.board)
  })

  it('lets only the facilitator write, and refuses bad input', async () => {
    expect((await snapshot('x', board.invites.participant)).status).toBe(403)
    expect((await snapshot('x', board.invites.observer)).status).toBe(403)
    expect((await api('/snapshots', null, { method: 'POST', body: '{"label":"x"}' })).status).toBe(401)
    expect((await snapshot('  ')).status).toBe(400)
    expect((await api('/snapshots', board.invites.facilitator, { method: 'POST', body: 'nope' })).status).toBe(400)
    expect((await api('/snapshots/unknownSnap', board.invites.facilitator)).status).toBe(404)
    const other = await fetch(`${server.url}/api/boards/unknownBoard1/snapshots`, { headers: { authorization: `Bearer ${board.invites.facilitator}` } })
    expect(other.status).toBe(404)
  })
})
