/**
 * Honest clients never hit a refusal, even when they send again what the server already has: a
 * page reloaded from its local copy (IndexedDB) sends its whole state, deletions included, as one
 * update. Those deletions were made by others (a facilitator who overwrote stances, closed a round,
 * ended a session); they change nothing now and must not be judged as this client's.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { describe, expect, it } from 'vitest'
import { MessageType } from '../../shared/protocol/messages.ts'
import { seedRealisticBoard } from '../browser/realistic-board.ts'
import { createPartnerLink } from '../helpers/api.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { ackedMarks } from '../fuzz/acked-marks.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('a client that sends again what the server has', () => {
  const fixture = useTestServer()

  it('is not refused anything, whoever deleted what its state carries', { timeout: 60_000 }, async () => {
    const { board, partnerIds } = await seedRealisticBoard(fixture.server, 'en')
    const link = await createPartnerLink(fixture.server.url, board.id, board.invites.facilitator, partnerIds[0]!)
    const first = fixture.connect(board.id, link)
    await waitSynced(first)
    const state = Y.encodeStateAsUpdate(first.doc)
    expect(Y.decodeUpdate(state).ds.clients.size).toBeGreaterThan(0) // it carries others' deletions
    first.provider.disconnect()

    // The reloaded page: its copy, then its whole state sent as one update.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, state)
    const reloaded = fixture.connect(board.id, link, copy)
    await waitSynced(reloaded)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeUpdate(encoder, state)
    reloaded.provider.ws!.send(encoding.toUint8Array(encoder))
    const marks = ackedMarks(reloaded)
    marks.write('after-resend') // acknowledged after the resent state
    await waitFor(() => expect(marks.acked.has('after-resend')).toBe(true))
    expect(fixture.server.logs.filter((line) => line.includes('refused part of a change'))).toEqual([])
  })
})
