/**
 * Exports, snapshots and compare never answer 500, whatever a board holds. The odd content is
 * written the way a hostile or buggy client's update would end up on disk: as a stored update,
 * appended to the board's log while the server is stopped (no write guard in the way), then read by
 * the restarted server. Every download format, the snapshot JSON, compare and the archive answer 2xx.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { BoardKey, charterOf } from '../../shared/board/schema.ts'
import type { SnapshotResponse } from '../../shared/api/snapshots.ts'
import { openSqliteStore } from '../../server/store/sqlite-store.ts'
import { createBoard } from '../helpers/api.ts'
import { useTestServer } from '../helpers/test-server.ts'

const map = (entries: Record<string, unknown>) => {
  const m = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(entries)) m.set(key, value)
  return m
}

/** Everything a schema-blind client could write, in every part of the board. */
function oddUpdate(): Uint8Array {
  const doc = new Y.Doc()
  const huge = 'Une phrase très longue de la charte, répétée. '.repeat(6_000)
  const charter = charterOf(doc)
  const text = (value: string, marks?: Record<string, unknown>) => {
    const t = new Y.XmlText()
    t.insert(0, value, marks)
    return t
  }
  const element = (name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) => {
    const e = new Y.XmlElement(name)
    for (const [key, value] of Object.entries(attrs)) e.setAttribute(key, value as string)
    e.insert(0, children)
    return e
  }
  charter.insert(0, [
    element('heading', [text('Titre négatif')], { level: -5 }),
    element('heading', [text('Titre sans niveau')], { level: 'abc' }),
    element('paragraph', [text('un lien cassé', { link: { href: 'https://example.org/%E0%A4%A' } })]),
    element('paragraph', [text('un autre', { link: { href: 'https://example.org/100%' } }), text(' et un piège', { link: { href: 'javascript:alert(1)' } })]),
    element('paragraph', [text('des marques bizarres', { bold: 'yes', link: 'not an object' })]),
    element('paragraph', [text(`${'x'.repeat(60_000)} ${huge} \u0000\u0007 \ud83d\ude00 \ud800`)]),
    element('unknownNode', [text('hors schéma')], { weird: 12 }),
    element('bulletList', [element('listItem', [text('texte nu dans un item')]), element('paragraph', [])]),
  ])
  // 3,000 nested blockquotes, integrated one level at a time (a prelim nest that deep overflows Yjs's own stack).
  let parent: Y.XmlFragment | Y.XmlElement = charter
  for (let i = 0; i < 3_000; i++) {
    const child = new Y.XmlElement('blockquote')
    parent.insert(parent.length, [child])
    parent = child
  }
  parent.insert(0, [element('paragraph', [text('au fond')])])

  const partners = doc.getMap(BoardKey.Partners)
  partners.set('pString', 'just a string')
  partners.set('pNumber', 42)
  partners.set('pOdd', map({ id: 'pOdd', name: 123, kind: 'alien', createdBy: 'someone', color: null }))
  partners.set('pNoId', map({ name: ['a', 'b'] }))

  const values = doc.getArray(BoardKey.Values)
  values.push([
    map({ id: 'v1', text: 42, explanation: null, partnerId: 'pOdd', order: 'first', endorsements: map({ pOdd: 'agree', pNumber: 7, pNoId: { kind: 'weird', text: 99 } }) }),
    'not a map' as unknown as Y.Map<unknown>,
    map({ id: 'v2', text: huge, endorsements: 'string', mergedFrom: 5 }),
    map({ id: 'v3', text: { nested: true }, endorsements: map({}), mergedFrom: Y.Array.from(['x', 5]) as unknown as Y.Map<unknown> }),
  ])

  const interests = doc.getArray(BoardKey.Interests)
  interests.push([
    map({ id: 'c1', text: ['a'], kind: 'alien', x: 'abc', y: Infinity, partnerId: 5, groupId: 'g1' }),
    5 as unknown as Y.Map<unknown>,
    map({ id: 'c2', text: huge, kind: 'brings', partnerId: 'pOdd', groupId: 'gString' }),
  ])

  const groups = doc.getMap(BoardKey.Groups)
  groups.set('g1', map({ id: 'g1', name: {}, x: null }))
  groups.set('gString', 'string')

  const rounds = doc.getMap(BoardKey.Rounds)
  rounds.set('r1', map({ id: 'r1', kind: 'dot-vote', status: 'closed', votes: 'nope', votesPerVoter: 'many' }))
  rounds.set('r2', map({ id: 'r2', kind: 'dot-vote', status: 'closed', target: 'values', votes: map({ v1: 'string', v2: { targetId: 5 }, v3: { targetId: 'v1', voter: 'x' } }) }))
  rounds.set('r3', map({ id: 'r3', kind: 'private-writing', status: 'open', mode: 7 }))
  rounds.set('rNum', 3)

  const sessions = doc.getMap(BoardKey.Sessions)
  sessions.set('s1', map({ id: 's1', title: 5, phase: 9, kind: 'x', date: 'not a date', agenda: 'string', attendance: new Y.Array(), decisions: new Y.Map() }))
  sessions.set('s2', map({
    id: 's2', title: 'Comité', phase: 2, kind: 'steering-committee', date: '2026-13-45',
    agenda: Y.Array.from([1, 'point', null]),
    attendance: map({ a: 'string', b: { name: 5, partnerId: 'pOdd', present: 'yes' } }),
    decisions: Y.Array.from(['str' as unknown as Y.Map<unknown>, map({ id: 'd1', text: 5, partnerIds: 'x', kind: 'alien' })]),
  }))

  const deliberations = doc.getMap(BoardKey.Deliberations)
  deliberations.set('d1', 'string')
  deliberations.set('d2', { status: 'bogus', body: 5, partnerId: 'pOdd' })

  doc.getMap(BoardKey.Meta).set('language', 42)
  return Y.encodeStateAsUpdate(doc)
}

describe('exports, snapshots and compare on odd stored content', () => {
  const fixture = useTestServer()

  it('answer 2xx for every format, the snapshot JSON, compare and the archive', { timeout: 120_000 }, async () => {
    const board = await createBoard(fixture.server.url, 'Contenu étrange')
    const token = board.invites.facilitator
    const api = (path: string, init: RequestInit = {}) => fetch(`${fixture.server.url}/api/boards/${board.id}${path}`, {
      ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    })
    const before = (await (await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: 'Avant' }) })).json()) as { id: string }

    await fixture.server.stop()
    const store = openSqliteStore(fixture.server.dataDir)
    await store.appendUpdates([{ boardId: board.id, data: oddUpdate() }])
    await store.close()
    const server = await fixture.restart()

    const after = await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: 'Après' }) })
    expect(after.status).toBe(201)
    const afterId = ((await after.json()) as { id: string }).id

    const snapshot = await api(`/snapshots/${afterId}`)
    expect(snapshot.status).toBe(200)
    const { board: json } = (await snapshot.json()) as SnapshotResponse
    // Every field has its declared type, whatever was stored.
    expect(typeof json.language).toBe('string')
    expect(json.values.every((v) => typeof v.text === 'string' && Object.values(v.stances).every((s) => typeof s.kind === 'string'))).toBe(true)
    expect(json.values.find((v) => v.id === 'v1')?.text).toBe('42')
    expect(json.partners.every((p) => typeof p.name === 'string')).toBe(true)
    expect(json.interests.every((c) => typeof c.text === 'string' && Number.isFinite(c.x))).toBe(true)
    expect(json.sessions.every((s) => Array.isArray(s.agenda) && Array.isArray(s.decisions))).toBe(true)
    expect(json.charter.type).toBe('doc')

    for (const path of [
      `/snapshots/${afterId}/report?format=md`, `/snapshots/${afterId}/report?format=docx`, `/snapshots/${afterId}/report?format=pdf`,
      '/charter?format=md', '/charter?format=docx', '/charter?format=pdf',
      `/compare?from=${before.id}&to=${afterId}`, `/compare?from=${afterId}&to=live`, `/compare?from=${before.id}&to=live`,
      `/snapshots/${afterId}/state`, '/snapshots', '/archive',
    ]) {
      const response = await api(path)
      expect(response.status, `${path}: ${response.status === 500 ? await response.text() : ''}`).toBeLessThan(300)
      await response.arrayBuffer()
    }
    const markdown = await (await api('/charter?format=md')).text()
    expect(markdown).toContain('un lien cassé')
    expect(markdown).not.toContain('javascript:')
    expect(server.logs.join('\n')).not.toContain('unhandled error')
  })
})
