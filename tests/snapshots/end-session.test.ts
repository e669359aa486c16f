import { describe, expect, it } from 'vitest'
import { currentSession, listSessions, startSession } from '../../shared/board/sessions.ts'
import type { SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('ending a session saves a numbered, named iteration', () => {
  const fixture = useTestServer()

  it('numbers iterations, names them in the board language, and marks the session ended for everyone', async () => {
    const board = await createBoard(fixture.server.url, 'Fusion', 'fr')
    const client = fixture.connect(board.id, board.invites.facilitator)
    const other = fixture.connect(board.id, board.invites.participant)
    await Promise.all([waitSynced(client), waitSynced(other)])
    const facilitator = testActor('Fanny', 'facilitation', 'facilitator')
    const end = (sessionId: string, token = board.invites.facilitator) =>
      fetch(`${fixture.server.url}/api/boards/${board.id}/sessions/${sessionId}/end`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })

    const first = startSession(client.doc, facilitator, { kind: 'steering-committee', title: 'COPIL de lancement', date: '2026-03-12', phase: 1 })
    await waitFor(() => expect(currentSession(other.doc)?.id).toBe(first))
    expect((await end(first, board.invites.participant)).status).toBe(403)
    const response = await end(first)
    expect(response.status).toBe(201)
    const iteration = (await response.json()) as SnapshotSummary
    expect(iteration).toMatchObject({ kind: 'iteration', number: 1, sessionId: first, label: 'Itération 1 — Comité de pilotage, 12 mars 2026' })
    expect((await end(first)).status).toBe(409)
    expect((await end('noSuchSession')).status).toBe(404)

    // Everyone sees the session ended; the iteration holds it ended, with its own id.
    await waitFor(() => expect(listSessions(other.doc)[0]).toMatchObject({ id: first, snapshotId: iteration.id }))
    expect(currentSession(other.doc)).toBeNull()
    const stored = (await (await fetch(`${fixture.server.url}/api/boards/${board.id}/snapshots/${iteration.id}`, { headers: { authorization: `Bearer ${board.invites.observer}` } })).json()) as SnapshotResponse
    expect(stored.board.sessions[0]).toMatchObject({ id: first, snapshotId: iteration.id })

    const second = startSession(client.doc, facilitator, { kind: 'project-group', title: 'GP 1', date: '2026-04-02', phase: 2 })
    await waitFor(() => expect(currentSession(other.doc)?.id).toBe(second))
    expect(await (await end(second)).json()).toMatchObject({ number: 2, label: 'Itération 2 — Groupe projet, 2 avril 2026' })
  })
})
