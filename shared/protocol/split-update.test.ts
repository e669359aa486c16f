import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import * as decoding from 'lib0/decoding'
import { MessageType, SyncMessageType } from './messages.ts'
import { splitChangeFrame, splitUpdate } from './split-update.ts'
import * as encoding from 'lib0/encoding'


/** Everything a doc holds, by root, for comparing two docs. */
function contents(doc: Y.Doc): unknown {
  return {
    text: doc.getText('text').toDelta(),
    list: doc.getArray('list').toJSON(),
    map: doc.getMap('map').toJSON(),
    xml: doc.getXmlFragment('xml').toString(),
  }
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

const ALPHABET = 'abcdefghij klmnopqrstuvwxyzéàç—€😀👩‍👩‍👧🇫🇷'
const randomString = (gen: prng.PRNG, max: number): string => {
  const chars = [...ALPHABET] // code points: never a lone surrogate
  let out = ''
  const length = prng.int32(gen, 1, max)
  for (let i = 0; i < length; i++) out += prng.oneOf(gen, chars)
  return out
}

/** One random edit of any kind, so updates have strings, arrays, maps, nested types and deletes. */
function randomEdit(gen: prng.PRNG, doc: Y.Doc): void {
  const text = doc.getText('text')
  const list = doc.getArray<unknown>('list')
  const map = doc.getMap<unknown>('map')
  const xml = doc.getXmlFragment('xml')
  switch (prng.int32(gen, 0, 9)) {
    case 0:
    case 1:
      text.insert(prng.int32(gen, 0, text.length), randomString(gen, 60), prng.bool(gen) ? { bold: true } : undefined)
      break
    case 2:
      if (text.length > 0) {
        const at = prng.int32(gen, 0, text.length - 1)
        text.delete(at, Math.min(prng.int32(gen, 1, 20), text.length - at))
      }
      break
    case 3:
      if (text.length > 2) text.format(prng.int32(gen, 0, text.length - 2), 2, { italic: prng.bool(gen) || null })
      break
    case 4:
      list.insert(prng.int32(gen, 0, list.length), Array.from({ length: prng.int32(gen, 1, 8) }, () =>
        prng.oneOf<unknown>(gen, [prng.int32(gen, 0, 1e6), randomString(gen, 10), { k: randomString(gen, 5) }, [1, 2], true, null])))
      break
    case 5:
      if (list.length > 0) {
        const at = prng.int32(gen, 0, list.length - 1)
        list.delete(at, Math.min(prng.int32(gen, 1, 4), list.length - at))
      }
      break
    case 6:
      map.set(`k${prng.int32(gen, 0, 12)}`, prng.bool(gen) ? randomString(gen, 12) : prng.int32(gen, 0, 99))
      break
    case 7: {
      const nested = new Y.Map<unknown>()
      nested.set('title', randomString(gen, 8))
      list.insert(prng.int32(gen, 0, list.length), [nested])
      break
    }
    case 8: {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.setAttribute('align', prng.oneOf(gen, ['left', 'center']))
      paragraph.insert(0, [new Y.XmlText(randomString(gen, 30))])
      xml.insert(prng.int32(gen, 0, xml.length), [paragraph])
      break
    }
    default: {
      const paragraphs = xml.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
      if (paragraphs.length === 0) break
      const inner = prng.oneOf(gen, paragraphs).get(0)
      if (inner instanceof Y.XmlText) inner.insert(prng.int32(gen, 0, inner.length), randomString(gen, 15))
      break
    }
  }
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/**
 * A server doc, and what a client that went offline would send it: its own edits interleaved with
 * other offline clients' edits it got from them (so the update holds several clients whose structs
 * refer to each other).
 */
function scenario(seed: number, gc: boolean): { server: Y.Doc; update: Uint8Array } {
  const gen = prng.create(seed)
  const server = new Y.Doc({ gc })
  const shared = new Y.Doc({ gc })
  for (let i = 0; i < prng.int32(gen, 0, 30); i++) randomEdit(gen, shared)
  Y.applyUpdate(server, Y.encodeStateAsUpdate(shared))
  const peers = Array.from({ length: prng.int32(gen, 1, 4) }, () => copyOf(shared))
  for (let round = 0; round < prng.int32(gen, 1, 6); round++) {
    for (const peer of peers) for (let i = 0; i < prng.int32(gen, 0, 25); i++) randomEdit(gen, peer)
    const [a, b] = [prng.oneOf(gen, peers), prng.oneOf(gen, peers)]
    if (a !== b) sync(a, b)
  }
  for (const peer of peers.slice(1)) sync(peers[0]!, peer)
  return { server, update: Y.encodeStateAsUpdate(peers[0]!, Y.encodeStateVector(server)) }
}

/** Applies the slices in order to a copy of `server`: never pending, same state as the whole update. */
function expectSameAsWhole(server: Y.Doc, update: Uint8Array, slices: Uint8Array[]): void {
  const whole = copyOf(server)
  Y.applyUpdate(whole, update)
  const sliced = copyOf(server)
  for (const slice of slices) {
    Y.applyUpdate(sliced, slice)
    expect(sliced.store.pendingStructs).toBeNull()
    expect(sliced.store.pendingDs).toBeNull()
  }
  expect(Y.encodeStateVector(sliced)).toEqual(Y.encodeStateVector(whole))
  // (Compared as strings and buffers first: the matchers are slow on megabytes.)
  const [got, want] = [contents(sliced), contents(whole)]
  if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want)
  // Same structs and same deletions, whatever the order they arrived in.
  expect(Buffer.from(Y.encodeStateAsUpdate(sliced)).equals(Buffer.from(Y.encodeStateAsUpdate(whole)))).toBe(true)
}

describe('splitUpdate', () => {
  it('returns an update that fits as it is', () => {
    const { update } = scenario(1, true)
    expect(splitUpdate(update, update.length)).toEqual([update])
  })

  it('cuts random multi-client updates at many sizes into slices that apply in order without pending', () => {
    let cases = 0
    let sliceCount = 0
    for (let seed = 1; seed <= 120; seed++) {
      const { server, update } = scenario(seed, seed % 3 !== 0)
      const gen = prng.create(seed * 7919)
      const limits = [120, 160, 256, 400, 1024, prng.int32(gen, 120, Math.max(121, update.length))]
      for (const limit of limits) {
        const slices = splitUpdate(update, limit)
        for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(limit)
        expectSameAsWhole(server, update, slices)
        cases++
        sliceCount += slices.length
      }
    }
    expect(cases).toBe(720)
    expect(sliceCount).toBeGreaterThan(2_000) // the sizes really cut
  })

  it('cuts one pasted string bigger than the limit, and never inside an emoji', () => {
    const server = new Y.Doc()
    const client = copyOf(server)
    const paste = '👩‍👩‍👧 Charte — é😀'.repeat(90_000) // ≈ 2.3 M UTF-16 units, ≈ 3.2 MB of UTF-8
    client.getText('text').insert(0, paste)
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    expect(update.length).toBeGreaterThan(3_000_000)
    for (const limit of [2 * 1024 * 1024, 1_000_000, 65_536]) {
      const slices = splitUpdate(update, limit)
      expect(slices.length).toBeGreaterThanOrEqual(Math.ceil(update.length / limit))
      for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(limit)
      expectSameAsWhole(server, update, slices)
    }
    const applied = copyOf(server)
    for (const slice of splitUpdate(update, 65_536)) Y.applyUpdate(applied, slice)
    expect(applied.getText('text').toString() === paste).toBe(true)
  })

  it('cuts a long array of values between elements', () => {
    const server = new Y.Doc()
    const client = copyOf(server)
    client.getArray('list').push(Array.from({ length: 20_000 }, (_, i) => ({ i, label: `item ${i}` })))
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    const slices = splitUpdate(update, 20_000)
    expect(slices.length).toBeGreaterThan(10)
    for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(20_000)
    expectSameAsWhole(server, update, slices)
  })

  it('puts a big delete set after every struct, across slices if needed', () => {
    const server = new Y.Doc()
    const text = server.getText('text')
    for (let i = 0; i < 3_000; i++) text.insert(i, 'x', i % 2 ? { bold: true } : {}) // 3,000 separate items
    const client = copyOf(server)
    const mine = client.getText('text')
    for (let i = mine.length - 2; i >= 0; i -= 2) mine.delete(i, 1) // every other one: 1,500 ranges
    mine.insert(0, 'fresh words '.repeat(200))
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    const slices = splitUpdate(update, 1_000)
    for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(1_000)
    expectSameAsWhole(server, update, slices)
  })

  it('leaves a single value that cannot be cut whole, in a slice of its own', () => {
    const server = new Y.Doc()
    const client = copyOf(server)
    client.getText('text').insert(0, 'before ')
    client.getMap('map').set('huge', 'z'.repeat(50_000)) // one value of a map entry: one unit
    client.getText('text').insert(7, 'after')
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    const slices = splitUpdate(update, 10_000)
    expect(slices.filter((slice) => slice.length > 10_000)).toHaveLength(1)
    expectSameAsWhole(server, update, slices)
  })
})

describe('splitChangeFrame', () => {
  const frameOf = (subtype: number, update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, subtype)
    encoding.writeVarUint8Array(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  it('turns a sync step 2 too big for a frame into update frames below the limit', () => {
    const { server, update } = scenario(42, true)
    const frames = splitChangeFrame(frameOf(SyncMessageType.Step2, update), 300)
    expect(frames.length).toBeGreaterThan(1)
    const slices = frames.map((frame) => {
      expect(frame.length).toBeLessThanOrEqual(300)
      const decoder = decoding.createDecoder(frame)
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync)
      expect(decoding.readVarUint(decoder)).toBe(SyncMessageType.Update)
      return decoding.readVarUint8Array(decoder)
    })
    expectSameAsWhole(server, update, slices)
  })

  it('leaves frames that fit, and other messages, as they are', () => {
    const { update } = scenario(3, true)
    const frame = frameOf(SyncMessageType.Update, update)
    expect(splitChangeFrame(frame, frame.length)).toEqual([frame])
    const step1 = frameOf(SyncMessageType.Step1, update)
    expect(splitChangeFrame(step1, 100)).toEqual([step1])
  })
})

