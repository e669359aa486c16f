/**
 * The messages instances exchange through the relay, and their binary form (lib0 encoding, like
 * the sync protocol). Internal to the servers: clients never see them.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

/** The join link shown in a board's room (memory only on every instance: see server/room/room-service.ts). */
export interface JoinLinkRecord {
  inviteId: string
  token: string
  code: string | null
}

export type RelayMessage =
  | { kind: 'update'; boardId: string; seq: number; update: Uint8Array }
  | { kind: 'awareness'; boardId: string; update: Uint8Array }
  | { kind: 'awareness-query'; boardId: string }
  | { kind: 'invite-revoked'; boardId: string; inviteId: string }
  | { kind: 'join-link'; boardId: string; link: JoinLinkRecord | null }

const KINDS = ['update', 'awareness', 'awareness-query', 'invite-revoked', 'join-link'] as const

/** `from`: the sending instance, so it can ignore its own messages. */
export function encodeRelayMessage(from: string, message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind))
  encoding.writeVarString(encoder, from)
  encoding.writeVarString(encoder, message.boardId)
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness-query':
      break
    case 'invite-revoked':
      encoding.writeVarString(encoder, message.inviteId)
      break
    case 'join-link':
      encoding.writeVarString(encoder, JSON.stringify(message.link))
      break
  }
  return encoding.toUint8Array(encoder)
}

/** Throws on bytes that are not a relay message. */
export function decodeRelayMessage(bytes: Uint8Array): { from: string; message: RelayMessage } {
  const decoder = decoding.createDecoder(bytes)
  const kind = KINDS[decoding.readVarUint(decoder)]
  const from = decoding.readVarString(decoder)
  const boardId = decoding.readVarString(decoder)
  switch (kind) {
    case 'update':
      return { from, message: { kind, boardId, seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) } }
    case 'awareness':
      return { from, message: { kind, boardId, update: decoding.readVarUint8Array(decoder) } }
    case 'awareness-query':
      return { from, message: { kind, boardId } }
    case 'invite-revoked':
      return { from, message: { kind, boardId, inviteId: decoding.readVarString(decoder) } }
    case 'join-link': {
      const link = JSON.parse(decoding.readVarString(decoder)) as JoinLinkRecord | null
      return { from, message: { kind, boardId, link } }
    }
    default:
      throw new Error('unknown relay message kind')
  }
}
