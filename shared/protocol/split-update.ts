/**
 * Cuts a Yjs update (V1) that is too big for one sync frame into several smaller updates that, sent
 * in order as separate update messages, give the receiver exactly the state the whole update would,
 * and never leave it waiting on a missing dependency between two of them:
 *
 * - structs go out in an order where everything a struct refers to (its left and right origins, its
 *   parent, the previous clock of its own client) is in an earlier slice, in the same slice, or
 *   outside this update (then the receiver has it, as it would for the whole update);
 * - per client, each slice holds one contiguous clock range, so clocks follow on from slice to slice;
 * - a struct too big for the room left is cut (a long string at a character, an array at an
 *   element, a GC or deleted run anywhere), never inside a UTF-16 surrogate pair;
 * - the delete set comes after every struct, in the last slice(s).
 *
 * A single unit that can't be cut (one array element, an embed, a binary) bigger than the limit
 * stays whole in a slice of its own: the server will refuse that one (1009), as it would have anyway.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { MessageType, SyncMessageType } from './messages.ts'

type Struct = Y.Item | Y.GC | Y.Skip
type ID = { client: number; clock: number }

/** Bytes of a sync frame around its update: message type, sync subtype, payload length. */
export const SYNC_FRAME_OVERHEAD = 1 + 1 + 5
/** Most bytes a client's header takes in a slice: struct count, client id, first clock. */
const CLIENT_HEADER_BYTES = 5 + 5 + 9
/** Client count of the struct section and of the delete set. */
const SLICE_BASE_BYTES = 5 + 5

const varUintLength = (n: number): number => {
  let length = 1
  while (n > 0x7f) {
    n = Math.floor(n / 128)
    length++
  }
  return length
}

/** Returns `update` alone if it fits in `maxBytes`, else slices of at most `maxBytes` (see above). */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.length <= maxBytes) return [update]
  const { structs, ds } = Y.decodeUpdate(update)
  const budget = maxBytes - SLICE_BASE_BYTES
  const slices: Slice[] = []
  let current = new Slice()
  const close = () => {
    if (current.isEmpty) return
    slices.push(current)
    current = new Slice()
  }

  for (const whole of dependencyOrder(structs)) {
    let struct: Struct | null = whole
    while (struct) {
      const size = encodedSize(struct)
      const room = budget - current.bytes - current.headerFor(struct.id.client)
      if (size <= room) {
        current.add(struct, size)
        struct = null
        continue
      }
      const cut = cutToFit(struct, room)
      if (cut) {
        current.add(cut[0], encodedSize(cut[0]))
        struct = cut[1]
      } else if (current.isEmpty) {
        // Can't be cut and too big even alone: it goes whole, in a slice of its own.
        current.add(struct, size)
        struct = null
      }
      close()
    }
  }

  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      const room = budget - current.bytes - current.deleteHeaderFor(client)
      if (current.deleteBytes(range) > room) close()
      current.delete(client, range)
    }
  }
  close()
  return slices.map((slice) => slice.encode())
}

/** A change frame (sync step 2 or update) as one frame, or as update frames of at most `maxFrameBytes`. */
export function splitChangeFrame(frame: Uint8Array, maxFrameBytes: number): Uint8Array[] {
  if (frame.length <= maxFrameBytes) return [frame]
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Sync) return [frame]
  const subtype = decoding.readVarUint(decoder)
  if (subtype !== SyncMessageType.Step2 && subtype !== SyncMessageType.Update) return [frame]
  const parts = splitUpdate(decoding.readVarUint8Array(decoder), maxFrameBytes - SYNC_FRAME_OVERHEAD)
  return parts.map((part) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncMessageType.Update)
    encoding.writeVarUint8Array(encoder, part)
    return encoding.toUint8Array(encoder)
  })
}

/** One update being filled: per client, a contiguous run of structs; then delete ranges. */
class Slice {
  private readonly structs = new Map<number, Struct[]>()
  private readonly deletes = new Map<number, { clock: number; len: number }[]>()
  bytes = 0

  get isEmpty(): boolean {
    return this.structs.size === 0 && this.deletes.size === 0
  }

  headerFor(client: number): number {
    return this.structs.has(client) ? 0 : CLIENT_HEADER_BYTES
  }

  add(struct: Struct, size: number): void {
    const client = struct.id.client
    this.bytes += size + this.headerFor(client)
    const run = this.structs.get(client)
    if (run) run.push(struct)
    else this.structs.set(client, [struct])
  }

  deleteHeaderFor(client: number): number {
    return this.deletes.has(client) ? 0 : 5 + 5
  }

  deleteBytes(range: { clock: number; len: number }): number {
    return varUintLength(range.clock) + varUintLength(range.len)
  }

  delete(client: number, range: { clock: number; len: number }): void {
    this.bytes += this.deleteBytes(range) + this.deleteHeaderFor(client)
    const ranges = this.deletes.get(client)
    if (ranges) ranges.push(range)
    else this.deletes.set(client, [range])
  }

  /** The V1 update: structs by client (like Yjs' writeStructs), then the delete set. */
  encode(): Uint8Array {
    const encoder = new Y.UpdateEncoderV1()
    encoding.writeVarUint(encoder.restEncoder, this.structs.size)
    for (const [client, run] of this.structs) {
      encoding.writeVarUint(encoder.restEncoder, run.length)
      encoder.writeClient(client)
      encoding.writeVarUint(encoder.restEncoder, run[0]!.id.clock)
      for (const struct of run) struct.write(encoder, 0)
    }
    encoding.writeVarUint(encoder.restEncoder, this.deletes.size)
    for (const [client, ranges] of this.deletes) {
      encoding.writeVarUint(encoder.restEncoder, client)
      encoding.writeVarUint(encoder.restEncoder, ranges.length)
      for (const { clock, len } of ranges) {
        encoder.writeDsClock(clock)
        encoder.writeDsLen(len)
      }
    }
    return encoder.toUint8Array()
  }
}

function encodedSize(struct: Struct): number {
  const encoder = new Y.UpdateEncoderV1()
  struct.write(encoder, 0)
  return encoding.length(encoder.restEncoder)
}

/** What an item refers to by id, besides the previous clock of its own client. */
function dependenciesOf(struct: Struct): ID[] {
  if (!(struct instanceof Y.Item)) return []
  const ids: ID[] = []
  if (struct.origin) ids.push(struct.origin)
  if (struct.rightOrigin) ids.push(struct.rightOrigin)
  const parent: unknown = struct.parent
  if (parent instanceof Y.ID) ids.push(parent)
  return ids
}

/**
 * The structs in an order where each one's dependencies inside the update come before it (the same
 * walk Yjs does when it integrates an update: when a struct needs another client's struct that has
 * not gone yet, go and emit that client's structs up to it first).
 */
export function dependencyOrder(structs: Struct[]): Struct[] {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const run = byClient.get(struct.id.client)
    if (run) run.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  const next = new Map<number, number>()
  /** Per client, the clock up to which structs are emitted (those below the update: the receiver has them). */
  const emitted = new Map<number, number>()
  const end = new Map<number, number>()
  for (const [client, run] of byClient) {
    next.set(client, 0)
    emitted.set(client, run[0]!.id.clock)
    const last = run[run.length - 1]!
    end.set(client, last.id.clock + last.length)
  }
  const missing = (id: ID): boolean =>
    byClient.has(id.client) && id.clock >= emitted.get(id.client)! && id.clock < end.get(id.client)!

  const order: Struct[] = []
  for (const client of byClient.keys()) {
    const stack: [client: number, upTo: number][] = [[client, end.get(client)! - 1]]
    const onStack = new Set([client])
    while (stack.length > 0) {
      const [c, upTo] = stack[stack.length - 1]!
      const run = byClient.get(c)!
      const index = next.get(c)!
      if (index >= run.length || emitted.get(c)! > upTo) {
        stack.pop()
        onStack.delete(c)
        continue
      }
      const struct = run[index]!
      // A dependency on a client already waiting below on the stack would be a cycle, which no
      // well-formed update has: emit the struct anyway rather than loop.
      const needed = dependenciesOf(struct).find((id) => missing(id) && !onStack.has(id.client))
      if (needed) {
        stack.push([needed.client, needed.clock])
        onStack.add(needed.client)
        continue
      }
      order.push(struct)
      next.set(c, index + 1)
      emitted.set(c, struct.id.clock + struct.length)
    }
  }
  return order
}

/**
 * Cuts `struct` in two so that the first part encodes in at most `room` bytes, or returns null if
 * no non-empty first part fits (or the struct can't be cut at all).
 */
function cutToFit(struct: Struct, room: number): [Struct, Struct] | null {
  if (!(struct instanceof Y.Item) || struct.length < 2) return null
  const content: unknown = struct.content
  const unitSize = unitSizer(content)
  if (!unitSize) return null
  // The item's own bytes (info, origins, parent) are those of its first unit alone, less that unit
  // and its length prefix; the first part's length prefix takes at most as many bytes as `room`.
  const first = unitSize(0)
  const headerBytes = encodedSize(pieceOf(struct, 0, first.units)) - varUintLength(first.bytes) - first.bytes
  let left = room - headerBytes - varUintLength(room)
  let k = 0
  while (k < struct.length) {
    const unit = unitSize(k)
    if (unit.bytes > left) break
    left -= unit.bytes
    k += unit.units
  }
  if (k < 1 || k >= struct.length) return null
  return [pieceOf(struct, 0, k), pieceOf(struct, k, struct.length)]
}

/**
 * For a content that can be cut, the encoded bytes of the unit at an index and how many clock
 * units it spans (a surrogate pair is two, never cut); null when the content can't be cut.
 */
function unitSizer(content: unknown): ((index: number) => { bytes: number; units: number }) | null {
  if (content instanceof Y.ContentString) {
    const { str } = content
    return (i) => {
      const code = str.charCodeAt(i)
      if (code < 0x80) return { bytes: 1, units: 1 }
      if (code < 0x800) return { bytes: 2, units: 1 }
      const next = str.charCodeAt(i + 1)
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return { bytes: 4, units: 2 }
      return { bytes: 3, units: 1 } // includes a lone surrogate, written as U+FFFD
    }
  }
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const json = content instanceof Y.ContentJSON
    return (i) => {
      const value = content.arr[i]
      const encoder = encoding.createEncoder()
      if (json) encoding.writeVarString(encoder, value === undefined ? 'undefined' : JSON.stringify(value))
      else encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1])
      return { bytes: encoding.length(encoder), units: 1 }
    }
  }
  return null
}

/** Clocks [from, to) of an item as an item of its own (what Yjs' sliceStruct does, without mutating). */
function pieceOf(item: Y.Item, from: number, to: number): Y.Item {
  const { client, clock } = item.id
  const content = item.content
  let part: Y.ContentString | Y.ContentAny | Y.ContentJSON
  if (content instanceof Y.ContentString) part = new Y.ContentString(content.str.slice(from, to))
  else if (content instanceof Y.ContentAny) part = new Y.ContentAny(content.arr.slice(from, to))
  else if (content instanceof Y.ContentJSON) part = new Y.ContentJSON(content.arr.slice(from, to))
  else throw new Error('only strings and arrays are cut')
  return new Y.Item(
    Y.createID(client, clock + from),
    null,
    from === 0 ? item.origin : Y.createID(client, clock + from - 1),
    null,
    item.rightOrigin,
    item.parent,
    item.parentSub,
    part,
  )
}
