/** A raw `ws` socket to the sync endpoint, for sending frames a stock client never would. */
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.ts'

/** A sync update frame carrying `payload` as is, the way a stock client sends its changes. */
export function updateFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export interface RawSocket {
  socket: WebSocket
  /** Frames received so far. */
  received: Uint8Array[]
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>
}

export function openRawSocket(wsUrl: string, boardId: string, token: string, personKey?: string): Promise<RawSocket> {
  const person = personKey ? `&${SYNC_PERSON_PARAM}=${encodeURIComponent(personKey)}` : ''
  const socket = new WebSocket(`${wsUrl}/sync/${boardId}?token=${encodeURIComponent(token)}${person}`)
  const received: Uint8Array[] = []
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  socket.on('error', () => {})
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, received, closed }))
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)))
  })
}

/** A raw socket that asks for the whole document (sync step 1 from an empty doc) and records every frame after. */
export async function openRecordingSocket(wsUrl: string, boardId: string, token: string): Promise<RawSocket> {
  const raw = await openRawSocket(wsUrl, boardId, token)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, new Y.Doc())
  raw.socket.send(encoding.toUint8Array(encoder))
  return raw
}

/** The HTTP status with which an upgrade is refused (or 101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.on('error', () => {})
    socket.once('open', () => {
      socket.close()
      resolve({ status: 101, body: '' })
    })
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString() })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    setTimeout(() => reject(new Error('no answer to the upgrade')), 5_000)
  })
}
