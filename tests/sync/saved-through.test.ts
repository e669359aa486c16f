import { describe, expect, it } from 'vitest'
import * as dec from 'lib0/decoding'
import { MessageType, isChangeMessage, readSavedThrough } from '../../shared/protocol/messages.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { addMark, hasMark, marksOf } from '../helpers/probes.ts'

describe('the "saved through" acknowledgement', () => {
  const fixture = useTestServer()

  it('tells the sender how many of its change messages are durable; stock clients keep working', async () => {
    const board = await createBoard(fixture.server.url)
    const client = fixture.connect(board.id, board.invites.participant)
    // Exactly as shipped: it receives acknowledgements it doesn't know and must keep working.
    const other = fixture.connect(board.id, board.invites.participant, undefined, { quietAcks: false })
    let sent = 0
    let saved = 0
    // Count change frames the stock provider sends, and read our acknowledgements.
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return
      const ws = client.provider.ws!
      const send = ws.send.bind(ws)
      ws.send = ((data: Uint8Array<ArrayBuffer>) => {
        if (isChangeMessage(new Uint8Array(data))) sent++
        send(data)
      }) as typeof ws.send
    })
    client.provider.messageHandlers[MessageType.SavedThrough] = (_encoder: unknown, decoder: dec.Decoder) => {
      saved = readSavedThrough(decoder)
    }
    await Promise.all([waitSynced(client), waitSynced(other)])
    for (let i = 0; i < 20; i++) addMark(client.doc, `k${i}`)
    await waitFor(() => {
      expect(sent).toBeGreaterThanOrEqual(20)
      expect(saved).toBe(sent)
    })
    // And the stock client got every edit, and its own edits still reach the others.
    await waitFor(() => expect(marksOf(other.doc)).toHaveLength(20))
    addMark(other.doc, 'from-stock')
    await waitFor(() => expect(hasMark(client.doc, 'from-stock')).toBe(true))
  })
})
