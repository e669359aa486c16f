/**
 * A client with unsaved changes (made offline, or sent to a server that died before committing
 * them) reconnects and keeps typing. A stock y-websocket client sends what it types at once, but
 * its sync step 2 (everything the server lacks, the unsaved changes included) only once the
 * server's step 1 has arrived: what it typed in between builds on changes the server does not have
 * yet. The server used to close it with 4520 (out of sync) for that; it reconnected, typed, was
 * closed again, its backoff growing each time (found by the kill -9 set check: writers were kept
 * out for 10 s and more after a restart). Such a change is now set aside until the step 2 brings
 * it, and nothing is acknowledged before the server has it.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.ts'
import { TEST_PERSON_KEY } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { addMark, marksOf } from '../helpers/probes.ts'
import { openRawSocket, updateFrame } from '../helpers/raw-socket.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const stepTwoFrame = (payload: Uint8Array) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step2)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** The server's step 1 (its state vector) and the SavedThrough counts among the frames received. */
function readFrames(frames: Uint8Array[]): { stateVector: Uint8Array | null; saved: number[] } {
  let stateVector: Uint8Array | null = null
  const saved: number[] = []
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.SavedThrough) saved.push(decoding.readVarUint(decoder))
    if (type === MessageType.Sync && decoding.readVarUint(decoder) === SyncMessageType.Step1) stateVector = decoding.readVarUint8Array(decoder)
  }
  return { stateVector, saved }
}

/** The update a change makes to `doc`, on its own. */
const changeOf = (doc: Y.Doc, change: () => void): Uint8Array => {
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array) => updates.push(update)
  doc.on('update', listener)
  change()
  doc.off('update', listener)
  return Y.mergeUpdates(updates)
}

describe('typing while reconnecting with unsaved changes', () => {
  const fixture = useTestServer()

  it('sets aside what was typed before the sync step 2, acknowledges nothing early, and keeps the connection', async () => {
    const board = await createBoard(fixture.server.url)
    const doc = new Y.Doc()
    addMark(doc, 'unsaved-offline') // never sent: the server lacks it
    const typed = changeOf(doc, () => addMark(doc, 'typed-while-reconnecting'))

    const raw = await openRawSocket(fixture.server.wsUrl, board.id, board.invites.participant, TEST_PERSON_KEY)
    let closed: { code: number } | null = null
    void raw.closed.then((event) => { closed = event })
    // What it typed goes out at once; its step 2 only after the server's step 1 has arrived.
    raw.socket.send(updateFrame(typed))
    const stateVector = await waitFor(() => {
      const { stateVector } = readFrames(raw.received)
      expect(stateVector).not.toBeNull()
      return stateVector!
    })
    raw.socket.send(stepTwoFrame(Y.encodeStateAsUpdate(doc, stateVector)))

    // Both change messages are acknowledged together, once the step 2 is committed; never the first alone.
    await waitFor(() => expect(readFrames(raw.received).saved).toContain(2))
    expect(readFrames(raw.received).saved).not.toContain(1)
    expect(closed).toBeNull()
    const reader = fixture.connect(board.id, board.invites.observer)
    await waitSynced(reader)
    await waitFor(() => expect(marksOf(reader.doc).sort()).toEqual(['typed-while-reconnecting', 'unsaved-offline']))

    // Once a change of the connection was taken, a gap is a real loss of sync again: 4520, and it resyncs.
    addMark(doc, 'never-sent')
    const afterGap = changeOf(doc, () => addMark(doc, 'after-a-gap'))
    raw.socket.send(updateFrame(afterGap))
    expect((await raw.closed).code).toBe(CloseCode.OutOfSync.code)
  })
})
