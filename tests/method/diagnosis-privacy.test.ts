/**
 * A partner's strategic diagnosis is private until that partner shares it (issue 9): while not
 * shared it is kept by the server and read and written over REST by that partner's bound link and
 * the facilitator only (403 for anyone else); no socket (another partner's participant, an
 * observer, inspected byte by byte) and no snapshot carries it; a raw Yjs write of it, or of the
 * `shared` flag, is refused. Sharing puts it on every client at once; taking it back removes it
 * from the board (what was seen meanwhile stays in the iterations kept then). A board stored before,
 * with unshared text in its document and snapshots, has it moved to the server when its room loads;
 * the facilitator's archive carries it beside the document, and an import keeps it.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type BoardArchive } from '../../shared/api/archive.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { DiagnosisResponse } from '../../shared/api/diagnoses.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import { createGroup, listGroups } from '../../shared/board/interests.ts'
import { DIAGNOSIS_FIELDS, diagnosesOf, diagnosisKey, setDiagnosisField, shareDiagnosis, type DiagnosisField } from '../../shared/board/method.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { MessageType, readRefused, type Refusal } from '../../shared/protocol/messages.ts'
import { SQLITE_FILE_NAME } from '../../server/store/sqlite-store.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard, createPartnerLink } from '../helpers/api.ts'
import { openRecordingSocket } from '../helpers/raw-socket.ts'
import { waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { useTestServer } from '../helpers/test-server.ts'
import { waitFor } from '../helpers/wait-for.ts'

const FANNY_KEY = personKeyOf('fanny')
const fanny = testActor('Fanny', FACILITATION, 'facilitator', FANNY_KEY)
const ANNE_KEY = personKeyOf('anne')

/** Whether `text` occurs anywhere in what a socket received (frames concatenated). */
function received(frames: readonly Uint8Array[], text: string): boolean {
  return Buffer.concat(frames.map((f) => Buffer.from(f))).includes(Buffer.from(text, 'utf8'))
}

const textIn = (doc: Y.Doc, partnerId: string, field: DiagnosisField) => diagnosesOf(doc).get(diagnosisKey(partnerId, field))

describe("a partner's diagnosis stays with the server until it shares it", () => {
  const fixture = useTestServer()

  const call = (method: string, path: string, token: string, body?: unknown) => fetch(`${fixture.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = async <T>(response: Response, status: number): Promise<T> => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text) as T
  }
  const boundLink = (board: CreateBoardResponse, partnerId: string) => createPartnerLink(fixture.server.url, board.id, board.invites.facilitator, partnerId)

  /** Waits until everything written before by `writer` has been judged: a later mark of the facilitator arrives. */
  async function afterJudged(seeder: SyncClient, watcher: SyncClient, name: string): Promise<void> {
    createGroup(seeder.doc, fanny, { name })
    await waitFor(() => expect(listGroups(watcher.doc).some((g) => g.name === name)).toBe(true))
  }

  it('is read and written over REST by its partner and the facilitator only, reaches no other socket nor snapshot, and is shared with everyone at once', async () => {
    const board = await createBoard(fixture.server.url, 'Coopération Loire', 'fr')
    const seeder = fixture.connect(board.id, board.invites.facilitator, undefined, { personKey: FANNY_KEY })
    await waitSynced(seeder)
    const admr = addPartner(seeder.doc, fanny, { name: 'ADMR Loire' })
    const apf = addPartner(seeder.doc, fanny, { name: 'APF France handicap' })
    const toAdmr = await waitFor(() => boundLink(board, admr))
    const toApf = await boundLink(board, apf)
    const path = `/api/boards/${board.id}/diagnoses/${admr}`

    // Everything another partner's participant and an observer receive, from the start.
    const apfSocket = await openRecordingSocket(fixture.server.wsUrl, board.id, toApf)
    const observerSocket = await openRecordingSocket(fixture.server.wsUrl, board.id, board.invites.observer)
    const apfClient = fixture.connect(board.id, toApf, undefined, { personKey: personKeyOf('bruno') })
    const anne = fixture.connect(board.id, toAdmr, undefined, { personKey: ANNE_KEY })
    await Promise.all([waitSynced(apfClient), waitSynced(anne)])
    const refusals: Refusal[] = []
    anne.provider.messageHandlers[MessageType.Refused] = (_encoder, decoder) => {
      const refusal = readRefused(decoder)
      if (refusal) refusals.push(refusal)
    }

    // ADMR's bound link writes it, field by field; the facilitator reads and completes it.
    await json(await call('PUT', path, toAdmr, { project: 'SECRET-PROJECT aide à domicile rurale' }), 200)
    await json(await call('PUT', path, toAdmr, { strengths: 'SECRET-STRENGTHS 300 bénévoles' }), 200)
    const byFanny = await json<DiagnosisResponse>(await call('PUT', path, board.invites.facilitator, { constraints: 'SECRET-CONSTRAINTS budget' }), 200)
    expect(byFanny).toMatchObject({ partnerId: admr, project: 'SECRET-PROJECT aide à domicile rurale', strengths: 'SECRET-STRENGTHS 300 bénévoles', shared: false })
    expect(await json<DiagnosisResponse>(await call('GET', path, toAdmr), 200)).toMatchObject({ constraints: 'SECRET-CONSTRAINTS budget', shared: false })

    // Another partner's link, a generic link, an observer, the room display: 403, reading or writing.
    for (const token of [toApf, board.invites.participant, board.invites.observer, board.invites.display]) {
      expect((await call('GET', path, token)).status).toBe(403)
      expect((await call('PUT', path, token, { project: 'hijacked' })).status).toBe(403)
      expect((await call('PUT', `${path}/shared`, token, { shared: true })).status).toBe(403)
    }
    expect((await call('GET', `/api/boards/${board.id}/diagnoses/no-such-partner`, board.invites.facilitator)).status).toBe(404)

    // A raw write of unshared diagnosis text, or of the flag, from ADMR's own stock client: refused.
    anne.doc.transact(() => {
      setDiagnosisField(anne.doc, { ...fanny, role: 'participant', partnerId: admr, partnerBound: true }, admr, 'project', 'SECRET-RAW typed into the document')
      diagnosesOf(anne.doc).set(diagnosisKey(admr, 'shared'), true)
    })
    await afterJudged(seeder, apfClient, 'after the raw write')
    expect(refusals.length).toBeGreaterThan(0)
    expect(textIn(seeder.doc, admr, 'project')).toBeUndefined()
    expect(diagnosesOf(seeder.doc).get(diagnosisKey(admr, 'shared'))).toBeUndefined()

    // An iteration kept now, through the snapshot API: no trace either.
    const before = await json<{ id: string }>(await call('POST', `/api/boards/${board.id}/snapshots`, board.invites.facilitator, { label: 'Avant partage' }), 201)
    const snapshotJson = await (await call('GET', `/api/boards/${board.id}/snapshots/${before.id}`, toApf)).text()
    const snapshotState = new Uint8Array(await (await call('GET', `/api/boards/${board.id}/snapshots/${before.id}/state`, toApf)).arrayBuffer())
    for (const secret of ['SECRET-PROJECT', 'SECRET-STRENGTHS', 'SECRET-CONSTRAINTS', 'SECRET-RAW']) {
      expect(snapshotJson).not.toContain(secret)
      expect(received([snapshotState], secret)).toBe(false)
      expect(received(apfSocket.received, secret), `APF's socket: ${secret}`).toBe(false)
      expect(received(observerSocket.received, secret), `the observer's socket: ${secret}`).toBe(false)
    }
    expect(apfSocket.received.length).toBeGreaterThan(0)
    // Nor what APF's stock client holds.
    expect(received([Y.encodeStateAsUpdate(apfClient.doc)], 'SECRET')).toBe(false)

    // Shared: in one server change, on APF's client at once, with the facilitator's words too.
    const shared = await json<DiagnosisResponse>(await call('PUT', `${path}/shared`, toAdmr, { shared: true }), 200)
    expect(shared).toMatchObject({ shared: true, constraints: 'SECRET-CONSTRAINTS budget' })
    await waitFor(() => expect(textIn(apfClient.doc, admr, 'project')).toBe('SECRET-PROJECT aide à domicile rurale'))
    expect(diagnosesOf(apfClient.doc).get(diagnosisKey(admr, 'shared'))).toBe(true)
    expect(received(observerSocket.received, 'SECRET-STRENGTHS')).toBe(true)
    // Once shared it is co-edited live: ADMR's client writes it in the document; REST writes are refused.
    setDiagnosisField(anne.doc, { ...fanny, role: 'participant', partnerId: admr, partnerBound: true }, admr, 'strengths', 'SHARED-LIVE un réseau')
    await waitFor(() => expect(textIn(apfClient.doc, admr, 'strengths')).toBe('SHARED-LIVE un réseau'))
    expect((await call('PUT', path, toAdmr, { project: 'x' })).status).toBe(409)
    const whileShared = await json<{ id: string }>(await call('POST', `/api/boards/${board.id}/snapshots`, board.invites.facilitator, { label: 'Partagé' }), 201)

    // Taken back: gone from every client, kept by the server with its latest words.
    const back = await json<DiagnosisResponse>(await call('PUT', `${path}/shared`, toAdmr, { shared: false }), 200)
    expect(back).toMatchObject({ shared: false, strengths: 'SHARED-LIVE un réseau', project: 'SECRET-PROJECT aide à domicile rurale' })
    await waitFor(() => expect(textIn(apfClient.doc, admr, 'strengths')).toBeUndefined())
    expect(diagnosesOf(apfClient.doc).get(diagnosisKey(admr, 'shared'))).toBe(false)
    expect(await json<DiagnosisResponse>(await call('GET', path, board.invites.facilitator), 200)).toMatchObject({ strengths: 'SHARED-LIVE un réseau', shared: false })
    // What APF saw while it was shared stays in the iteration kept then; the later ones hold none of it.
    expect(await (await call('GET', `/api/boards/${board.id}/snapshots/${whileShared.id}`, toApf)).text()).toContain('SHARED-LIVE')
    const after = await json<{ id: string }>(await call('POST', `/api/boards/${board.id}/snapshots`, board.invites.facilitator, { label: 'Repris' }), 201)
    expect(await (await call('GET', `/api/boards/${board.id}/snapshots/${after.id}`, toApf)).text()).not.toContain('SHARED-LIVE')
    // A fresh socket of APF's receives none of it now.
    const late = await openRecordingSocket(fixture.server.wsUrl, board.id, toApf)
    await waitFor(() => expect(late.received.length).toBeGreaterThan(0))
    await afterJudged(seeder, apfClient, 'late socket synced')
    expect(received(late.received, 'SHARED-LIVE')).toBe(false)
    for (const socket of [apfSocket, observerSocket, late]) socket.socket.close()

    // Taken back while ADMR's person is still typing in it: keystrokes the server accepted before
    // are kept with the rest, those after are refused; none is left in the document for APF.
    await json<DiagnosisResponse>(await call('PUT', `${path}/shared`, toAdmr, { shared: true }), 200)
    await waitFor(() => expect(textIn(apfClient.doc, admr, 'strengths')).toBe('SHARED-LIVE un réseau'))
    let typing = true
    let typed = 0
    const typist = (async () => {
      while (typing) {
        setDiagnosisField(anne.doc, { ...fanny, role: 'participant', partnerId: admr, partnerBound: true }, admr, 'expectations', `TYPING-${typed++}`)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 30))
    const takenBack = await json<DiagnosisResponse>(await call('PUT', `${path}/shared`, toAdmr, { shared: false }), 200)
    await new Promise((resolve) => setTimeout(resolve, 30))
    typing = false
    await typist
    await new Promise((resolve) => setTimeout(resolve, 500)) // the last keystrokes reach the server
    await afterJudged(seeder, apfClient, 'typing during the take-back judged')
    expect(typed).toBeGreaterThan(5)
    expect(takenBack.shared).toBe(false)
    for (const field of DIAGNOSIS_FIELDS) expect(textIn(apfClient.doc, admr, field), field).toBeUndefined()
    expect(received([Y.encodeStateAsUpdate(apfClient.doc)], 'TYPING-')).toBe(false)
  })

  it('moves unshared text a board stored before holds (document and snapshots) to the server when its room loads', async () => {
    // A board as Atelier kept it before: ADMR's diagnosis unshared in the document, APF's shared.
    const old = new Y.Doc()
    const admr = addPartner(old, fanny, { name: 'ADMR Loire' })
    const apf = addPartner(old, fanny, { name: 'APF France handicap' })
    setDiagnosisField(old, fanny, admr, 'project', 'OLD-SECRET projet rural')
    setDiagnosisField(old, fanny, admr, 'expectations', 'OLD-SECRET attentes')
    setDiagnosisField(old, fanny, apf, 'project', 'OLD-SHARED mobilité')
    shareDiagnosis(old, fanny, apf, true)
    const state = Buffer.from(Y.encodeStateAsUpdate(old)).toString('base64')
    const now = new Date().toISOString()
    const imported = await json<CreateBoardResponse>(await fetch(`${fixture.server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now,
        board: { title: 'Ancien tableau', language: 'fr', createdAt: now },
        state,
        snapshots: [{ id: 'oldIteration', label: 'Itération 1', kind: 'iteration', number: 1, sessionId: null, createdAt: now, state }],
      }),
    }), 201)

    const observerSocket = await openRecordingSocket(fixture.server.wsUrl, imported.id, imported.invites.observer)
    const observer = fixture.connect(imported.id, imported.invites.observer, undefined, { personKey: null })
    await waitSynced(observer)
    expect(textIn(observer.doc, apf, 'project')).toBe('OLD-SHARED mobilité')
    expect(textIn(observer.doc, admr, 'project')).toBeUndefined()
    expect(received(observerSocket.received, 'OLD-SHARED')).toBe(true)
    expect(received(observerSocket.received, 'OLD-SECRET')).toBe(false)
    observerSocket.socket.close()
    // Nor is it left in the stored log of the board's document (merged into a state without it).
    const db = new Database(join(fixture.server.dataDir, SQLITE_FILE_NAME), { readonly: true })
    const rows = db.prepare('SELECT data FROM updates WHERE board_id = ?').all(imported.id) as { data: Buffer }[]
    db.close()
    expect(rows.length).toBe(1)
    expect(received(rows.map((row) => new Uint8Array(row.data)), 'OLD-SECRET')).toBe(false)

    // Kept by the server for ADMR's link and the facilitator.
    const toAdmr = await boundLink(imported, admr)
    expect(await json<DiagnosisResponse>(await call('GET', `/api/boards/${imported.id}/diagnoses/${admr}`, toAdmr), 200))
      .toMatchObject({ project: 'OLD-SECRET projet rural', expectations: 'OLD-SECRET attentes', shared: false })
    // The old iteration, as anyone reads it: the shared one, not the other.
    const iteration = await (await call('GET', `/api/boards/${imported.id}/snapshots/oldIteration`, imported.invites.participant)).text()
    expect(iteration).toContain('OLD-SHARED')
    expect(iteration).not.toContain('OLD-SECRET')
    const iterationState = new Uint8Array(await (await call('GET', `/api/boards/${imported.id}/snapshots/oldIteration/state`, imported.invites.participant)).arrayBuffer())
    expect(received([iterationState], 'OLD-SECRET')).toBe(false)

    // After a restart (the room loads again), nothing comes back and nothing is lost.
    await fixture.restart()
    const again = await openRecordingSocket(fixture.server.wsUrl, imported.id, imported.invites.observer)
    await waitFor(() => expect(received(again.received, 'OLD-SHARED')).toBe(true))
    expect(received(again.received, 'OLD-SECRET')).toBe(false)
    again.socket.close()
    expect(await json<DiagnosisResponse>(await call('GET', `/api/boards/${imported.id}/diagnoses/${admr}`, imported.invites.facilitator), 200))
      .toMatchObject({ project: 'OLD-SECRET projet rural', shared: false })

    // The facilitator's archive carries it beside the document (not in it), and an import keeps it.
    const archive = await json<BoardArchive>(await call('GET', `/api/boards/${imported.id}/archive`, imported.invites.facilitator), 200)
    expect(archive.diagnoses).toEqual([expect.objectContaining({ partnerId: admr, project: 'OLD-SECRET projet rural', expectations: 'OLD-SECRET attentes' })])
    expect(received([Buffer.from(archive.state, 'base64')], 'OLD-SECRET')).toBe(false)
    const copy = await json<CreateBoardResponse>(await fetch(`${fixture.server.url}/api/boards/import`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(archive),
    }), 201)
    expect(await json<DiagnosisResponse>(await call('GET', `/api/boards/${copy.id}/diagnoses/${admr}`, copy.invites.facilitator), 200))
      .toMatchObject({ project: 'OLD-SECRET projet rural', shared: false })
  })
})
