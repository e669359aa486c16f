/**
 * Offline edits bigger than the server's frame limit (2 MiB by default) reach the server: the client's
 * socket (client/live/save-tracker.ts) cuts the sync step 2 into update frames below the limit.
 * Before, such a client was closed with 1009 on every reconnect and its edits never arrived.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { SaveTracker } from '../../client/live/save-tracker.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../shared/protocol/limits.ts'
import { MessageType, readSavedThrough } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { createBoard } from '../helpers/api.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

const fixture = useTestServer()

/** Paragraphs of Tiptap content in the charter: several big ones and one huge paste. */
function writeOfflineCharter(doc: Y.Doc): void {
  const paragraphs = [
    ...Array.from({ length: 8 }, (_, i) => `Article ${i + 1}. ${'Les partenaires s’engagent à coopérer — '.repeat(2_500)}`),
    `Annexe collée : ${'données 😀 é '.repeat(170_000)}`, // one struct of ≈ 2.4 MB, bigger than a frame
  ]
  doc.transact(() => {
    for (const words of paragraphs) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(words)])
      charterOf(doc).push([paragraph])
    }
  })
}

const charterText = (doc: Y.Doc): string => charterOf(doc).toArray().map((node) => (node as Y.XmlElement).toString()).join('\n')

describe('offline edits larger than one frame', () => {
  it('reach the server in frames below the limit, every one acknowledged; others and a restart see them', async () => {
    const board = await createBoard(fixture.server.url)
    const doc = new Y.Doc()
    writeOfflineCharter(doc)
    const offline = Y.encodeStateAsUpdate(doc)
    expect(offline.length).toBeGreaterThan(3 * 1024 * 1024)

    const frameSizes: number[] = []
    class RecordingWebSocket extends WebSocket {
      override send(data: Parameters<WebSocket['send']>[0]): void {
        if (data instanceof Uint8Array) frameSizes.push(data.length)
        super.send(data)
      }
    }
    const tracker = new SaveTracker({ WebSocket: RecordingWebSocket as unknown as typeof globalThis.WebSocket })
    const closes: number[] = []
    const provider = new WebsocketProvider(`${fixture.server.wsUrl}${SYNC_PATH}`, board.id, doc, {
      params: { token: board.invites.participant },
      WebSocketPolyfill: tracker.WebSocketClass,
      disableBc: true,
    })
    provider.messageHandlers[MessageType.SavedThrough] = (_encoder, decoder) => tracker.onSavedThrough(readSavedThrough(decoder))
    provider.on('connection-close', (event) => { if (event) closes.push(event.code) })
    try {
      await waitFor(() => expect(tracker.saved && provider.synced && frameSizes.length > 3).toBe(true), { timeout: 30_000 })
      expect(closes).toEqual([])
      expect(Math.max(...frameSizes)).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES)
      expect(frameSizes.filter((size) => size > 1024 * 1024).length).toBeGreaterThanOrEqual(2) // it was cut, not dribbled

      const expected = charterText(doc)
      const other = fixture.connect(board.id, board.invites.observer)
      await waitSynced(other, 30_000)
      await waitFor(() => expect(charterText(other.doc) === expected).toBe(true), { timeout: 30_000 })

      provider.destroy()
      other.destroy()
      await fixture.restart()
      const later = fixture.connect(board.id, board.invites.observer)
      await waitSynced(later, 30_000)
      expect(charterText(later.doc) === expected).toBe(true)
    } finally {
      provider.destroy()
    }
  }, 90_000)
})
