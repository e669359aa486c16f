/**
 * The compte rendu a steering committee sends the next morning (issue 9), on a four-association
 * board, read back from each download as a person opening it would: Markdown through a CommonMark
 * reader, the DOCX's XML (document, header, footer, styles), the PDF's text page by page.
 */
import { inflateSync } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'
import { marked } from 'marked'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { setDeliberation } from '../../shared/board/deliberations.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { castVote, closeRound, startDotVote } from '../../shared/board/rounds.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { addAgendaItem, addDecision, recordPresence, setAgendaNote, setAttendance, startSession, updateSessionDetails } from '../../shared/board/sessions.ts'
import { proposeValue, setStance } from '../../shared/board/values.ts'
import { testActor } from '../helpers/actors.ts'
import { openFacilitatedBoard } from '../helpers/facilitated-board.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import type { SyncClient } from '../helpers/sync-client.ts'

const BOARD = 'Coopération Loire Sud'
const flat = (text: string) => text.replace(/[ \t\r\n]+/g, ' ')
/** The same with every kind of space as one plain space (PDF text extraction may give either). */
const plain = (text: string) => text.replace(/• /g, '').replace(/[\s\u00a0\u202f]+/g, ' ')

/** The characters a PDF's embedded fonts print (their ToUnicode maps): pdf.js reads every space as a plain one. */
function pdfCharacters(bytes: ArrayBuffer): Set<string> {
  const buffer = Buffer.from(bytes)
  const raw = buffer.toString('latin1')
  const found = new Set<string>()
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length
    let text: string
    try {
      text = inflateSync(buffer.subarray(start, raw.indexOf('endstream', start))).toString('latin1')
    } catch {
      continue
    }
    if (!text.includes('begincmap')) continue
    for (const [, hex] of text.matchAll(/<([0-9a-f]{4,})>/gi)) found.add(String.fromCodePoint(Number.parseInt(hex!, 16)))
  }
  return found
}

describe('the compte rendu of a steering committee', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let client: SyncClient
  let iteration1: SnapshotSummary
  let iteration2: SnapshotSummary
  let iteration3: SnapshotSummary
  const facilitator = testActor('Fanny', 'facilitation', 'facilitator')

  beforeAll(async () => {
    server = await startServer()
    const scenario = await openFacilitatedBoard(server, BOARD, 'fr')
    ;({ board, client } = scenario)
    const { settle, endSession: end } = scenario
    const doc = client.doc
    const admr = addPartner(doc, facilitator, { name: 'ADMR Loire' })
    const apf = addPartner(doc, facilitator, { name: 'APF France handicap' })
    const sauvegarde = addPartner(doc, facilitator, { name: 'Sauvegarde 42' })
    const mutualite = addPartner(doc, facilitator, { name: 'Mutualité' })

    iteration1 = await end(startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL de lancement', date: '2026-01-15', phase: 1 }))
    setDeliberation(doc, facilitator, iteration1.id, admr, { status: 'approved', body: 'Bureau' })
    // Before iteration 2: a charter paragraph later rewritten, a value Mutualité objects to.
    const rewritten = new Y.XmlText('Nous coopérons.')
    const rewrittenParagraph = new Y.XmlElement('paragraph')
    rewrittenParagraph.insert(0, [rewritten])
    charterOf(doc).push([rewrittenParagraph])
    const value = proposeValue(doc, facilitator, { text: 'Placer l’usager au cœur' })
    setStance(doc, facilitator, value, mutualite, 'object', 'Trop vague')
    iteration2 = await end(startSession(doc, facilitator, { kind: 'project-group', title: 'Groupe projet', date: '2026-02-12', phase: 2 }))

    const session = startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL de printemps', date: '2026-04-09', phase: 2, agenda: ['Budget commun'] })
    addAgendaItem(doc, facilitator, session, 'Fonctions support')
    setAgendaNote(doc, facilitator, session, 'Budget commun', 'Le budget est présenté par la trésorière.\nPourquoi ? Pour chiffrer la paie mutualisée !')
    updateSessionDetails(doc, facilitator, session, {
      place: 'Maison des associations, Saint-Étienne', startTime: '14:00', endTime: '17:30',
      nextDate: '2026-07-01', nextTime: '10:00', nextPlace: 'Mairie de Roanne',
      recipients: 'Conseils d’administration des quatre partenaires\nUriopss Auvergne-Rhône-Alpes',
      previousApproval: 'approved-with-changes', previousApprovalNote: 'Corriger le nom de la directrice de l’APF.',
    })
    recordPresence(doc, facilitator, session, [{ personId: 'p-anne', name: 'Anne Martin', partnerId: admr }])
    setAttendance(doc, facilitator, session, { personId: 'p-anne', name: 'Anne Martin', partnerId: admr, status: 'present', role: 'administratrice' })
    // Added by hand as present, then marked excused: one record, never listed as present.
    const paul = setAttendance(doc, facilitator, session, { name: 'Paul Durand', partnerId: apf, status: 'present', role: 'directeur' })
    setAttendance(doc, facilitator, session, { personId: paul, name: 'Paul Durand', partnerId: apf, status: 'excused' })
    setAttendance(doc, facilitator, session, { name: 'Claire Roux', partnerId: sauvegarde, present: false, role: 'salariée' })
    setAttendance(doc, facilitator, session, { name: 'Luc Bernard', partnerId: sauvegarde, status: 'present', role: 'président' })
    // The network's own staff: no partner.
    setAttendance(doc, facilitator, session, { name: 'Marc Petit', partnerId: '', status: 'present', role: 'chargé de mission' })
    addDecision(doc, facilitator, session, { kind: 'action', text: 'Chiffrer la paie mutualisée', partnerIds: [admr, apf], owner: 'Anne Martin', dueDate: '2026-05-15' })
    addDecision(doc, facilitator, session, { kind: 'decision', text: 'Lancer l’étude de faisabilité', partnerIds: [] })

    rewritten.insert('Nous coopérons'.length, ' pour les familles')
    for (const partner of [admr, sauvegarde, mutualite]) setStance(doc, facilitator, value, partner, 'agree')
    setStance(doc, facilitator, value, apf, 'reservation', 'Dire personne accompagnée')

    const c1 = addCard(doc, testActor('Anne', admr), { text: 'Mutualiser la paie', kind: 'interest' })
    const c2 = addCard(doc, testActor('Paul', apf), { text: 'Externaliser la paie', kind: 'interest' })
    const c3 = addCard(doc, testActor('Anne', admr), { text: 'Garder notre aide à domicile', kind: 'interest' })
    addCard(doc, testActor('Luc', sauvegarde), { text: 'Former nos bénévoles', kind: 'interest' })
    const support = createGroup(doc, facilitator, { name: 'Fonctions support', cardIds: [c1, c2] })
    const own = createGroup(doc, facilitator, { name: 'Service à domicile', cardIds: [c3] })
    const vote = startDotVote(doc, facilitator, { title: 'Priorités', votesPerVoter: 3, scope: 'person', target: 'groups' })
    castVote(doc, facilitator, vote, support)
    castVote(doc, facilitator, vote, support)
    castVote(doc, facilitator, vote, own)
    closeRound(doc, facilitator, vote)

    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Étapes : diagnostic → faisabilité → mise en œuvre.')])
    charterOf(doc).push([paragraph])
    iteration3 = await end(session)

    // Deliberations come after the iteration was kept.
    setDeliberation(doc, facilitator, iteration3.id, admr, { status: 'approved', body: 'Conseil d’administration', date: '2026-04-30' })
    setDeliberation(doc, facilitator, iteration3.id, apf, { status: 'approved-with-reservations', body: 'Bureau', note: 'Sous réserve du budget' })
    setDeliberation(doc, facilitator, iteration3.id, sauvegarde, { status: 'rejected', body: 'Assemblée générale' })
    // Written after iteration 3: not in its charter.
    const later = new Y.XmlElement('paragraph')
    later.insert(0, [new Y.XmlText('Un paragraphe écrit plus tard.')])
    charterOf(doc).push([later])
    await settle()
    scenario.closeWitness()
  })
  afterAll(async () => {
    client.destroy()
    await server.stop()
  })

  const download = async (path: string) => {
    const response = await fetch(`${server.url}/api/boards/${board.id}${path}`, { headers: { authorization: `Bearer ${board.invites.participant}` } })
    expect(response.status).toBe(200)
    return response.arrayBuffer()
  }
  const report = (format: string) => download(`/snapshots/${iteration3.id}/report?format=${format}`)

  /** What every format must say, in reading order where order matters (text with plain spaces). */
  const expectCompteRendu = (raw: string) => {
    const text = plain(raw)
    // Attendance by partner, each person with their role and status; partners with nobody; people of no partner.
    expect(text).toContain('Partenaires représentés : 2 sur 4')
    expect(text).toContain('ADMR Loire Anne Martin administratrice présent')
    expect(text).toContain('APF France handicap Paul Durand directeur excusé')
    expect(text).toContain('Sauvegarde 42 Claire Roux salariée absent Luc Bernard président présent')
    expect(text).toContain('Mutualité — non représenté')
    expect(text).toContain('Sans partenaire (animation, réseau) Marc Petit chargé de mission présent')
    expect(text.split('Paul Durand').length - 1).toBe(1)
    // The meeting.
    expect(text).toContain('Maison des associations, Saint-Étienne')
    expect(text).toContain('14 h – 17 h 30')
    expect(text).toContain('Uriopss Auvergne-Rhône-Alpes')
    expect(text).toContain('approuvé avec les modifications suivantes')
    expect(text).toContain('Corriger le nom de la directrice')
    expect(text).toMatch(/1\. Budget commun Le budget est présenté par la trésorière\. Pourquoi \? Pour chiffrer la paie mutualisée !/)
    expect(text).toContain('2. Fonctions support Pas de relevé pour ce point.')
    expect(text).toContain('Chiffrer la paie mutualisée ADMR Loire, APF France handicap Anne Martin 15 mai 2026')
    expect(text).toContain('Lancer l’étude de faisabilité')
    expect(text).toContain('Prochaine réunion 1er juillet 2026, 10 h — Mairie de Roanne')
    // Deliberations of this iteration (recorded after it), and those still pending on earlier ones.
    expect(text).toContain('ADMR Loire Approuvée Conseil d’administration 30 avril 2026')
    expect(text).toContain('APF France handicap Approuvée avec réserves Bureau Sous réserve du budget')
    expect(text).toContain('Sauvegarde 42 Rejetée Assemblée générale')
    expect(text).toContain('Mutualité En attente')
    expect(text).toContain(`${iteration1.label} APF France handicap, Sauvegarde 42, Mutualité`)
    // Groups specific to one partner and ungrouped cards, dot-vote results.
    expect(text).toContain('Fonctions support — Intérêt convergent')
    expect(text).toContain('Logiques propres à un partenaire')
    expect(text).toContain('Service à domicile — Logique propre ADMR Loire : Garder notre aide à domicile')
    expect(text).toContain('Cartes sans regroupement Sauvegarde 42 : Former nos bénévoles')
    expect(text).toContain('Résultats des votes')
    expect(text).toMatch(/Priorités.*Proposition Voix Fonctions support 2 Service à domicile 1/)
    // The charter: prompts are not charter text; what the partners wrote is.
    expect(text).not.toContain('Pourquoi nos associations choisissent de coopérer')
    expect(text).toContain('Étapes : diagnostic → faisabilité → mise en œuvre.')
    expect(text).not.toContain('Un paragraphe écrit plus tard')
    // What changed: the rewritten paragraph before and after, the objection lifted.
    expect(text).toContain('Passages réécrits')
    expect(text).toMatch(/Évaluation et évolution de la charte Nous coopérons\. Nous coopérons pour les familles\. Étapes/)
    expect(text).toContain('Objections levées Placer l’usager au cœur — Mutualité : D’accord')
  }

  it('as Markdown that a CommonMark reader renders: no literal ** nor escapes left', async () => {
    const markdown = new TextDecoder().decode(await report('md'))
    const html = await marked.parse(markdown)
    const text = html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    expect(text).not.toContain('**')
    expect(text).not.toMatch(/\\[*_#|()[\]-]/)
    expect(html).toMatch(/<strong>ADMR Loire\u00a0:<\/strong>/)
    expect(html).toContain('<table>')
    expectCompteRendu(text)
  })

  it('as DOCX: page numbers, running header, repeated table headers, headings kept with what follows, in French', async () => {
    const bytes = await report('docx')
    const { text, xml } = await docxText(bytes)
    expectCompteRendu(flat(text))
    const files = unzipSync(new Uint8Array(bytes))
    const part = (prefix: string) => Object.keys(files).filter((name) => name.startsWith(prefix)).map((name) => strFromU8(files[name]!)).join('')
    expect(part('word/footer')).toMatch(/PAGE/)
    expect(part('word/footer')).toMatch(/NUMPAGES/)
    expect(part('word/footer')).toContain('Page ')
    expect(part('word/header')).toContain(BOARD)
    expect(strFromU8(files['word/styles.xml']!)).toMatch(/<w:lang w:val="fr-FR"/)
    expect(xml).toContain('<w:tblHeader/>')
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/><w:keepNext\/>/)
    // French typography: no-break spaces before : and ?, !, ; (in what people typed too).
    expect(text).toContain('Partenaires représentés\u00a0: 2 sur 4')
    expect(text).toContain('Pourquoi\u202f? Pour chiffrer la paie mutualisée\u202f!')
    expect(text).toContain('Étapes\u00a0: diagnostic')
    expect(text).not.toMatch(/ [:;?!](?:\s|$)/)
  })

  it('as PDF: "→" kept, page numbers and the board’s title on every page', async () => {
    const bytes = await report('pdf')
    const text = await pdfText(bytes)
    expectCompteRendu(text)
    expect(text).toContain('→')
    expect(text).not.toMatch(/->/)
    const pages = Number(/Page 1 sur (\d+)/.exec(plain(text))?.[1])
    expect(pages).toBeGreaterThan(2)
    for (let page = 1; page <= pages; page++) expect(plain(text)).toContain(`Page ${page} sur ${pages}`)
    expect(plain(text).split(BOARD).length - 1).toBeGreaterThanOrEqual(pages)
    // The no-break spaces are printed as such (French typography), and the arrow by a font that has it.
    const printed = pdfCharacters(bytes)
    for (const char of ['\u00a0', '\u202f', '→', '’', 'œ']) expect(printed).toContain(char)
  })

  it('a table running onto a second page repeats its header row there (PDF)', async () => {
    const { renderPdf } = await import('../../server/export/render-pdf.ts')
    const rows = Array.from({ length: 90 }, (_, i) => [`Ligne ${i + 1}`, 'valeur'])
    const text = await pdfText(new Uint8Array(await renderPdf({ title: 'T', language: 'fr', blocks: [{ type: 'table', header: ['Entête A', 'Entête B'], rows }] })).buffer as ArrayBuffer)
    const pages = text.split(/-- \d+ of \d+ --/).filter((page) => page.includes('Ligne'))
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages) expect(page).toContain('Entête A Entête B')
  })

  it('the charter for signature as of an iteration: its text then, its version, a signature block per partner', async () => {
    for (const format of ['docx', 'pdf'] as const) {
      const bytes = await download(`/snapshots/${iteration3.id}/charter?format=${format}`)
      const text = plain(format === 'docx' ? (await docxText(bytes)).text : await pdfText(bytes))
      expect(text).toContain(`Version : ${plain(iteration3.label)}`)
      expect(text).toContain('Étapes : diagnostic → faisabilité → mise en œuvre.')
      expect(text).not.toContain('Un paragraphe écrit plus tard')
      expect(text).not.toContain('Pourquoi nos associations choisissent de coopérer')
      expect(text).toContain('Signatures')
      for (const partner of ['ADMR Loire', 'APF France handicap', 'Sauvegarde 42', 'Mutualité']) {
        expect(text).toMatch(new RegExp(`${partner} Nom et qualité du signataire Fait à, le Signature`))
      }
    }
    const earlier = plain((await docxText(await download(`/snapshots/${iteration2.id}/charter?format=docx`))).text)
    expect(earlier).toContain(`Version : ${plain(iteration2.label)}`)
    expect(earlier).not.toContain('Étapes')
  })
})
