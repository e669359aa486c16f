/** A stock y-websocket client in Node, as any integration would use it. */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { MessageType } from '../../shared/protocol/messages.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { TEST_PERSON_KEY } from './actors.ts'

// In Node every WebsocketProvider adds a process 'exit' listener (to clear its presence); tests
// open dozens of clients per file, which is not a leak: keep Node's warning out of CI logs.
process.setMaxListeners(Math.max(process.getMaxListeners(), 1_000))

export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/**
 * `quietAcks` registers a no-op handler for our SavedThrough message, only so test logs aren't full of
 * the stock client's "Unable to compute message"; pass false to use the client exactly as shipped.
 * `personKey` is the device's secret that proves who signs contributions (shared/auth/person.ts);
 * null connects without one, as a stock client that knows nothing of Atelier would.
 */
export function connectClient(
  wsUrl: string, boardId: string, token: string, doc = new Y.Doc(),
  { quietAcks = true, personKey = TEST_PERSON_KEY }: { quietAcks?: boolean; personKey?: string | null } = {},
): SyncClient {
  const provider = new WebsocketProvider(`${wsUrl}${SYNC_PATH}`, boardId, doc, {
    params: personKey === null ? { token } : { token, [SYNC_PERSON_PARAM]: personKey },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  if (quietAcks) provider.messageHandlers[MessageType.SavedThrough] = () => {}
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function waitSynced(client: SyncClient, timeout = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync')), timeout)
    client.provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
