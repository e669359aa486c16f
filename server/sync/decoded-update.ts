/**
 * A Yjs update taken apart (yjs's own `decodeUpdate`), so the write guard can look at each struct
 * before anything is applied, and put it back together with some structs replaced by empty
 * placeholders (GC structs of the same id and length) and some deletions left out.
 *
 * A placeholder keeps the sender's clock contiguous: everything else it sent, and everything it
 * sends later, still applies; an item whose neighbour became a placeholder becomes one too, on
 * every replica alike (yjs integrates an item next to a GC struct as GC).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

export type Struct = Y.Item | Y.GC | Y.Skip

export interface DeleteRange {
  client: number
  clock: number
  len: number
}

/** An update that changes nothing (what every client sends when it has nothing new): [0 structs, 0 deletes]. */
export const isEmptyUpdate = (data: Uint8Array): boolean => data.length === 2 && data[0] === 0 && data[1] === 0

export class DecodedUpdate {
  /** Structs per client, in clock order, as the update holds them. */
  readonly byClient = new Map<number, Struct[]>()
  readonly deletes: DeleteRange[] = []

  constructor(readonly bytes: Uint8Array) {
    const { structs, ds } = Y.decodeUpdate(bytes)
    for (const struct of structs) {
      // An empty struct is no edit a client makes; yjs would later write it out as an empty delete
      // range, which it cannot read back (the board would no longer load).
      if (struct.length <= 0) throw new Error('malformed update: an empty struct')
      const list = this.byClient.get(struct.id.client)
      if (list) list.push(struct)
      else this.byClient.set(struct.id.client, [struct])
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) this.deletes.push({ client, clock: range.clock, len: range.len })
    }
  }

  get structCount(): number {
    let count = 0
    for (const list of this.byClient.values()) count += list.length
    return count
  }

  /** The struct of this update that holds `id`, if any. */
  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client)
    if (!list) return undefined
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid]!
      if (id.clock < struct.id.clock) high = mid - 1
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }

  /**
   * The update without what was refused: `refused` structs become GC placeholders, `keptDeletes`
   * replace the delete set. Returns the original bytes when nothing changed.
   */
  rebuild(refused: ReadonlySet<Struct>, keptDeletes: readonly DeleteRange[]): Uint8Array {
    const sameDeletes = keptDeletes.length === this.deletes.length && keptDeletes.every((range, i) => {
      const sent = this.deletes[i]!
      return range.client === sent.client && range.clock === sent.clock && range.len === sent.len
    })
    // (A range cut to what exists counts as a change: its dangling end would wait in pendingDs forever.)
    if (refused.size === 0 && sameDeletes) return this.bytes
    const encoder = new Y.UpdateEncoderV1()
    const clients = [...this.byClient.entries()].sort((a, b) => b[0] - a[0])
    encoding.writeVarUint(encoder.restEncoder, clients.length)
    for (const [client, structs] of clients) {
      encoding.writeVarUint(encoder.restEncoder, structs.length)
      encoder.writeClient(client)
      encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock)
      for (const struct of structs) {
        const written = refused.has(struct) ? new Y.GC(struct.id, struct.length) : struct
        written.write(encoder, 0)
      }
    }
    const byClient = new Map<number, DeleteRange[]>()
    for (const range of mergeRanges(keptDeletes)) {
      const list = byClient.get(range.client)
      if (list) list.push(range)
      else byClient.set(range.client, [range])
    }
    encoding.writeVarUint(encoder.restEncoder, byClient.size)
    for (const [client, ranges] of [...byClient.entries()].sort((a, b) => b[0] - a[0])) {
      encoder.resetDsCurVal()
      encoding.writeVarUint(encoder.restEncoder, client)
      encoding.writeVarUint(encoder.restEncoder, ranges.length)
      for (const range of ranges) {
        encoder.writeDsClock(range.clock)
        encoder.writeDsLen(range.len)
      }
    }
    return encoder.toUint8Array()
  }
}

/**
 * Sorted, without empty ranges, overlapping and touching ones merged: yjs writes what it can't apply
 * yet back out as a delete set, and an empty range there throws inside its transaction.
 */
function mergeRanges(ranges: readonly DeleteRange[]): DeleteRange[] {
  const sorted = ranges.filter((r) => r.len > 0).sort((a, b) => a.client - b.client || a.clock - b.clock)
  const merged: DeleteRange[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && last.client === range.client && range.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock)
    } else merged.push({ ...range })
  }
  return merged
}
