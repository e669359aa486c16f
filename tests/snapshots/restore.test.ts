import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../../shared/board/board-json.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { listValues, proposeValue, setStance } from '../../shared/board/values.ts'
import type { RestoreResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { storesUnderTest } from '../helpers/postgres.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe.each(storesUnderTest())('restoring an iteration (%s)', (store) => {
  const fixture = useTestServer({ store })
  const facilitator = testActor('Fanny', 'facilitation', 'facilitator')

  it('is a forward change every client follows, an offline one included, and can be undone', async () => {
    const board = await createBoard(fixture.server.url)
    const post = async (path: string, body?: object) => {
      const response = await fetch(`${fixture.server.url}/api/boards/${board.id}${path}`, {
        method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      })
      expect(response.status).toBeLessThan(300)
      return response.json()
    }
    const facilitatorClient = fixture.connect(board.id, board.invites.facilitator)
    const participant = fixture.connect(board.id, board.invites.participant)
    const traveller = fixture.connect(board.id, board.invites.participant)
    await Promise.all([facilitatorClient, participant, traveller].map((c) => waitSynced(c)))
    const all = [facilitatorClient, participant, traveller]
    const converged = () => waitFor(() => {
      for (const client of all) expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(facilitatorClient.doc))
    })

    const a = addPartner(facilitatorClient.doc, facilitator, { name: 'ADMR' })
    const kept = proposeValue(facilitatorClient.doc, facilitator, { text: 'Transparence' })
    setStance(facilitatorClient.doc, facilitator, kept, a, 'agree')
    await converged()
    const iteration = (await post('/snapshots', { label: 'Itération 1' })) as SnapshotSummary
    const atIteration = readBoard(facilitatorClient.doc)

    // After the iteration: a new value, a changed stance, a charter edit.
    proposeValue(participant.doc, testActor('Paul', a), { text: 'Efficience' })
    // A stance is a partner's formal act: a generic participant link can't record it; the facilitator does, on its behalf.
    setStance(facilitatorClient.doc, facilitator, kept, a, 'object', 'Trop vague')
    charterOf(participant.doc).delete(0, 2)
    await converged()
    const beforeRestore = readBoard(participant.doc)

    // One participant drops off the network and keeps working.
    traveller.provider.disconnect()
    proposeValue(traveller.doc, testActor('Tess', a), { text: 'Écrit hors ligne' })

    const restored = (await post(`/snapshots/${iteration.id}/restore`)) as RestoreResponse
    expect(restored.restoredFrom).toBe(iteration.id)
    for (const client of [facilitatorClient, participant]) {
      await waitFor(() => {
        const now = readBoard(client.doc)
        expect(now.charter).toEqual(atIteration.charter)
        expect(now.values).toEqual(atIteration.values)
        expect(now.partners).toEqual(atIteration.partners)
      })
    }

    // The traveller comes back: everyone converges, and its offline value is kept on top of the restore.
    traveller.provider.connect()
    await converged()
    for (const client of all) {
      expect(readBoard(client.doc).charter).toEqual(atIteration.charter)
      expect(listValues(client.doc).map((v) => v.text).sort()).toEqual(['Transparence', 'Écrit hors ligne'].sort())
      expect(listValues(client.doc).find((v) => v.id === kept)!.status).toBe('adopted')
    }

    // The restore point holds the state just before: restoring it undoes the restore.
    const list = (await (await fetch(`${fixture.server.url}/api/boards/${board.id}/snapshots`, { headers: { authorization: `Bearer ${board.invites.observer}` } })).json()) as SnapshotSummary[]
    expect(list[0]).toMatchObject({ id: restored.restorePoint.id, kind: 'restore-point' })
    await post(`/snapshots/${restored.restorePoint.id}/restore`)
    await waitFor(() => {
      const now = readBoard(participant.doc)
      expect(now.charter).toEqual(beforeRestore.charter)
      expect(now.values.filter((v) => v.text !== 'Écrit hors ligne')).toEqual(beforeRestore.values)
    })
  })

  it('is refused to participants', async () => {
    const board = await createBoard(fixture.server.url)
    const created = await fetch(`${fixture.server.url}/api/boards/${board.id}/snapshots`, {
      method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` }, body: JSON.stringify({ label: 'x' }),
    })
    const { id } = (await created.json()) as SnapshotSummary
    const refused = await fetch(`${fixture.server.url}/api/boards/${board.id}/snapshots/${id}/restore`, {
      method: 'POST', headers: { authorization: `Bearer ${board.invites.participant}` },
    })
    expect(refused.status).toBe(403)
  })
})
