import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { openSqliteStore } from '../store/sqlite-store.ts'
import { UpdateWriter } from './update-writer.ts'

const updateSetting = (key: string) => {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, true)
  return Y.encodeStateAsUpdate(doc)
}

describe('UpdateWriter', () => {
  it('commits every update of one event-loop turn in one transaction, in order, across boards', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'atelier-writer-')))
    const writer = new UpdateWriter(store)
    for (const id of ['boardAAAA', 'boardBBBB']) {
      await store.createBoard({ id, title: id, language: 'fr', createdAt: new Date().toISOString() }, [], new Uint8Array([0, 0]))
    }
    const seqs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writer.append(i % 2 ? 'boardAAAA' : 'boardBBBB', updateSetting(`k${i}`))),
    )
    expect(writer.stats.batches).toBe(1)
    expect(writer.stats.updates).toBe(50)
    // Each board's rows follow its first row (seq 1), in arrival order.
    expect(seqs.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2))
    const doc = new Y.Doc()
    for (const row of await store.loadUpdates('boardAAAA')) Y.applyUpdate(doc, row.data)
    expect(doc.getMap('m').size).toBe(25)

    // The next turn is the next transaction; an empty update resolves without a row.
    expect(await writer.append('boardAAAA', new Uint8Array([0, 0]))).toBe(-1)
    await writer.append('boardAAAA', updateSetting('late'))
    expect(writer.stats.batches).toBe(2)
    await store.close()
  })

  it('drain() waits for what was queued before it, not for the writer to go idle while other boards keep writing', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'atelier-writer-')))
    const writer = new UpdateWriter(store)
    for (const id of ['quietBoard', 'busyBoard']) {
      await store.createBoard({ id, title: id, language: 'fr', createdAt: new Date().toISOString() }, [], new Uint8Array([0, 0]))
    }
    let earlierDone = false
    void writer.append('quietBoard', updateSetting('before')).then(() => { earlierDone = true })
    let drained = false
    const draining = writer.drain().then(() => { drained = true })
    // Another board writes on and on: a commit is always in flight or queued.
    let written = 0
    while (!drained && written < 200) {
      await writer.append('busyBoard', updateSetting(`busy${written++}`))
    }
    await draining
    expect(earlierDone).toBe(true)
    expect(written).toBeLessThan(200)
    await store.close()
  })

  it('rejects the whole batch when the commit fails, so nothing half-written is relayed', async () => {
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'atelier-writer-')))
    const writer = new UpdateWriter(store)
    // No such board: the foreign key makes the transaction fail.
    const results = await Promise.allSettled([writer.append('missingBoard', updateSetting('a')), writer.append('missingBoard', updateSetting('b'))])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await store.close()
  })
})
