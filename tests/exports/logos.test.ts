/**
 * A place for logos (issue 9): the facilitator uploads the network's logo and one per partner (PNG
 * or JPEG, at most 256 kB, checked by their bytes and size), any token reads them, and the compte
 * rendu draws them at the head of its first page, in PDF and DOCX. Everything else is refused with
 * a JSON error: too big 413, not an image 415, damaged or out of size 400, another role 403.
 */
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { BoardArchive } from '../../shared/api/archive.ts'
import { LOGO_MAX_BYTES, type LogosResponse } from '../../shared/api/logos.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { startSession } from '../../shared/board/sessions.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { JPEG_16, pngImage } from '../helpers/images.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** How many images a PDF draws (its image XObjects; an RGBA PNG's alpha is one more, a soft mask). */
const pdfImages = (bytes: ArrayBuffer) => [...Buffer.from(bytes).toString('latin1').matchAll(/\/Subtype \/Image/g)].length

describe('logos in the compte rendu', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let client: SyncClient
  let iteration: SnapshotSummary
  let admr: string
  let apf: string
  const networkLogo = pngImage(240, 80, { alpha: true })

  const api = (path: string, init: RequestInit = {}, token = board.invites.facilitator) =>
    fetch(`${server.url}/api/boards/${board.id}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } })
  const upload = (path: string, body: Uint8Array<ArrayBuffer> | string, token?: string, type = 'image/png') =>
    api(path, { method: 'PUT', body, headers: { 'content-type': type } }, token)
  const report = async (format: string) => {
    const response = await api(`/snapshots/${iteration.id}/report?format=${format}`, {}, board.invites.participant)
    expect(response.status).toBe(200)
    return response.arrayBuffer()
  }

  beforeAll(async () => {
    server = await startServer()
    board = await createBoard(server.url, 'Coopération Loire Sud', 'fr')
    client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    const witness = connectClient(server.wsUrl, board.id, board.invites.observer)
    await Promise.all([waitSynced(client), waitSynced(witness)])
    const f = testActor('Fanny', 'facilitation', 'facilitator')
    admr = addPartner(client.doc, f, { name: 'ADMR Loire' })
    apf = addPartner(client.doc, f, { name: 'APF France handicap' })
    addPartner(client.doc, f, { name: 'Mutualité' })
    const session = startSession(client.doc, f, { kind: 'steering-committee', title: 'COPIL', date: '2026-04-09', phase: 2 })
    await waitFor(() => expect(Y.encodeStateVector(witness.doc)).toEqual(Y.encodeStateVector(client.doc)))
    witness.destroy()
    const ended = await api(`/sessions/${session}/end`, { method: 'POST' })
    expect(ended.status).toBe(201)
    iteration = (await ended.json()) as SnapshotSummary
  })
  afterAll(async () => {
    client.destroy()
    await server.stop()
  })

  it('a report without logos draws no image', async () => {
    expect(pdfImages(await report('pdf'))).toBe(0)
    const files = unzipSync(new Uint8Array(await report('docx')))
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toEqual([])
  })

  it('the facilitator uploads the network’s logo and partners’ logos; any token lists and reads them', async () => {
    const network = await upload('/logos/network', networkLogo)
    expect(network.status).toBe(200)
    expect(await network.json()).toMatchObject({ type: 'image/png', width: 240, height: 80, bytes: networkLogo.byteLength })
    expect((await upload(`/logos/partners/${admr}`, JPEG_16, undefined, 'image/jpeg')).status).toBe(200)
    // Past the API's 64 kB body limit, below the logo's 256 kB.
    const big = pngImage(300, 250, { noise: true })
    expect(big.byteLength).toBeGreaterThan(200_000)
    expect(big.byteLength).toBeLessThanOrEqual(LOGO_MAX_BYTES)
    expect((await upload(`/logos/partners/${apf}`, big)).status).toBe(200)

    const list = await api('/logos', {}, board.invites.observer)
    expect(list.status).toBe(200)
    const logos = (await list.json()) as LogosResponse
    expect(logos.network).toMatchObject({ type: 'image/png', width: 240, height: 80 })
    expect(logos.partners[admr]).toMatchObject({ type: 'image/jpeg', width: 16, height: 16 })
    expect(Object.keys(logos.partners).sort()).toEqual([admr, apf].sort())

    const image = await api('/logos/network', {}, board.invites.participant)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(networkLogo)
  })

  it('the compte rendu draws them at the head of its first page, in PDF and DOCX', async () => {
    const pdf = await report('pdf')
    // Network (RGBA: image + its soft mask), ADMR's JPEG, APF's PNG.
    expect(pdfImages(pdf)).toBe(4)
    expect(await pdfText(pdf)).toContain('Compte rendu')

    const docx = await report('docx')
    const files = unzipSync(new Uint8Array(docx))
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'))
    expect(media).toHaveLength(3)
    const headers = Object.keys(files).filter((name) => /^word\/header\d*\.xml$/.test(name)).map((name) => strFromU8(files[name]!))
    const logoHeader = headers.find((xml) => xml.includes('<pic:pic'))
    expect(logoHeader).toBeDefined()
    expect([...logoHeader!.matchAll(/r:embed="/g)]).toHaveLength(3)
    // Each with its owner's name as alternative text, and the running header under them.
    expect(logoHeader).toContain('descr="ADMR Loire"')
    expect(logoHeader).toContain('descr="Coopération Loire Sud"')
    expect(logoHeader).toContain('Coopération Loire Sud')
    // The first page has its own header; the others keep the running one.
    expect(strFromU8(files['word/document.xml']!)).toContain('<w:titlePg/>')
    expect((await docxText(docx)).text).toContain('Compte rendu')
    // Markdown has no place for images: the same report, without them.
    expect(new TextDecoder().decode(await report('md'))).toContain('Compte rendu')
  })

  it('refuses, with a JSON error: too big (413), not PNG nor JPEG (415), damaged or out of size (400), unknown partner (404)', async () => {
    const cases: [string, Uint8Array<ArrayBuffer> | string, number][] = [
      ['/logos/network', pngImage(400, 300, { noise: true }), 413],
      ['/logos/network', 'not an image at all', 415],
      ['/logos/network', new Uint8Array(Buffer.from('GIF89a\x10\x00\x10\x00', 'latin1')), 415],
      ['/logos/network', pngImage(240, 80).slice(0, 70), 400],
      ['/logos/network', pngImage(8, 8), 400],
      ['/logos/network', pngImage(2400, 20), 400],
      ['/logos/partners/no-such-partner', pngImage(64, 64), 404],
    ]
    for (const [path, body, status] of cases) {
      const response = await upload(path, body)
      expect(response.status, `${path} ${status}`).toBe(status)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string')
    }
    // A damaged image body inside a whole file: its pixels do not inflate.
    const damaged = pngImage(64, 64, { alpha: true })
    damaged[50] = damaged[50]! ^ 0xff
    expect((await upload('/logos/network', damaged)).status).toBe(400)
    // Nothing refused replaced what was there.
    expect(new Uint8Array(await (await api('/logos/network')).arrayBuffer())).toEqual(networkLogo)
  })

  it('only the facilitator uploads or removes: a participant (bound or not), an observer or the display gets 403; no token 401', async () => {
    const bound = await api('/invites', { method: 'POST', body: JSON.stringify({ role: 'participant', partnerId: admr }), headers: { 'content-type': 'application/json' } })
    const boundToken = ((await bound.json()) as { token: string }).token
    for (const token of [board.invites.participant, boundToken, board.invites.observer, board.invites.display]) {
      const put = await upload(`/logos/partners/${admr}`, pngImage(64, 64), token)
      expect(put.status).toBe(403)
      expect(((await put.json()) as { error: string }).error).toBeTruthy()
      expect((await api('/logos/network', { method: 'DELETE' }, token)).status).toBe(403)
    }
    expect((await fetch(`${server.url}/api/boards/${board.id}/logos/network`, { method: 'PUT', body: pngImage(64, 64) })).status).toBe(401)
    expect(((await (await api(`/logos/partners/${admr}`)).arrayBuffer()).byteLength)).toBe(JPEG_16.byteLength)
  })

  it('the facilitator removes a logo: gone from the list, the image and the next report', async () => {
    expect((await api(`/logos/partners/${apf}`, { method: 'DELETE' })).status).toBe(204)
    expect((await api(`/logos/partners/${apf}`, { method: 'DELETE' })).status).toBe(404)
    expect((await api(`/logos/partners/${apf}`)).status).toBe(404)
    expect(Object.keys(((await (await api('/logos')).json()) as LogosResponse).partners)).toEqual([admr])
    expect(pdfImages(await report('pdf'))).toBe(3)
  })

  it('the board archive carries the logos; importing it restores them, checked again', async () => {
    const archive = (await (await api('/archive')).json()) as BoardArchive
    expect(archive.logos?.map((logo) => logo.key).sort()).toEqual(['network', `partner/${admr}`].sort())
    const imported = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(archive) })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as CreateBoardResponse
    const read = (path: string) => fetch(`${server.url}/api/boards/${copy.id}${path}`, { headers: { authorization: `Bearer ${copy.invites.observer}` } })
    const logos = (await (await read('/logos')).json()) as LogosResponse
    expect(logos.network).toMatchObject({ type: 'image/png', width: 240, height: 80 })
    expect(Object.keys(logos.partners)).toEqual([admr])
    expect(new Uint8Array(await (await read('/logos/network')).arrayBuffer())).toEqual(networkLogo)
    // An archive is a client's file: a logo in it that is no image is refused, and no board made.
    const forged = { ...archive, logos: [{ key: 'network', updatedAt: archive.exportedAt, data: Buffer.from('<svg onload=alert(1)>').toString('base64') }] }
    const refused = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) })
    expect(refused.status).toBe(400)
  })
})
