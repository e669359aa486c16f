import { describe, expect, it } from 'vitest'
import { charterOf } from '../../shared/board/schema.ts'
import { charterSectionTitles } from '../../shared/board/charter-template.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'
import * as Y from 'yjs'
import { addCharterParagraph, addMark, lastCharterText, marksOf } from '../helpers/probes.ts'

describe('live sync between stock y-websocket clients', () => {
  const fixture = useTestServer()

  it('serves the charter template written at creation, in the creator language, once', async () => {
    const board = await createBoard(fixture.server.url, 'Coopération Loire', 'fr')
    const client = fixture.connect(board.id, board.invites.participant)
    await waitSynced(client)
    const text = charterOf(client.doc).toString()
    expect(text).toContain('Coopération Loire')
    for (const title of charterSectionTitles('fr')) {
      expect(text.split(`>${title}<`).length - 1).toBe(1)
    }
    // Reconnecting and reloading (a fresh doc) never writes the template again.
    client.provider.disconnect()
    client.provider.connect()
    await waitFor(() => expect(client.provider.synced).toBe(true))
    const fresh = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(fresh)
    expect(charterOf(fresh.doc).toString()).toBe(charterOf(client.doc).toString())
    expect(charterOf(fresh.doc).toString().split(`>${charterSectionTitles('fr')[0]}<`).length - 1).toBe(1)
  })

  it('relays edits both ways and converges under concurrent typing', async () => {
    const board = await createBoard(fixture.server.url)
    const a = fixture.connect(board.id, board.invites.facilitator)
    const b = fixture.connect(board.id, board.invites.participant)
    await Promise.all([waitSynced(a), waitSynced(b)])
    const textA = addCharterParagraph(a.doc)
    await waitFor(() => expect(charterOf(b.doc).length).toBe(charterOf(a.doc).length))
    const textB = lastCharterText(b.doc)!
    for (let i = 0; i < 50; i++) {
      textA.insert(0, 'a')
      textB.insert(textB.length, 'b')
    }
    await waitFor(() => {
      expect(textA.toString()).toHaveLength(100)
      expect(textB.toString()).toBe(textA.toString())
    })
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it('holds messages of clients that arrive while the room loads, and loses none', async () => {
    const board = await createBoard(fixture.server.url)
    // Ten clients at once on a board that is not in memory, each writing as soon as it can.
    const many = Array.from({ length: 10 }, (_, i) => {
      const client = fixture.connect(board.id, board.invites.participant)
      addMark(client.doc, `client-${i}`)
      return client
    })
    await waitFor(() => {
      for (const client of many) expect(marksOf(client.doc)).toHaveLength(10)
    })
    for (const client of many) expect(charterOf(client.doc).length).toBeGreaterThan(0)
  })
})
