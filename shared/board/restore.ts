/**
 * Brings a board's content back to a snapshot as a new forward change: history is kept, every
 * client follows, and it can itself be undone by restoring the restore point taken just before.
 *
 * Items are matched by id and only what differs is written, so an item that didn't change keeps
 * its identity (an offline edit to it still merges). The charter is replaced only if it differs.
 * Sessions, deliberations and rounds are the record of what happened: a restore leaves them.
 */
import * as Y from 'yjs'
import { charterOf, groupsOf, interestsOf, partnersOf, valuesOf, type ItemMap } from './schema.ts'

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const toJson = (value: unknown) => (value instanceof Y.AbstractType ? value.toJSON() : value)
const copyOf = (value: unknown) => (value instanceof Y.AbstractType ? value.clone() : value)

/** Makes `live` hold what `target` holds, key by key, recursing into nested maps. */
function syncMap(live: Y.Map<unknown>, target: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) if (!target.has(key)) live.delete(key)
  for (const [key, value] of target.entries()) {
    const current = live.get(key)
    if (value instanceof Y.Map && current instanceof Y.Map) syncMap(current, value)
    else if (!sameJson(toJson(current), toJson(value))) live.set(key, copyOf(value))
  }
}

function syncKeyedMap(live: Y.Map<ItemMap>, target: Y.Map<ItemMap>): void {
  syncMap(live as Y.Map<unknown>, target as Y.Map<unknown>)
}

/** Arrays of item maps, matched by their `id`; the snapshot's order is kept for new items. */
function syncItemArray(live: Y.Array<ItemMap>, target: Y.Array<ItemMap>): void {
  const wanted = new Map(target.toArray().map((item) => [item.get('id') as string, item]))
  for (let i = live.length - 1; i >= 0; i--) {
    if (!wanted.has(live.get(i).get('id') as string)) live.delete(i, 1)
  }
  const present = new Map(live.toArray().map((item) => [item.get('id') as string, item]))
  for (const [id, item] of wanted) {
    const current = present.get(id)
    if (current) syncMap(current, item)
    else live.push([item.clone()])
  }
}

export function restoreContent(live: Y.Doc, snapshotState: Uint8Array): void {
  const snapshot = new Y.Doc()
  Y.applyUpdate(snapshot, snapshotState)
  live.transact(() => {
    const charter = charterOf(live)
    const target = charterOf(snapshot)
    if (charter.toString() !== target.toString()) {
      charter.delete(0, charter.length)
      charter.insert(0, target.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText))
    }
    syncKeyedMap(partnersOf(live), partnersOf(snapshot))
    syncKeyedMap(groupsOf(live), groupsOf(snapshot))
    syncItemArray(valuesOf(live), valuesOf(snapshot))
    syncItemArray(interestsOf(live), interestsOf(snapshot))
  })
  snapshot.destroy()
}
