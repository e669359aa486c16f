/** Helpers for the board operations' unit tests: actors and docs that exchange updates like peers. */
import * as Y from 'yjs'
import type { Actor } from './actor.ts'
import type { Role } from '../auth/roles.ts'
import { initialBoardState } from './new-board.ts'

/** A test actor; a participant's link is bound to its partner unless `partnerBound` is false. */
export const actor = (name: string, partnerId: string, role: Role = 'participant', partnerBound = role === 'participant'): Actor =>
  ({ personId: `person-${name}`, name, partnerId, role, partnerBound })

/** A board doc as the server creates it. */
export function boardDoc(language: 'fr' | 'en' = 'fr'): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialBoardState(language, 'Test'))
  return doc
}

/** A second peer starting from the same state as `doc`. */
export function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  return peer
}

/** Records every update a doc produces from now on. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

/** A small seeded random source, so a failing order can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/** Delivers updates to a doc in the given order (Yjs holds ones whose dependencies are missing). */
export function deliver(doc: Y.Doc, updates: Uint8Array[]): void {
  for (const update of updates) Y.applyUpdate(doc, update)
}
