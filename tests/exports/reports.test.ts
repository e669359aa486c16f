import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { addAgendaItem, addDecision, recordPresence, startSession } from '../../shared/board/sessions.ts'
import { setDeliberation } from '../../shared/board/deliberations.ts'
import { proposeValue, setStance } from '../../shared/board/values.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { testActor } from '../helpers/actors.ts'
import { openFacilitatedBoard } from '../helpers/facilitated-board.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import type { SyncClient } from '../helpers/sync-client.ts'

const HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'

describe('session reports and charter exports', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let client: SyncClient
  let iteration2: SnapshotSummary
  const facilitator = testActor('Fanny', 'facilitation', 'facilitator')

  beforeAll(async () => {
    server = await startServer()
    const scenario = await openFacilitatedBoard(server, 'Coopération Enfance Loire', 'fr')
    ;({ board, client } = scenario)
    const { settle, endSession: end } = scenario
    const doc = client.doc
    const a = addPartner(doc, facilitator, { name: 'ADMR Loire' })
    const b = addPartner(doc, facilitator, { name: 'APF France handicap' })
    const value = proposeValue(doc, facilitator, { text: 'Placer l’usager au cœur' })
    setStance(doc, facilitator, value, a, 'agree')
    setStance(doc, facilitator, value, b, 'reservation', 'Dire « personne accompagnée »')
    const first = startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL 1', date: '2026-03-12', phase: 2 })
    const iteration1 = await end(first)

    const second = startSession(doc, facilitator, { kind: 'project-group', title: 'GP mutualisation', date: '2026-04-09', phase: 3, agenda: ['Tour de table'] })
    addAgendaItem(doc, facilitator, second, 'Fonctions support')
    recordPresence(doc, facilitator, second, [{ personId: 'p-anne', name: 'Anne Martin', partnerId: a }, { personId: 'p-fanny', name: 'Fanny', partnerId: 'facilitation' }])
    addDecision(doc, facilitator, second, { kind: 'action', text: 'Chiffrer la paie mutualisée', partnerIds: [a, b], owner: 'Anne Martin', dueDate: '2026-05-15' })
    const c1 = addCard(doc, testActor('Anne', a), { text: 'Mutualiser la paie', kind: 'interest' })
    const c2 = addCard(doc, testActor('Paul', b), { text: 'Externaliser la paie', kind: 'interest' })
    createGroup(doc, facilitator, { name: 'Fonctions support', cardIds: [c1, c2] })
    proposeValue(doc, facilitator, { text: `Transparence ${HOSTILE}` })
    setDeliberation(doc, facilitator, iteration1.id, a, { status: 'approved-with-reservations', body: 'Conseil d’administration', date: '2026-03-30', note: 'Sous réserve du budget' })
    // A hostile charter paragraph: markup as text, and a javascript: link mark.
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    text.insert(0, `Cliquez ${HOSTILE}`)
    text.insert(text.length, 'ici', { link: { href: 'javascript:alert(document.cookie)' } })
    text.insert(text.length, ' ou là', { link: { href: 'https://uriopss.example/charte' } })
    paragraph.insert(0, [text])
    charterOf(doc).push([paragraph])
    iteration2 = await end(second)
    scenario.closeWitness()
  })
  afterAll(async () => {
    client.destroy()
    await server.stop()
  })

  const download = async (path: string) => {
    const response = await fetch(`${server.url}/api/boards/${board.id}${path}`, { headers: { authorization: `Bearer ${board.invites.participant}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"/)
    return response
  }

  const expectReportText = (text: string) => {
    const flat = text.replace(/\s+/g, ' ')
    for (const expected of [
      'Itération 2 — Groupe projet, 9 avril 2026', 'Groupe projet', 'Phase 3 — Étude de faisabilité',
      'ADMR Loire', 'APF France handicap', 'Anne Martin', 'Fonctions support', 'Chiffrer la paie mutualisée',
      'Placer l’usager au cœur', 'D’accord avec une réserve', 'Dire « personne accompagnée »',
      'Intérêt convergent', 'Mutualiser la paie', 'Approuvée avec réserves', 'Conseil d’administration',
      'Valeurs ajoutées', 'Partenaires concernés', 'Préambule',
    ]) expect(flat).toContain(expected)
  }

  it('as Markdown, with everything users typed escaped', async () => {
    const response = await download(`/snapshots/${iteration2.id}/report?format=md`)
    expect(response.headers.get('content-type')).toContain('text/markdown')
    const markdown = await response.text()
    expectReportText(markdown.replace(/\\(.)/g, '$1'))
    expect(markdown).not.toMatch(/<script|<img|javascript:/i)
    expect(markdown).toContain('&lt;script&gt;')
    expect(markdown).toContain('(<https://uriopss.example/charte>)')
  })

  it('as DOCX, that a word processor opens', async () => {
    const response = await download(`/snapshots/${iteration2.id}/report?format=docx`)
    const { text, relationships } = await docxText(await response.arrayBuffer())
    expectReportText(text)
    expect(text).toContain(HOSTILE) // shown as text…
    expect(relationships).not.toContain('javascript:') // …and no hostile link
    expect(relationships).toContain('https://uriopss.example/charte')
  })

  it('as PDF', async () => {
    const response = await download(`/snapshots/${iteration2.id}/report?format=pdf`)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const bytes = await response.arrayBuffer()
    expectReportText(await pdfText(bytes))
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('javascript:')
  })

  it('the charter alone, for signature, in DOCX and PDF', async () => {
    const docx = await docxText(await (await download('/charter?format=docx')).arrayBuffer())
    expect(docx.text).toContain('Charte de partenariat — Coopération Enfance Loire')
    expect(docx.text).toContain('Nos valeurs partagées')
    const pdf = await pdfText(await (await download('/charter?format=pdf')).arrayBuffer())
    expect(pdf).toContain('Nos principes')
  })

  it('refuses an unknown format and an unknown snapshot', async () => {
    const headers = { authorization: `Bearer ${board.invites.participant}` }
    expect((await fetch(`${server.url}/api/boards/${board.id}/charter?format=exe`, { headers })).status).toBe(400)
    expect((await fetch(`${server.url}/api/boards/${board.id}/snapshots/nope/report?format=pdf`, { headers })).status).toBe(404)
  })
})
