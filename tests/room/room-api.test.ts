/**
 * The room's REST side: the server clock, the timer the server writes in its own clock on the
 * facilitator's request (seen by every client, right after a restart), and the join link shown in
 * the room (registered by the facilitator's device, read only by the facilitator and the room
 * display, never in the board document, gone once its link is revoked or after a restart).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatedInvite } from '../../shared/api/invites.ts'
import type { RoomJoinLinkResponse, ServerTimeResponse } from '../../shared/api/room.ts'
import { readRoom, timerRemaining, type Timer } from '../../shared/board/room.ts'
import { createBoard } from '../helpers/api.ts'
import { waitSynced } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('the room API: server time, timer, join link for the room display', () => {
  const fixture = useTestServer()

  const call = (method: string, path: string, token: string | null, body?: unknown) => fetch(`${fixture.server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const json = async <T>(response: Response, status: number): Promise<T> => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    return JSON.parse(text) as T
  }
  const errorOf = async (response: Response, status: number): Promise<string> => (await json<{ error: string }>(response, status)).error

  it('GET /api/time answers the server clock, never cached', async () => {
    const before = Date.now()
    const response = await call('GET', '/api/time', null)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const { now } = await json<ServerTimeResponse>(response, 200)
    expect(now).toBeGreaterThanOrEqual(before - 1000)
    expect(now).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('the timer: 404 unknown board, 401 no or wrong token, 403 for every role but the facilitator, 400 malformed', async () => {
    const board = await createBoard(fixture.server.url, 'Timer', 'en')
    const path = `/api/boards/${board.id}/room/timer`
    expect(await errorOf(await call('POST', '/api/boards/AAAAAAAAAAAAAAAA/room/timer', board.invites.facilitator, { action: 'start' }), 404)).toMatch(/not found/i)
    expect(await errorOf(await call('POST', path, null, { action: 'start' }), 401)).toMatch(/token/)
    expect(await errorOf(await call('POST', path, 'wrong-token', { action: 'start' }), 401)).toMatch(/token/)
    for (const role of ['participant', 'observer', 'display'] as const) {
      expect(await errorOf(await call('POST', path, board.invites[role], { action: 'start' }), 403)).toMatch(new RegExp(role))
    }
    expect(await errorOf(await call('POST', path, board.invites.facilitator, 'not json'), 400)).toMatch(/JSON/)
    expect(await errorOf(await call('POST', path, board.invites.facilitator, { action: 'explode' }), 400)).toBeTruthy()
    expect(await errorOf(await call('POST', path, board.invites.facilitator, { action: 'start', durationMs: 10 }), 400)).toMatch(/durationMs/)
    expect(await errorOf(await call('POST', path, board.invites.facilitator, { action: 'start', durationMs: 25 * 3_600_000 }), 400)).toMatch(/durationMs/)
    expect(await errorOf(await call('POST', path, board.invites.facilitator, { action: 'pause', endsAt: 1 }), 400)).toBeTruthy()
  })

  it('the timer runs in the server clock: start, pause, resume, reset; every client has it, after a restart too', async () => {
    const board = await createBoard(fixture.server.url, 'Timer', 'en')
    const path = `/api/boards/${board.id}/room/timer`
    const f = board.invites.facilitator
    const watcher = fixture.connect(board.id, board.invites.observer)
    await waitSynced(watcher)

    const started = await json<Timer>(await call('POST', path, f, { action: 'start', durationMs: 90_000, sound: true }), 200)
    expect(started).toMatchObject({ state: 'running', durationMs: 90_000, sound: true })
    const { now } = await json<ServerTimeResponse>(await call('GET', '/api/time', null), 200)
    expect(timerRemaining(started, now)).toBeGreaterThan(85_000)
    expect(timerRemaining(started, now)).toBeLessThanOrEqual(90_000)
    await waitFor(() => expect(readRoom(watcher.doc).timer?.endsAt).toBe(started.endsAt))

    const paused = await json<Timer>(await call('POST', path, f, { action: 'pause' }), 200)
    expect(paused.state).toBe('paused')
    expect(paused.remainingMs).toBeLessThanOrEqual(90_000)
    expect(paused.remainingMs).toBeGreaterThan(80_000)
    const resumed = await json<Timer>(await call('POST', path, f, { action: 'start' }), 200)
    expect(resumed.state).toBe('running')
    // Resuming keeps the time left, not the full duration.
    expect(resumed.endsAt - resumed.changedAt).toBe(paused.remainingMs)

    const reset = await json<Timer>(await call('POST', path, f, { action: 'reset', durationMs: 300_000 }), 200)
    expect(reset).toMatchObject({ state: 'idle', durationMs: 300_000, remainingMs: 300_000, endsAt: 0, sound: true })
    const running = await json<Timer>(await call('POST', path, f, { action: 'start' }), 200)
    await waitFor(() => expect(readRoom(watcher.doc).timer).toEqual(running))
    watcher.destroy()

    await fixture.restart()
    const late = fixture.connect(board.id, board.invites.participant, new Y.Doc())
    await waitSynced(late)
    await waitFor(() => expect(readRoom(late.doc).timer).toEqual(running))
  })

  it('the join link: registered by the facilitator, read by the facilitator and the display only, checked, revoked, cleared', async () => {
    const board = await createBoard(fixture.server.url, 'Join', 'en')
    const path = `/api/boards/${board.id}/room/join-link`
    const f = board.invites.facilitator
    const participantLink = board.links.find((l) => l.role === 'participant')!
    const watcher = fixture.connect(board.id, board.invites.observer)
    await waitSynced(watcher)

    // Nothing registered yet.
    expect(await errorOf(await call('GET', path, f), 404)).toMatch(/No join link/)
    // Who may register: the facilitator only; who may read: the facilitator and the display.
    expect(await errorOf(await call('PUT', path, null, { token: participantLink.token }), 401)).toMatch(/token/)
    for (const role of ['participant', 'observer', 'display'] as const) {
      expect(await errorOf(await call('PUT', path, board.invites[role], { token: participantLink.token }), 403)).toMatch(new RegExp(role))
      expect(await errorOf(await call('DELETE', path, board.invites[role]), 403)).toMatch(new RegExp(role))
    }
    // Only an active participant link of this board, with its own code.
    expect(await errorOf(await call('PUT', path, f, { token: board.invites.observer }), 400)).toMatch(/participant link/)
    expect(await errorOf(await call('PUT', path, f, { token: f }), 400)).toMatch(/participant link/)
    const other = await createBoard(fixture.server.url, 'Other', 'en')
    expect(await errorOf(await call('PUT', path, f, { token: other.invites.participant }), 400)).toMatch(/participant link/)
    expect(await errorOf(await call('PUT', path, f, { token: participantLink.token, code: other.links.find((l) => l.role === 'participant')!.code }), 400)).toMatch(/code/)
    expect(await errorOf(await call('PUT', path, f, {}), 400)).toMatch(/token/)

    const set = await json<RoomJoinLinkResponse>(await call('PUT', path, f, { token: participantLink.token, code: participantLink.code.toLowerCase() }), 200)
    expect(set).toEqual({ inviteId: participantLink.id, token: participantLink.token, code: participantLink.code, label: '', partnerId: null })
    for (const role of ['facilitator', 'display'] as const) {
      expect(await json<RoomJoinLinkResponse>(await call('GET', path, board.invites[role]), 200)).toEqual(set)
    }
    for (const role of ['participant', 'observer'] as const) {
      const response = await call('GET', path, board.invites[role])
      const body = await response.text()
      expect(response.status).toBe(403)
      expect(body).not.toContain(participantLink.token)
    }
    // The board document says a link is shown, never which token.
    await waitFor(() => expect(readRoom(watcher.doc).joinLink?.set).toBe(true))
    expect(JSON.stringify(watcher.doc.toJSON())).not.toContain(participantLink.token)
    expect(JSON.stringify(watcher.doc.toJSON())).not.toContain(participantLink.code)

    // Revoked: no longer shown.
    const regenerated = await json<CreatedInvite>(await call('POST', `/api/boards/${board.id}/invites/${participantLink.id}/regenerate`, f), 201)
    expect(await errorOf(await call('GET', path, board.invites.display), 404)).toMatch(/No join link/)
    expect(await errorOf(await call('PUT', path, f, { token: participantLink.token }), 400)).toMatch(/participant link/)
    await json<RoomJoinLinkResponse>(await call('PUT', path, f, { token: regenerated.token }), 200)
    expect((await json<RoomJoinLinkResponse>(await call('GET', path, board.invites.display), 200)).code).toBeNull()

    // Cleared by the facilitator.
    const cleared = await call('DELETE', path, f)
    expect(cleared.status).toBe(204)
    expect(await errorOf(await call('GET', path, board.invites.display), 404)).toMatch(/No join link/)
    await waitFor(() => expect(readRoom(watcher.doc).joinLink?.set).toBe(false))
    watcher.destroy()

    // Kept in memory only: a restart forgets it (the facilitator's client registers it again).
    await json<RoomJoinLinkResponse>(await call('PUT', path, f, { token: regenerated.token }), 200)
    await fixture.restart()
    expect(await errorOf(await call('GET', path, board.invites.display), 404)).toMatch(/No join link/)
  })
})
