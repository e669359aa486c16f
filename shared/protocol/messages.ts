/**
 * The wire protocol of `/sync/<boardId>`: the standard y-websocket framing (a varUint message type,
 * then its payload), so the stock `y-websocket` client works unchanged, plus one message of our own.
 *
 *   [0 Sync,  varUint subtype (0 step 1 | 1 step 2 | 2 update), varUint8Array payload]
 *   [1 Awareness, varUint8Array awareness update]
 *   [2 Auth, varUint 0 = permission denied, varString reason]          (server → client only)
 *   [3 QueryAwareness]                                                (client → server)
 *   [100 SavedThrough, varUint count]                                 (server → client, ours)
 *
 * SavedThrough: after the server has committed to disk the document changes a connection sent, it
 * answers with the number of change messages (sync step 2 and update, counted from 1 on each
 * connection) that are now durable. A client counts what it sends on the same socket and knows
 * everything up to that count is saved. The stock client logs "Unable to compute message" for it
 * and goes on working.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SavedThrough: 100,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/** Message types a client may send; anything else closes the connection. */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<number> = new Set([
  MessageType.Sync,
  MessageType.Awareness,
  MessageType.Auth,
  MessageType.QueryAwareness,
])

/** Whether an outgoing frame carries document changes the server will acknowledge. */
export function isChangeMessage(frame: Uint8Array): boolean {
  if (frame.length < 2) return false
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Sync) return false
  const sub = decoding.readVarUint(decoder)
  return sub === SyncMessageType.Step2 || sub === SyncMessageType.Update
}

export function encodeSavedThrough(count: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.SavedThrough)
  encoding.writeVarUint(encoder, count)
  return encoding.toUint8Array(encoder)
}

/** Reads the count of a SavedThrough message whose type was already read. */
export function readSavedThrough(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}
