/**
 * A client id in awareness belongs to the connection that first announced it: another connection
 * can't overwrite or remove someone else's presence. Entries it may not touch are dropped.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

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

export class AwarenessOwnership<Owner> {
  private readonly owners = new Map<number, Owner>()

  /** Keeps the entries `owner` may write, claiming the client ids nobody owns yet. */
  claim(owner: Owner, entries: AwarenessEntry[]): AwarenessEntry[] {
    return entries.filter((entry) => {
      const current = this.owners.get(entry.clientId)
      if (current === undefined) this.owners.set(entry.clientId, owner)
      return current === undefined || current === owner
    })
  }

  /** Forgets and returns the client ids of an owner (its connection closed). */
  release(owner: Owner): number[] {
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
