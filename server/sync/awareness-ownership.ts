/**
 * A client id in awareness belongs to the connection that first announced it: another connection
 * can't overwrite or remove someone else's presence. Entries it may not touch are dropped.
 *
 * Presence is also bounded per connection: a browser tab (or a stock client) has one client id and
 * a state of a few hundred bytes. Entries beyond the limits are dropped, not relayed; a connection
 * that keeps sending them is closed with 1008.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { CloseCode } from '../../shared/protocol/close-codes.ts'

export interface AwarenessLimits {
  /** Client ids one connection may own. */
  maxClientsPerConnection: number
  /** Bytes of one state's JSON (UTF-8). */
  maxStateBytes: number
  /** Messages with entries over the limits a connection may send before it is closed. */
  maxOffences: number
}

export const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = {
  maxClientsPerConnection: 4,
  maxStateBytes: 4 * 1024,
  maxOffences: 10,
}

/** What ownership needs of a connection: closing it when it keeps breaking the limits. */
export interface AwarenessOwner {
  close(code: number, reason: string): void
}

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The raw JSON state, kept as sent (null = the client left). */
  json: string
}

/** Reads an awareness update; throws on malformed bytes or JSON. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    const state: unknown = JSON.parse(json)
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('awareness state must be an object or null')
    entries.push({ clientId, clock, json })
  }
  return entries
}

export function writeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

export class AwarenessOwnership<Owner extends AwarenessOwner> {
  private readonly owners = new Map<number, Owner>()
  /** Per owner: how many client ids it owns, and how many messages broke the limits. */
  private readonly counts = new Map<Owner, { owned: number; offences: number }>()

  constructor(private readonly limits: AwarenessLimits = DEFAULT_AWARENESS_LIMITS) {}

  /**
   * Keeps the entries `owner` may write, claiming the client ids nobody owns yet, within the limits.
   * Entries of ids someone else owns are dropped silently: the stock client echoes everyone's
   * presence back to the server. A removal (null state) never claims an id: it would steal the id
   * of someone who left and comes back with it.
   */
  claim(owner: Owner, entries: AwarenessEntry[]): AwarenessEntry[] {
    const counts = this.counts.get(owner) ?? { owned: 0, offences: 0 }
    this.counts.set(owner, counts)
    let overLimit = false
    const kept = entries.filter((entry) => {
      const current = this.owners.get(entry.clientId)
      if (current !== undefined && current !== owner) return false
      if (current === undefined && entry.json.trim() === 'null') return false
      if (Buffer.byteLength(entry.json) > this.limits.maxStateBytes) {
        overLimit = true
        return false
      }
      if (current === undefined) {
        if (counts.owned >= this.limits.maxClientsPerConnection) {
          overLimit = true
          return false
        }
        this.owners.set(entry.clientId, owner)
        counts.owned++
      }
      return true
    })
    if (overLimit && ++counts.offences > this.limits.maxOffences) {
      owner.close(CloseCode.PresenceOverLimit.code, CloseCode.PresenceOverLimit.reason)
    }
    return kept
  }

  /** Whether a connection owns this client id. */
  isOwned(clientId: number): boolean {
    return this.owners.has(clientId)
  }

  /** Forgets and returns the client ids of an owner (its connection closed). */
  release(owner: Owner): number[] {
    this.counts.delete(owner)
    const ids: number[] = []
    for (const [clientId, current] of this.owners) {
      if (current === owner) {
        ids.push(clientId)
        this.owners.delete(clientId)
      }
    }
    return ids
  }
}

/**
 * Presence says which role each person has; a client can't claim a role its token doesn't give:
 * the server writes the connection's role into `user.role`.
 */
export function stampRole(entry: AwarenessEntry, role: string): AwarenessEntry {
  const state = JSON.parse(entry.json) as Record<string, unknown> | null
  if (state === null || typeof state.user !== 'object' || state.user === null) return entry
  return { ...entry, json: JSON.stringify({ ...state, user: { ...(state.user as object), role } }) }
}
