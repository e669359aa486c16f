/**
 * The three ways issue 7 broke a board with one stock client, each replayed over real sockets
 * against the real server: what the attacker sends is refused or harmless, and the board goes on.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { charterSectionTitles } from '../../shared/board/charter-template.ts'
import { charterOf, partnersOf, valuesOf } from '../../shared/board/schema.ts'
import { seeded } from '../../shared/board/test-support.ts'
import { CHARTER_MAX_DEPTH } from '../../shared/editor/charter-rules.ts'
import { charterSchema } from '../../shared/editor/extensions.ts'
import { createBoard } from '../helpers/api.ts'
import { personKeyOf } from '../helpers/actors.ts'
import { hasMark, marksOf } from '../helpers/probes.ts'
import { openRawSocket, updateFrame } from '../helpers/raw-socket.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { ackedMarks } from './acked-marks.ts'
import { charterTexts, deepNest } from './hostile-updates.ts'

/** An update that only deletes `len` clocks of `client` from `clock` (10 bytes or so). */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 0)
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoder.resetDsCurVal()
  encoding.writeVarUint(encoder.restEncoder, client)
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoder.writeDsClock(clock)
  encoder.writeDsLen(len)
  return encoder.toUint8Array()
}

/** An update of one empty struct (a map entry with no value): no client makes one; yjs can't read back what it becomes. */
function emptyStruct(client: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoder.writeClient(client)
  encoding.writeVarUint(encoder.restEncoder, 0)
  new Y.Item(Y.createID(client, 0), null, null, null, null, 'groups' as never, 'g1', new Y.ContentAny([])).write(encoder, 0)
  encoding.writeVarUint(encoder.restEncoder, 0) // no deletes
  return encoder.toUint8Array()
}

function charterDepth(doc: Y.Doc): number {
  let max = 0
  const walk: { node: Y.XmlFragment; depth: number }[] = [{ node: charterOf(doc), depth: 0 }]
  while (walk.length > 0) {
    const { node, depth } = walk.pop()!
    max = Math.max(max, depth)
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) walk.push({ node: child, depth: depth + 1 })
  }
  return max
}

describe('issue 7 regressions: a board no client can break', () => {
  const fixture = useTestServer({ env: { COMPACT_AFTER_UPDATES: '10' } })

  it('a 3,000-deep nest plus a 10-byte delete: later edits are acknowledged, relayed, and kept through compaction and a restart', { timeout: 120_000 }, async () => {
    const board = await createBoard(fixture.server.url, 'Nid profond')
    const honest = fixture.connect(board.id, board.invites.participant)
    const watcher = fixture.connect(board.id, board.invites.observer)
    const attacker = fixture.connect(board.id, board.invites.participant, undefined, { personKey: personKeyOf('Mallory') })
    await Promise.all([waitSynced(honest), waitSynced(watcher), waitSynced(attacker)])

    deepNest(attacker.doc, seeded(7), 3000, 'charter')
    const raw = await openRawSocket(fixture.server.wsUrl, board.id, board.invites.participant)
    const own = attacker.doc.clientID
    raw.socket.send(updateFrame(deleteOnly(own, Y.getState(attacker.doc.store, own) + 5, 10))) // what doesn't exist yet
    raw.socket.send(updateFrame(deleteOnly(own, 0, 10))) // the nest's first levels
    raw.socket.send(updateFrame(deleteOnly(0x2badf00d, 0, 10))) // a client nobody knows

    const marks = ackedMarks(honest)
    for (let i = 0; i < 40; i++) {
      marks.write(`after-nest-${i}`)
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await waitFor(() => expect(marks.acked.size).toBe(40), { timeout: 20_000 })
    // Relayed: another client gets every one of them.
    await waitFor(() => expect(marksOf(watcher.doc).filter((m) => m.startsWith('after-nest-'))).toHaveLength(40), { timeout: 20_000 })
    expect(fixture.server.logs.join('\n')).not.toContain('left changes waiting')

    await fixture.restart()
    const fresh = fixture.connect(board.id, board.invites.observer)
    await waitSynced(fresh)
    for (const mark of marks.acked) expect(hasMark(fresh.doc, mark)).toBe(true)
    expect(charterDepth(fresh.doc)).toBeLessThanOrEqual(CHARTER_MAX_DEPTH)
    // And the board still takes edits after the restart.
    const again = fixture.connect(board.id, board.invites.participant)
    await waitSynced(again)
    const later = ackedMarks(again)
    later.write('after-restart')
    await waitFor(() => expect(later.acked.has('after-restart')).toBe(true))
    await waitFor(() => expect(hasMark(fresh.doc, 'after-restart')).toBe(true))
  })

  it('10,000 nested blockquotes: the charter keeps its text and its schema, and one keystroke deletes nothing', { timeout: 180_000 }, async () => {
    const board = await createBoard(fixture.server.url, 'Citations', 'fr')
    const attacker = fixture.connect(board.id, board.invites.participant, undefined, { personKey: personKeyOf('Mallory') })
    const honest = fixture.connect(board.id, board.invites.participant)
    await Promise.all([waitSynced(attacker), waitSynced(honest)])
    const watch = ackedMarks(attacker)
    deepNest(attacker.doc, seeded(10_000), 10_000, 'charter')
    watch.write('attacker-done') // acknowledged after everything it sent before
    await waitFor(() => expect(watch.acked.has('attacker-done')).toBe(true), { timeout: 120_000 })

    // One keystroke in the first paragraph, by an honest editor.
    const text = charterTexts(honest.doc)[0]!
    const marks = ackedMarks(honest)
    text.insert(0, 'K')
    marks.write('keystroke-sent')
    await waitFor(() => expect(marks.acked.has('keystroke-sent')).toBe(true), { timeout: 20_000 })

    await fixture.restart()
    const fresh = fixture.connect(board.id, board.invites.observer)
    await waitSynced(fresh)
    expect(charterDepth(fresh.doc)).toBeLessThanOrEqual(CHARTER_MAX_DEPTH)
    const json = yXmlFragmentToProsemirrorJSON(charterOf(fresh.doc))
    const node = charterSchema().nodeFromJSON(json) // known nodes and marks only
    const all = node.textContent
    for (const title of charterSectionTitles('fr')) expect(all).toContain(title)
    expect(charterTexts(fresh.doc)[0]!.toString().startsWith('K')).toBe(true)
  })

  it('partners.x = "string" (and other wrong kinds) leaves exports, snapshot reads and compare at 2xx', { timeout: 120_000 }, async () => {
    const board = await createBoard(fixture.server.url, 'Mauvais types')
    const api = (path: string, init: RequestInit = {}) => fetch(`${fixture.server.url}/api/boards/${board.id}${path}`, {
      ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${board.invites.facilitator}` },
    })
    const before = (await (await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: 'Avant' }) })).json()) as { id: string }
    for (const token of [board.invites.participant, board.invites.facilitator]) {
      const client = fixture.connect(board.id, token, undefined, { personKey: personKeyOf('Mallory') })
      await waitSynced(client)
      const marks = ackedMarks(client)
      client.doc.transact(() => {
        partnersOf(client.doc).set('x', 'string' as never)
        partnersOf(client.doc).set('y', new Y.Map() as never)
        valuesOf(client.doc).push(['a plain string' as never])
        client.doc.getMap('evil').set('a', 1)
      })
      marks.write(`after-wrong-kinds-${token.slice(0, 4)}`)
      await waitFor(() => expect(marks.acked.size).toBe(1))
    }
    const after = await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: 'Après' }) })
    expect(after.status).toBe(201)
    const afterId = ((await after.json()) as { id: string }).id
    for (const path of [
      `/snapshots/${afterId}`, `/snapshots/${afterId}/state`,
      `/snapshots/${afterId}/report?format=md`, `/snapshots/${afterId}/report?format=docx`, `/snapshots/${afterId}/report?format=pdf`,
      '/charter?format=md', '/charter?format=docx', '/charter?format=pdf',
      `/compare?from=${before.id}&to=${afterId}`, `/compare?from=${afterId}&to=live`, `/compare?from=${before.id}&to=live`,
    ]) {
      const response = await api(path)
      expect(response.status, `${path}: ${response.status >= 300 ? await response.text() : ''}`).toBeLessThan(300)
      await response.arrayBuffer()
    }
    // Nothing of it was stored: a fresh client sees no such partner.
    const fresh = fixture.connect(board.id, board.invites.observer)
    await waitSynced(fresh)
    expect(partnersOf(fresh.doc).has('x')).toBe(false)
    expect(partnersOf(fresh.doc).has('y')).toBe(false)
    expect(valuesOf(fresh.doc).toArray().every((v) => v instanceof Y.Map)).toBe(true)
  })

  it('an empty struct is malformed: its socket is closed with 1002 and the board still loads and takes edits', { timeout: 60_000 }, async () => {
    const board = await createBoard(fixture.server.url, 'Vide')
    const raw = await openRawSocket(fixture.server.wsUrl, board.id, board.invites.participant)
    raw.socket.send(updateFrame(emptyStruct(0x1eaf)))
    expect((await raw.closed).code).toBe(1002)
    await fixture.restart()
    const fresh = fixture.connect(board.id, board.invites.participant)
    await waitSynced(fresh)
    expect(Y.getState(fresh.doc.store, 0x1eaf)).toBe(0)
    const marks = ackedMarks(fresh)
    marks.write('after-empty')
    await waitFor(() => expect(marks.acked.has('after-empty')).toBe(true))
    const reader = fixture.connect(board.id, board.invites.observer)
    await waitSynced(reader)
    await waitFor(() => expect(hasMark(reader.doc, 'after-empty')).toBe(true))
  })
})
