/**
 * An honest stock client that writes marks (tests/helpers/probes.ts) and knows which ones the
 * server acknowledged: it counts the change frames its socket sends and reads our SavedThrough
 * (shared/protocol/messages.ts). A mark counts as acknowledged once SavedThrough reaches the frame
 * that carried it, on the same connection.
 */
import type * as dec from 'lib0/decoding'
import { MessageType, isChangeMessage, readSavedThrough } from '../../shared/protocol/messages.ts'
import { addMark } from '../helpers/probes.ts'
import type { SyncClient } from '../helpers/sync-client.ts'

export interface AckedMarks {
  /** Writes a mark now (sent at once when connected). */
  write(mark: string): void
  /** Marks the server acknowledged. */
  readonly acked: ReadonlySet<string>
  /** Marks written, acknowledged or not. */
  readonly written: readonly string[]
}

export function ackedMarks(client: SyncClient): AckedMarks {
  let connection = 0
  let sent = 0
  const waiting: { mark: string; connection: number; frame: number }[] = []
  const acked = new Set<string>()
  const written: string[] = []
  const wrap = () => {
    const ws = client.provider.ws
    if (!ws || (ws as unknown as { __counted?: boolean }).__counted) return
    ;(ws as unknown as { __counted?: boolean }).__counted = true
    connection++
    sent = 0
    const send = ws.send.bind(ws)
    ws.send = ((data: Uint8Array<ArrayBuffer>) => {
      if (isChangeMessage(new Uint8Array(data))) sent++
      send(data)
    }) as typeof ws.send
  }
  client.provider.on('status', ({ status }: { status: string }) => { if (status === 'connected') wrap() })
  wrap()
  client.provider.messageHandlers[MessageType.SavedThrough] = (_encoder: unknown, decoder: dec.Decoder) => {
    const saved = readSavedThrough(decoder)
    for (let i = waiting.length - 1; i >= 0; i--) {
      const entry = waiting[i]!
      if (entry.connection === connection && entry.frame <= saved) {
        acked.add(entry.mark)
        waiting.splice(i, 1)
      }
    }
  }
  return {
    write(mark) {
      wrap()
      const connected = client.provider.wsconnected
      addMark(client.doc, mark)
      written.push(mark)
      // Sent on this connection only if it was up; otherwise it goes with the next sync, uncounted here.
      if (connected) waiting.push({ mark, connection, frame: sent })
    },
    acked,
    written,
  }
}
