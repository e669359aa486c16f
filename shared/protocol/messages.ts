/**
 * The wire protocol of `/sync/<boardId>`: the standard y-websocket framing (a varUint message type,
 * then its payload), so the stock `y-websocket` client works unchanged, plus one message of our own.
 *
 *   [0 Sync,  varUint subtype (0 step 1 | 1 step 2 | 2 update), varUint8Array payload]
 *   [1 Awareness, varUint8Array awareness update]
 *   [2 Auth, varUint 0 = permission denied, varString reason]          (server → client only)
 *   [3 QueryAwareness]                                                (client → server)
 *   [100 SavedThrough, varUint count]                                 (server → client, ours)
 *   [101 Refused, varString JSON Refusal]                              (server → client, ours)
 *
 * SavedThrough: after the server has committed to disk the document changes a connection sent, it
 * answers with the number of change messages (sync step 2 and update, counted from 1 on each
 * connection) that are now durable. A client counts what it sends on the same socket and knows
 * everything up to that count is saved. The stock client logs "Unable to compute message" for it
 * and goes on working.
 *
 * Refused: the server's write guard (server/sync/write-guard.ts) took out parts of a change message
 * that the connection may not make or that would break the board. Those parts are never stored,
 * relayed or acknowledged as such (they become empty placeholders that keep the sender's clock
 * contiguous, so the rest of the message and later edits still apply); everything else in the
 * message is committed and acknowledged as usual. The client shows why and reloads the board from
 * the server, since its own copy still holds what was refused.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SavedThrough: 100,
  Refused: 101,
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

export type RefusalReason =
  /** The connection's role or partner may not make this change (shared/auth/roles.ts). */
  | 'forbidden'
  /** The change does not fit the board's schema (unknown names, wrong kinds, too deep). */
  | 'invalid'
  /** A limit of the board (its size) would be exceeded. */
  | 'limit'

export interface Refusal {
  reason: RefusalReason
  /** The rule that refused it, when one did (an Action of shared/auth/roles.ts). */
  action?: string
  /** For logs and developers; the UI words the reason itself. */
  detail: string
}

export function encodeRefused(refusal: Refusal): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Refused)
  encoding.writeVarString(encoder, JSON.stringify(refusal))
  return encoding.toUint8Array(encoder)
}

/** Reads a Refused message whose type was already read; null when it isn't one we understand. */
export function readRefused(decoder: decoding.Decoder): Refusal | null {
  try {
    const value: unknown = JSON.parse(decoding.readVarString(decoder))
    if (typeof value !== 'object' || value === null) return null
    const { reason, action, detail } = value as Record<string, unknown>
    if (reason !== 'forbidden' && reason !== 'invalid' && reason !== 'limit') return null
    return { reason, action: typeof action === 'string' ? action : undefined, detail: typeof detail === 'string' ? detail : '' }
  } catch {
    return null
  }
}
