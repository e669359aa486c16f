/**
 * A y-websocket client built the way the web client's BoardSession builds its own
 * (client/live/board-session.ts), minus the DOM: the SaveTracker's counting WebSocket (the
 * "Saved" / not saved indicator), wrapped in the reconnect policy's backoff with jitter
 * (client/live/reconnect-policy.ts). It also counts acknowledged marks (MarkTracker) and records
 * when each real socket was opened and how each closed.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type * as decoding from 'lib0/decoding'
import { SaveTracker } from '../../client/live/save-tracker.ts'
import { ReconnectBackoff, withReconnectBackoff } from '../../client/live/reconnect-policy.ts'
import { MessageType, readSavedThrough } from '../../shared/protocol/messages.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { TEST_PERSON_KEY } from '../helpers/actors.ts'
import { closeMeansNotSaved, saveStateOf, type SaveState } from '../../client/live/save-state.ts'
import { MarkTracker } from './set-check.ts'

export interface WebLikeClient {
  doc: Y.Doc
  provider: WebsocketProvider
  save: SaveTracker
  marks: MarkTracker
  /** When each real socket was created (ms since the epoch): every connection attempt. */
  attempts: number[]
  /** How each socket that had opened closed. */
  closes: { at: number; code: number }[]
  /** What the web client's status bar would say (BoardSession's rule, client/live/save-state.ts). */
  saveState(): SaveState
  write(mark: string): void
  destroy(): void
}

/** `wsUrl` is asked at every new socket (a restarted server may listen elsewhere). */
export function webLikeClient(wsUrl: () => string, boardId: string, token: string, backoff = new ReconnectBackoff()): WebLikeClient {
  const marks = new MarkTracker()
  const attempts: number[] = []
  const closes: { at: number; code: number }[] = []
  class RecordedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      const routed = new URL(String(url))
      const base = new URL(wsUrl())
      routed.protocol = base.protocol
      routed.host = base.host
      super(routed.toString(), protocols)
      attempts.push(Date.now())
      marks.onSocket(this)
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      if (data instanceof Uint8Array) marks.onSend(this, data)
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
  const save = new SaveTracker({ WebSocket: RecordedWebSocket as unknown as typeof globalThis.WebSocket })
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://server${SYNC_PATH}`, boardId, doc, {
    params: { token, [SYNC_PERSON_PARAM]: TEST_PERSON_KEY },
    WebSocketPolyfill: withReconnectBackoff(save.WebSocketClass, backoff),
    disableBc: true,
  })
  provider.messageHandlers[MessageType.SavedThrough] = (_encoder: unknown, decoder: decoding.Decoder) => {
    const count = readSavedThrough(decoder)
    save.onSavedThrough(count)
    marks.onSavedThrough(count)
  }
  let serverCouldNotSave = false
  let lastAttemptFailed = false
  provider.on('connection-close', (event: { code: number } | null) => {
    if (!event) return
    closes.push({ at: Date.now(), code: event.code })
    lastAttemptFailed = !provider.wsconnected
    if (closeMeansNotSaved(event.code)) serverCouldNotSave = true
  })
  provider.on('status', ({ status }: { status: string }) => { if (status === 'connected') lastAttemptFailed = false })
  // As BoardSession does: a change made while no socket is open is "not saved" at once.
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) save.noteLocalChange(provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN)
  })
  return {
    doc,
    provider,
    save,
    marks,
    attempts,
    closes,
    saveState() {
      if (save.saved) serverCouldNotSave = false
      const connection = provider.wsconnected ? 'connected' : lastAttemptFailed ? 'offline' : 'connecting'
      return saveStateOf({ canEdit: true, connection, saved: save.saved, serverCouldNotSave })
    },
    write: (mark) => marks.write(doc, mark),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}
