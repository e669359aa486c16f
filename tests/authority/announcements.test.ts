/**
 * Announcements (shared/board/announcements.ts) are written by the server only, in the change it
 * announces: a restore and the reveal of a private-writing round. No client can forge one, edit
 * the server's, or remove it: raw Yjs writes by a stock y-websocket client of every role (the
 * facilitator's included) under `announcements` are refused by the write guard, never reach
 * another client, and are not there after a restart; the rest of the writer's transaction is kept.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { PERSON_HEADER } from '../../shared/api/drafts.ts'
import { personIdFromKey } from '../../shared/auth/person.ts'
import { can, type Role } from '../../shared/auth/roles.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { listAnnouncements, type Announcement } from '../../shared/board/announcements.ts'
import { createGroup, listGroups } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { startPrivateWriting } from '../../shared/board/rounds.ts'
import { announcementsOf } from '../../shared/board/schema.ts'
import { MessageType, readRefused, SyncMessageType, type Refusal } from '../../shared/protocol/messages.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const FANNY_KEY = personKeyOf('fanny')
const fanny = testActor('Fanny', FACILITATION, 'facilitator', FANNY_KEY)
const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer', 'display']

/** Refused messages a client got, and a way to know the server has judged all it sent before. */
function track(client: SyncClient): { refusals: Refusal[]; roundTrip(): Promise<void> } {
  const refusals: Refusal[] = []
  client.provider.messageHandlers[MessageType.Refused] = (_encoder, decoder) => {
    const refusal = readRefused(decoder)
    if (refusal) refusals.push(refusal)
  }
  let step2 = 0
  const original = client.provider.messageHandlers[MessageType.Sync]!
  client.provider.messageHandlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, messageType) => {
    const subtype = decoding.peekVarUint(decoder)
    original(encoder, decoder, provider, emitSynced, messageType)
    if (subtype === SyncMessageType.Step2) step2++
  }
  return {
    refusals,
    async roundTrip() {
      const before = step2
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Sync)
      syncProtocol.writeSyncStep1(encoder, client.doc)
      client.provider.ws!.send(encoding.toUint8Array(encoder))
      await waitFor(() => expect(step2).toBeGreaterThan(before))
    },
  }
}

const forged = (id: string, name: string): Announcement => ({
  id, kind: 'restore', at: new Date().toISOString(), by: { personId: 'someone', name }, label: 'Forged', count: 0,
})

describe('announcements: written by the server only', () => {
  const fixture = useTestServer({ env: { CONNECT_ATTEMPTS_PER_ADDRESS: '0' } })

  const api = (token: string, personKey?: string) => (method: string, path: string, body?: unknown) => fetch(`${fixture.server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(personKey ? { [PERSON_HEADER]: personKey } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

  it('a restore and a reveal are announced with who, when and what; no role can forge, change or remove one', async () => {
    const board = await createBoard(fixture.server.url, 'Announcements', 'en')
    const asFanny = api(board.invites.facilitator, FANNY_KEY)
    const seeder = fixture.connect(board.id, board.invites.facilitator, undefined, { personKey: FANNY_KEY })
    const watcher = fixture.connect(board.id, board.invites.observer, undefined, { personKey: personKeyOf('watcher') })
    await Promise.all([waitSynced(seeder), waitSynced(watcher)])
    const partner = addPartner(seeder.doc, fanny, { name: 'ADMR' })
    await waitFor(() => expect(watcher.doc.getMap('partners').has(partner)).toBe(true))

    // A restore, announced by the server.
    const snapshot = (await (await asFanny('POST', `/api/boards/${board.id}/snapshots`, { label: 'Iteration 1' })).json()) as { id: string }
    const before = Date.now()
    expect((await asFanny('POST', `/api/boards/${board.id}/snapshots/${snapshot.id}/restore`, { name: 'Fanny' })).status).toBe(200)
    const restored = await waitFor(() => {
      const [first] = listAnnouncements(watcher.doc)
      expect(first).toMatchObject({ kind: 'restore', label: 'Iteration 1', count: 0, by: { personId: personIdFromKey(FANNY_KEY), name: 'Fanny' } })
      return first!
    })
    expect(Date.parse(restored.at)).toBeGreaterThanOrEqual(before - 1_000)

    // A reveal, announced by the server with the round's title and the number of cards.
    const roundId = startPrivateWriting(seeder.doc, fanny, { title: 'What we expect' })
    await waitFor(() => expect(watcher.doc.getMap('rounds').has(roundId)).toBe(true))
    const paul = api(board.invites.participant, personKeyOf('paul'))
    for (const text of ['Shared training', 'Joint watch']) {
      expect((await paul('POST', `/api/boards/${board.id}/rounds/${roundId}/drafts`, { text, kind: 'interest', name: 'Paul', partnerId: partner })).status).toBe(201)
    }
    // Without a body nor a person key (a stock client), it is still announced.
    expect((await api(board.invites.facilitator)('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`)).status).toBe(200)
    await waitFor(() => {
      const [first] = listAnnouncements(watcher.doc)
      expect(first).toMatchObject({ kind: 'reveal', label: 'What we expect', count: 2, by: { personId: '', name: '' } })
    })
    const server = listAnnouncements(watcher.doc).map((a) => a.id).sort()
    expect(server).toHaveLength(2)

    // A name that is not text, or too long: 400, nothing restored nor announced.
    expect((await asFanny('POST', `/api/boards/${board.id}/snapshots/${snapshot.id}/restore`, { name: 42 })).status).toBe(400)
    expect((await asFanny('POST', `/api/boards/${board.id}/snapshots/${snapshot.id}/restore`, { name: 'x'.repeat(201) })).status).toBe(400)

    // Every role tries to add one, to overwrite the server's, and to delete it, in raw Yjs writes.
    for (const role of ROLES) {
      const key = personKeyOf(`tries-${role}`)
      const writer = fixture.connect(board.id, board.invites[role], undefined, { personKey: key })
      const tracked = track(writer)
      await waitSynced(writer)
      const mark = `kept-${role}`
      const editor = can(role, 'board.edit')
      const actor = testActor(role, role === 'facilitator' ? FACILITATION : partner, role, key)
      writer.doc.transact(() => {
        const map = announcementsOf(writer.doc)
        map.set(`forged-${role}`, forged(`forged-${role}`, `Forged by ${role}`))
        map.set(server[0]!, forged(server[0]!, `Changed by ${role}`))
        map.delete(server[1]!)
        if (editor) createGroup(writer.doc, actor, { name: mark })
      })
      await tracked.roundTrip()
      // A later write of the facilitator reaches the watcher after whatever the try became.
      const after = `after-${role}`
      createGroup(seeder.doc, fanny, { name: after })
      await waitFor(() => expect(listGroups(watcher.doc).some((g) => g.name === after)).toBe(true))

      const seen = listAnnouncements(watcher.doc)
      expect(seen.map((a) => a.id).sort(), `${role}: only the server's announcements`).toEqual(server)
      expect(seen.some((a) => a.by.name.includes('by')), `${role}: none changed`).toBe(false)
      if (editor) {
        expect(tracked.refusals.length, `${role} is told`).toBeGreaterThan(0)
        expect(tracked.refusals[0]).toMatchObject({ reason: 'forbidden' })
        expect(listGroups(watcher.doc).some((g) => g.name === mark), `${role}: the rest of its transaction is kept`).toBe(true)
      }
      writer.destroy()
    }

    // After a restart, the board holds the server's two announcements and nothing forged.
    await fixture.restart()
    const reader = fixture.connect(board.id, board.invites.observer, undefined, { personKey: personKeyOf('reader') })
    await waitSynced(reader)
    await waitFor(() => expect(listGroups(reader.doc).some((g) => g.name === 'after-display')).toBe(true))
    expect(listAnnouncements(reader.doc).map((a) => a.id).sort()).toEqual(server)
    expect([...announcementsOf(reader.doc).keys()].sort()).toEqual(server)
  })
})
