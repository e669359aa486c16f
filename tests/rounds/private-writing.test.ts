/**
 * Private writing that is private: during an open private-writing round, drafts go to the server's
 * drafts API, never into the board document, so no other socket (observers included) and no
 * snapshot receives a byte of them; revealing adds them all as cards and closes the round in one
 * change every client receives; a controlled round's drafts wait in the facilitator's inbox.
 */
import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { DraftsResponse, DraftView, RevealResponse } from '../../shared/api/drafts.ts'
import { PERSON_HEADER } from '../../shared/api/drafts.ts'
import type { CreatedInvite } from '../../shared/api/invites.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addCard, listCards } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { listRounds, openRound, startPrivateWriting } from '../../shared/board/rounds.ts'
import { createBoard } from '../helpers/api.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { openRecordingSocket } from '../helpers/raw-socket.ts'
import { waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const FANNY_KEY = personKeyOf('fanny')
const facilitator = testActor('Fanny', FACILITATION, 'facilitator', FANNY_KEY)
const ANNE_KEY = personKeyOf('anne')
const BRUNO_KEY = personKeyOf('bruno')
const STRANGER_KEY = personKeyOf('stranger')

const bytesOf = (text: string) => new TextEncoder().encode(text)

/** Whether `needle` occurs in any frame (or across the concatenation of them all). */
function framesContain(frames: readonly Uint8Array[], text: string): boolean {
  const needle = bytesOf(text)
  const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0))
  let offset = 0
  for (const frame of frames) {
    all.set(frame, offset)
    offset += frame.length
  }
  outer: for (let i = 0; i + needle.length <= all.length; i++) {
    for (let j = 0; j < needle.length; j++) if (all[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

describe('private writing keeps drafts off every socket until revealed', () => {
  const fixture = useTestServer()

  const call = (method: string, path: string, token: string | null, body?: unknown, personKey?: string) => fetch(`${fixture.server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(personKey ? { [PERSON_HEADER]: personKey } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = async <T>(response: Response, status: number): Promise<T> => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return (text ? JSON.parse(text) : null) as T
  }

  /** A board with two partners, a link bound to the second, and the facilitator's stock client. */
  async function setUp(): Promise<{ board: CreateBoardResponse; partners: string[]; fanny: SyncClient; boundToB: string }> {
    const board = await createBoard(fixture.server.url, 'Coopération Loire', 'fr')
    const fanny = fixture.connect(board.id, board.invites.facilitator, undefined, { personKey: FANNY_KEY })
    await waitSynced(fanny)
    const partners = [addPartner(fanny.doc, facilitator, { name: 'ADMR Loire' }), addPartner(fanny.doc, facilitator, { name: 'APF France handicap' })]
    // Written by the facilitator's client; the server has them once the invite API accepts the partner.
    const invite = await waitFor(async () => json<CreatedInvite>(
      await call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, { role: 'participant', partnerId: partners[1] }), 201))
    return { board, partners, fanny, boundToB: invite.token }
  }

  const drafts = (board: CreateBoardResponse, roundId: string) => `/api/boards/${board.id}/rounds/${roundId}/drafts`

  it('sends no draft to another socket, an observer or a snapshot; reveals them all at once, kept after a restart', async () => {
    const { board, partners, fanny, boundToB } = await setUp()
    const chloe = fixture.connect(board.id, board.invites.participant, undefined, { personKey: personKeyOf('chloe') })
    await waitSynced(chloe)
    const thirdSocket = await openRecordingSocket(fixture.server.wsUrl, board.id, board.invites.participant)
    const observerSocket = await openRecordingSocket(fixture.server.wsUrl, board.id, board.invites.observer)

    const roundId = startPrivateWriting(fanny.doc, facilitator, { title: 'Vos attentes' })
    await waitFor(() => expect(openRound(chloe.doc, 'private-writing')?.id).toBe(roundId))

    // Anne (generic link, declares ADMR) and Bruno (link bound to APF) write drafts.
    const anne = await json<DraftView>(await call('POST', drafts(board, roundId), board.invites.participant,
      { text: 'SECRET-ANNE former ensemble', kind: 'interest', partnerId: partners[0], name: 'Anne' }, ANNE_KEY), 201)
    const bruno = await json<DraftView>(await call('POST', drafts(board, roundId), boundToB,
      { text: 'SECRET-BRUNO un minibus', kind: 'brings', name: 'Bruno' }, BRUNO_KEY), 201)
    expect(anne).toMatchObject({ partnerId: partners[0], roundId, author: { name: 'Anne' } })
    expect(bruno.partnerId).toBe(partners[1])
    // The author is the hash of the person key, never a claim: another key is another person.
    expect(anne.author.personId).not.toBe(bruno.author.personId)

    // A bound link can't write for another partner; observers and the room display can't write; a person key is required.
    await json(await call('POST', drafts(board, roundId), boundToB, { text: 'x', kind: 'interest', partnerId: partners[0], name: 'B' }, BRUNO_KEY), 403)
    await json(await call('POST', drafts(board, roundId), board.invites.observer, { text: 'x', kind: 'interest', partnerId: partners[0], name: 'O' }, STRANGER_KEY), 403)
    await json(await call('POST', drafts(board, roundId), board.invites.display, { text: 'x', kind: 'interest', partnerId: partners[0], name: 'D' }, STRANGER_KEY), 403)
    await json(await call('POST', drafts(board, roundId), board.invites.participant, { text: 'x', kind: 'interest', partnerId: partners[0], name: 'A' }), 400)

    // Sent again with the same id (an offline queue retrying): written once.
    const queued = { id: 'queuedDraft01', text: 'SECRET-ANNE deuxième', kind: 'interest', partnerId: partners[0], name: 'Anne' }
    await json(await call('POST', drafts(board, roundId), board.invites.participant, queued, ANNE_KEY), 201)
    await json(await call('POST', drafts(board, roundId), board.invites.participant, queued, ANNE_KEY), 200)
    await json(await call('POST', drafts(board, roundId), board.invites.participant, queued, STRANGER_KEY), 409)

    // Each author lists their own; anyone else gets a count, no text.
    const anneList = await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200)
    expect(anneList.mine.map((d) => d.text)).toEqual(['SECRET-ANNE former ensemble', 'SECRET-ANNE deuxième'])
    expect(anneList).toMatchObject({ others: 1, inbox: null })
    const strangerResponse = await call('GET', drafts(board, roundId), board.invites.participant, undefined, STRANGER_KEY)
    const strangerText = await strangerResponse.text()
    expect(JSON.parse(strangerText)).toEqual({ mine: [], others: 3, inbox: null })
    const facilitatorText = await (await call('GET', drafts(board, roundId), board.invites.facilitator, undefined, FANNY_KEY)).text()
    expect(JSON.parse(facilitatorText)).toEqual({ mine: [], others: 3, inbox: null }) // an open round has no inbox
    for (const text of [strangerText, facilitatorText]) expect(text).not.toContain('SECRET')

    // Only its author edits or withdraws a draft.
    await json(await call('PATCH', `${drafts(board, roundId)}/${bruno.id}`, board.invites.participant, { text: 'hijacked' }, ANNE_KEY), 403)
    await json(await call('DELETE', `${drafts(board, roundId)}/${bruno.id}`, board.invites.participant, undefined, ANNE_KEY), 403)
    expect((await json<DraftView>(await call('PATCH', `${drafts(board, roundId)}/${anne.id}`, board.invites.participant,
      { text: 'SECRET-ANNE former ensemble les bénévoles' }, ANNE_KEY), 200)).text).toBe('SECRET-ANNE former ensemble les bénévoles')
    await json(await call('DELETE', `${drafts(board, roundId)}/queuedDraft01`, board.invites.participant, undefined, ANNE_KEY), 204)

    // A snapshot taken now holds no draft, as JSON or as Yjs state.
    const snapshot = await json<{ id: string }>(await call('POST', `/api/boards/${board.id}/snapshots`, board.invites.facilitator, { label: 'Pendant le tour' }), 201)
    const snapshotJson = await (await call('GET', `/api/boards/${board.id}/snapshots/${snapshot.id}`, board.invites.observer)).text()
    const snapshotState = new Uint8Array(await (await call('GET', `/api/boards/${board.id}/snapshots/${snapshot.id}/state`, board.invites.observer)).arrayBuffer())
    expect(snapshotJson).toContain('Pendant le tour')
    expect(snapshotJson).not.toContain('SECRET')
    expect(framesContain([snapshotState], 'SECRET')).toBe(false)

    // The sockets do receive the board's changes (a public card reaches them)…
    addCard(fanny.doc, facilitator, { text: 'PUBLIC-MARKER', kind: 'interest', partnerId: partners[0] })
    await waitFor(() => expect(framesContain(thirdSocket.received, 'PUBLIC-MARKER') && framesContain(observerSocket.received, 'PUBLIC-MARKER')).toBe(true))
    // …but never a byte of a draft.
    for (const socket of [thirdSocket, observerSocket]) expect(framesContain(socket.received, 'SECRET')).toBe(false)
    expect(listCards(chloe.doc).map((c) => c.text)).toEqual(['PUBLIC-MARKER'])

    // Only the facilitator reveals.
    await json(await call('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`, board.invites.participant, undefined, ANNE_KEY), 403)
    await json(await call('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`, board.invites.observer), 403)

    const reveal = await json<RevealResponse>(await call('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`, board.invites.facilitator), 200)
    expect(reveal).toEqual({ revealed: [anne.id, bruno.id], closed: true })
    // Every client gets both cards and the closed round in one change.
    for (const client of [chloe, fanny]) {
      await waitFor(() => expect(listRounds(client.doc).find((r) => r.id === roundId)?.status).toBe('closed'))
      expect(listCards(client.doc).filter((c) => c.roundId === roundId).map((c) => c.text).sort())
        .toEqual(['SECRET-ANNE former ensemble les bénévoles', 'SECRET-BRUNO un minibus'])
    }
    await waitFor(() => expect(framesContain(observerSocket.received, 'SECRET-BRUNO')).toBe(true))
    const revealedCard = listCards(chloe.doc).find((c) => c.id === bruno.id)!
    expect(revealedCard).toMatchObject({ partnerId: partners[1], author: { personId: bruno.author.personId, name: 'Bruno' }, groupId: '' })
    // The drafts are gone; a closed round takes no more, and is revealed once.
    expect(await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200))
      .toEqual({ mine: [], others: 0, inbox: null })
    await json(await call('POST', drafts(board, roundId), board.invites.participant, { text: 'late', kind: 'interest', partnerId: partners[0], name: 'Anne' }, ANNE_KEY), 409)
    await json(await call('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`, board.invites.facilitator), 409)
    thirdSocket.socket.close()
    observerSocket.socket.close()

    // After a restart: the cards and the closed round are kept.
    await fixture.restart()
    const later = fixture.connect(board.id, board.invites.observer, undefined, { personKey: null })
    await waitSynced(later)
    expect(listCards(later.doc).map((c) => c.text).sort()).toEqual(['PUBLIC-MARKER', 'SECRET-ANNE former ensemble les bénévoles', 'SECRET-BRUNO un minibus'])
    expect(listRounds(later.doc).find((r) => r.id === roundId)?.status).toBe('closed')
    expect(await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200))
      .toEqual({ mine: [], others: 0, inbox: null })
  })

  it('keeps drafts across a restart while the round is open', async () => {
    const { board, partners, fanny } = await setUp()
    const roundId = startPrivateWriting(fanny.doc, facilitator)
    await waitFor(async () => json(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200))
    await json(await call('POST', drafts(board, roundId), board.invites.participant, { text: 'Kept on the server', kind: 'interest', partnerId: partners[0], name: 'Anne' }, ANNE_KEY), 201)
    await fixture.restart()
    const list = await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200)
    expect(list.mine.map((d) => d.text)).toEqual(['Kept on the server'])
  })

  it('controlled mode: drafts wait in the facilitator’s inbox, who reveals them one by one, then the rest', async () => {
    const { board, partners, fanny } = await setUp()
    const chloe = fixture.connect(board.id, board.invites.observer, undefined, { personKey: null })
    await waitSynced(chloe)
    const roundId = startPrivateWriting(fanny.doc, facilitator, { mode: 'controlled' })
    await waitFor(() => expect(openRound(chloe.doc, 'private-writing')?.mode).toBe('controlled'))

    const first = await json<DraftView>(await call('POST', drafts(board, roundId), board.invites.participant, { text: 'Inbox one', kind: 'interest', partnerId: partners[0], name: 'Anne' }, ANNE_KEY), 201)
    await json(await call('POST', drafts(board, roundId), board.invites.participant, { text: 'Inbox two', kind: 'brings', partnerId: partners[1], name: 'Bruno' }, BRUNO_KEY), 201)
    // The facilitator writes on a partner's behalf.
    const onBehalf = await json<DraftView>(await call('POST', drafts(board, roundId), board.invites.facilitator, { text: 'Said in the room', kind: 'interest', partnerId: partners[1], name: 'Fanny' }, FANNY_KEY), 201)
    expect(onBehalf.partnerId).toBe(partners[1])

    const inbox = await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.facilitator, undefined, FANNY_KEY), 200)
    expect(inbox.inbox!.map((d) => d.text)).toEqual(['Inbox one', 'Inbox two', 'Said in the room'])
    expect((await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200)).inbox).toBeNull()

    await json(await call('POST', `${drafts(board, roundId)}/${first.id}/reveal`, board.invites.participant, undefined, ANNE_KEY), 403)
    expect(await json<RevealResponse>(await call('POST', `${drafts(board, roundId)}/${first.id}/reveal`, board.invites.facilitator), 200))
      .toEqual({ revealed: [first.id], closed: false })
    await waitFor(() => expect(listCards(chloe.doc).map((c) => c.text)).toEqual(['Inbox one']))
    expect(openRound(chloe.doc, 'private-writing')?.id).toBe(roundId)
    await json(await call('POST', `${drafts(board, roundId)}/${first.id}/reveal`, board.invites.facilitator), 404)
    expect((await json<DraftsResponse>(await call('GET', drafts(board, roundId), board.invites.participant, undefined, ANNE_KEY), 200)))
      .toEqual({ mine: [], others: 2, inbox: null })

    const rest = await json<RevealResponse>(await call('POST', `/api/boards/${board.id}/rounds/${roundId}/reveal`, board.invites.facilitator), 200)
    expect(rest.revealed).toHaveLength(2)
    await waitFor(() => expect(listCards(chloe.doc).map((c) => c.text)).toEqual(['Inbox one', 'Inbox two', 'Said in the room']))
    expect(openRound(chloe.doc, 'private-writing')).toBeNull()
  })

  it('reveals one by one only in a controlled round; unknown rounds are 404', async () => {
    const { board, partners, fanny } = await setUp()
    const roundId = startPrivateWriting(fanny.doc, facilitator)
    const draft = await waitFor(async () => json<DraftView>(await call('POST', drafts(board, roundId), board.invites.participant,
      { text: 'Open round', kind: 'interest', partnerId: partners[0], name: 'Anne' }, ANNE_KEY), 201))
    await json(await call('POST', `${drafts(board, roundId)}/${draft.id}/reveal`, board.invites.facilitator), 409)
    await json(await call('GET', drafts(board, 'noSuchRound'), board.invites.participant, undefined, ANNE_KEY), 404)
    await json(await call('POST', `/api/boards/${board.id}/rounds/noSuchRound/reveal`, board.invites.facilitator), 404)
  })
})
