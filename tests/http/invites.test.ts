import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { CreatedInvite, InviteSummary } from '../../shared/api/invites.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { charterOf, itemMap, partnersOf } from '../../shared/board/schema.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { createBoard } from '../helpers/api.ts'
import { testActor } from '../helpers/actors.ts'
import { waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const facilitatorActor = testActor('Fanny', FACILITATION, 'facilitator')

describe('invite links as records: per partner, revoked, regenerated, joined by code', () => {
  const fixture = useTestServer({ env: { PUBLIC_URL: 'https://atelier.example.org' } })

  const call = (method: string, path: string, token: string | null, body?: unknown) => fetch(`${fixture.server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = async <T>(response: Response, status: number): Promise<T> => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text) as T
  }
  const getBoard = (board: CreateBoardResponse, token: string) => call('GET', `/api/boards/${board.id}`, token)

  /** A board with two partners, written by the facilitator's stock client as the UI would. */
  async function boardWithPartners(): Promise<{ board: CreateBoardResponse; partners: string[]; facilitator: SyncClient }> {
    const board = await createBoard(fixture.server.url, 'Coopération Loire', 'fr')
    const facilitator = fixture.connect(board.id, board.invites.facilitator)
    await waitSynced(facilitator)
    const partners = [
      addPartner(facilitator.doc, facilitatorActor, { name: 'ADMR Loire' }),
      addPartner(facilitator.doc, facilitatorActor, { name: 'APF France handicap' }),
    ]
    // The server knows them once another client sees them.
    const probe = fixture.connect(board.id, board.invites.observer)
    await waitSynced(probe)
    await waitFor(() => expect(probe.doc.getMap('partners').size).toBe(2))
    probe.destroy()
    return { board, partners, facilitator }
  }

  it('creates a board with one link per role, the room display included, as records with codes', async () => {
    const board = await createBoard(fixture.server.url)
    expect(Object.keys(board.invites).sort()).toEqual(['display', 'facilitator', 'observer', 'participant'])
    expect(board.links.map((link) => link.role).sort()).toEqual(['display', 'facilitator', 'observer', 'participant'])
    for (const link of board.links) {
      expect(link.token).toBe(board.invites[link.role])
      expect(link.link).toBe(`https://atelier.example.org/b/${board.id}#token=${encodeURIComponent(link.token)}`)
      expect(link.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
      expect(link).toMatchObject({ partnerId: null, label: '', revokedAt: null })
    }
    const display = await json<{ role: string; inviteId: string; partnerId: null }>(await getBoard(board, board.invites.display), 200)
    expect(display).toMatchObject({ role: 'display', partnerId: null, inviteId: board.links.find((l) => l.role === 'display')!.id })
  })

  it('lists links without secrets, creates one per partner, and binds who joins by it to that partner', async () => {
    const { board, partners } = await boardWithPartners()
    const created: CreatedInvite[] = []
    for (const partnerId of partners) {
      created.push(await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, { role: 'participant', partnerId, label: `Lien ${partnerId}` }), 201))
    }
    const generic = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, { role: 'observer' }), 201)
    expect(generic.partnerId).toBeNull()

    const list = await json<InviteSummary[]>(await call('GET', `/api/boards/${board.id}/invites`, board.invites.facilitator), 200)
    expect(list).toHaveLength(4 + 3)
    expect(list.filter((invite) => invite.partnerId !== null).map((invite) => invite.partnerId)).toEqual(partners)
    const text = JSON.stringify(list)
    for (const invite of [...created, generic, ...board.links]) {
      expect(text).not.toContain(invite.token)
      expect(text).not.toContain(invite.code)
    }
    for (const invite of list) expect(Object.keys(invite).sort()).toEqual(['createdAt', 'id', 'label', 'partnerId', 'revokedAt', 'role'])

    // The board tells the caller which partner its link speaks for, by token and by join code.
    for (const [i, invite] of created.entries()) {
      for (const credential of [invite.token, invite.code, invite.code.toLowerCase().replace('-', '')]) {
        const body = await json<{ role: string; partnerId: string; inviteId: string }>(await getBoard(board, credential), 200)
        expect(body).toMatchObject({ role: 'participant', partnerId: partners[i], inviteId: invite.id })
      }
    }
  })

  it('refuses a partner the board does not have, a bound link for another role, and bad bodies', async () => {
    const { board, partners } = await boardWithPartners()
    const post = (body: unknown) => call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, body)
    for (const body of [
      { role: 'participant', partnerId: 'no-such-partner' },
      { role: 'observer', partnerId: partners[0] },
      { role: 'queen' },
      {},
      { role: 'participant', label: 'x'.repeat(101) },
    ]) {
      const error = await json<{ error: string }>(await post(body), 400)
      expect(error.error).toBeTruthy()
    }
    await json(await call('POST', `/api/boards/${board.id}/invites/nope/revoke`, board.invites.facilitator), 404)
    await json(await call('POST', `/api/boards/${board.id}/invites/nope/regenerate`, board.invites.facilitator), 404)
    await json(await call('GET', `/api/boards/unknownBoard1/invites`, board.invites.facilitator), 404)
  })

  it('lets only the facilitator see and manage links (403 for every other role, 401 without a token)', async () => {
    const board = await createBoard(fixture.server.url)
    const target = board.links.find((link) => link.role === 'participant')!
    for (const role of ['participant', 'observer', 'display'] as const) {
      const token = board.invites[role]
      await json(await call('GET', `/api/boards/${board.id}/invites`, token), 403)
      await json(await call('POST', `/api/boards/${board.id}/invites`, token, { role: 'participant' }), 403)
      await json(await call('POST', `/api/boards/${board.id}/invites/${target.id}/revoke`, token), 403)
      await json(await call('POST', `/api/boards/${board.id}/invites/${target.id}/regenerate`, token), 403)
    }
    await json(await call('GET', `/api/boards/${board.id}/invites`, null), 401)
    // Nothing was revoked by those attempts.
    await json(await getBoard(board, target.token), 200)
  })

  it('revoking refuses the token and the code at once and closes the open sockets of that link with 4401', async () => {
    const { board, partners, facilitator } = await boardWithPartners()
    const invite = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, { role: 'participant', partnerId: partners[0] }), 201)
    const viaToken = fixture.connect(board.id, invite.token)
    const viaCode = fixture.connect(board.id, invite.code)
    const bystander = fixture.connect(board.id, board.invites.participant)
    await Promise.all([waitSynced(viaToken), waitSynced(viaCode), waitSynced(bystander)])
    const closes: { code: number; reason: string }[] = []
    for (const client of [viaToken, viaCode]) client.provider.on('connection-close', (event: CloseEvent | null) => { if (event) closes.push({ code: event.code, reason: event.reason }) })

    const revoked = await json<InviteSummary>(await call('POST', `/api/boards/${board.id}/invites/${invite.id}/revoke`, board.invites.facilitator), 200)
    expect(revoked.revokedAt).not.toBeNull()

    for (const credential of [invite.token, invite.code]) {
      const refused = await getBoard(board, credential)
      expect(refused.status).toBe(401)
      expect((await refused.json()).error).toBeTruthy()
    }
    await waitFor(() => expect(closes).toEqual([{ code: 4401, reason: 'Invite revoked' }, { code: 4401, reason: 'Invite revoked' }]))
    // y-websocket does not reconnect on 44xx; the other links' sockets stay open.
    expect(viaToken.provider.shouldConnect).toBe(false)
    expect(bystander.provider.wsconnected).toBe(true)
    expect(facilitator.provider.wsconnected).toBe(true)

    // A new socket with the old token is refused at the upgrade.
    const again = fixture.connect(board.id, invite.token)
    const refusedAgain = await new Promise<boolean>((resolve) => {
      again.provider.on('connection-close', () => resolve(!again.provider.wsconnected))
      again.provider.on('status', ({ status }: { status: string }) => { if (status === 'connected') resolve(false) })
    })
    expect(refusedAgain).toBe(true)
    again.destroy()

    // Listed as revoked; revoking it twice changes nothing.
    const list = await json<InviteSummary[]>(await call('GET', `/api/boards/${board.id}/invites`, board.invites.facilitator), 200)
    expect(list.find((entry) => entry.id === invite.id)?.revokedAt).toBe(revoked.revokedAt)
    const twice = await json<InviteSummary>(await call('POST', `/api/boards/${board.id}/invites/${invite.id}/revoke`, board.invites.facilitator), 200)
    expect(twice.revokedAt).toBe(revoked.revokedAt)
  })

  it('refuses to revoke the last facilitator link (regenerating it is the way)', async () => {
    const board = await createBoard(fixture.server.url)
    const facilitator = board.links.find((link) => link.role === 'facilitator')!
    await json(await call('POST', `/api/boards/${board.id}/invites/${facilitator.id}/revoke`, board.invites.facilitator), 409)
    const renewed = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites/${facilitator.id}/regenerate`, board.invites.facilitator), 201)
    await json(await getBoard(board, board.invites.facilitator), 401)
    await json(await getBoard(board, renewed.token), 200)
  })

  it('regenerating revokes the old link (socket closed) and issues the same link anew', async () => {
    const { board, partners } = await boardWithPartners()
    const old = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites`, board.invites.facilitator, { role: 'participant', partnerId: partners[1], label: 'APF' }), 201)
    const client = fixture.connect(board.id, old.token)
    await waitSynced(client)
    let closed: { code: number; reason: string } | null = null
    client.provider.on('connection-close', (event: CloseEvent | null) => { if (event) closed = { code: event.code, reason: event.reason } })

    const renewed = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites/${old.id}/regenerate`, board.invites.facilitator), 201)
    expect(renewed).toMatchObject({ role: 'participant', partnerId: partners[1], label: 'APF', revokedAt: null })
    expect(renewed.id).not.toBe(old.id)
    expect(renewed.token).not.toBe(old.token)
    expect(renewed.code).not.toBe(old.code)
    await waitFor(() => expect(closed).toEqual({ code: 4401, reason: 'Invite revoked' }))
    await json(await getBoard(board, old.token), 401)
    await json(await getBoard(board, old.code), 401)
    expect(await json(await getBoard(board, renewed.code), 200)).toMatchObject({ partnerId: partners[1], inviteId: renewed.id })
    // The old one can't be regenerated again.
    await json(await call('POST', `/api/boards/${board.id}/invites/${old.id}/regenerate`, board.invites.facilitator), 404)
  })

  it('joins by code (any case, with or without the dash), and the code works for sync', async () => {
    const board = await createBoard(fixture.server.url)
    const participant = board.links.find((link) => link.role === 'participant')!
    for (const typed of [participant.code, participant.code.toLowerCase(), ` ${participant.code.replace('-', '')} `]) {
      const joined = await json<{ boardId: string; token: string }>(await call('POST', '/api/join', null, { code: typed }), 200)
      expect(joined).toEqual({ boardId: board.id, token: participant.code })
    }
    const client = fixture.connect(board.id, participant.code.toLowerCase())
    await waitSynced(client)
    expect(client.provider.wsconnected).toBe(true)
    await json(await call('POST', '/api/join', null, { nope: 1 }), 400)
  })

  it('limits wrong join codes per address with 429 (and a Retry-After)', async () => {
    const board = await createBoard(fixture.server.url)
    const code = board.links.find((link) => link.role === 'observer')!.code
    let status = 0
    let attempts = 0
    for (; attempts < 30 && status !== 429; attempts++) {
      const response = await call('POST', '/api/join', null, { code: 'ZZZZ-ZZZZ' })
      status = response.status
      if (status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
        expect((await response.json()).error).toBeTruthy()
      } else {
        expect(status).toBe(404)
        await response.body?.cancel()
      }
    }
    expect(status).toBe(429)
    expect(attempts).toBe(11)
    // Once limited, even a right code waits: the limit is on the address, not on the guess.
    expect((await call('POST', '/api/join', null, { code })).status).toBe(429)
  })
})

describe('the room display role reads but never writes nor appears', () => {
  const fixture = useTestServer()

  it('receives the board, its document changes are dropped like an observer’s', async () => {
    const board = await createBoard(fixture.server.url)
    const facilitator = fixture.connect(board.id, board.invites.facilitator)
    const display = fixture.connect(board.id, board.invites.display)
    await Promise.all([waitSynced(facilitator), waitSynced(display)])

    const partnerId = addPartner(facilitator.doc, facilitatorActor, { name: 'Mission locale' })
    await waitFor(() => expect(display.doc.getMap('partners').has(partnerId)).toBe(true))

    // Raw writes, as a hostile client would send them (the board operations refuse a display already).
    partnersOf(display.doc).set('forged', itemMap({ id: 'forged', name: 'Forged by the display', createdAt: new Date().toISOString() }))
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('forged')])
    charterOf(display.doc).insert(0, [paragraph])
    const after = addPartner(facilitator.doc, facilitatorActor, { name: 'After' })
    await waitFor(() => expect(display.doc.getMap('partners').has(after)).toBe(true))

    const reader = fixture.connect(board.id, board.invites.observer)
    await waitSynced(reader)
    const names = [...reader.doc.getMap<Y.Map<unknown>>('partners').values()].map((partner) => partner.get('name'))
    expect(names.sort()).toEqual(['After', 'Mission locale'])
    expect(reader.doc.getXmlFragment('charter').toString()).not.toContain('forged')
    expect(display.provider.wsconnected).toBe(true)
  })
})
