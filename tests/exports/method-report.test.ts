/**
 * The method in every export (issue 9): the compte rendu of an iteration says the board's current
 * phase and the session's, the steps done in it, the field of cooperation (groups, form, why), the
 * diagnoses their partners shared, the impact grids and where the impact concentrates, the charter
 * reviews with their indicators, and what changed in the method; in French and English, in PDF,
 * DOCX and Markdown. A diagnosis not shared (or taken back since) is in none of them, whoever
 * downloads, nor in History's compare.
 */
import { marked } from 'marked'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { BoardJson } from '../../shared/board/board-json.ts'
import type { BoardDiff } from '../../shared/board/compare.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addCharterReview, checkStep, rateImpact, setCooperationField, setPhase } from '../../shared/board/method.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { startSession } from '../../shared/board/sessions.ts'
import type { Language } from '../../shared/i18n/language.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** Every kind of space as one plain space, list bullets dropped (PDF and DOCX extraction differ). */
const plain = (text: string) => text.replace(/• /g, '').replace(/[\s\u00a0\u202f]+/g, ' ')

const SECRET = 'Nos comptes sont fragiles'
const TAKEN_BACK = 'Fusion envisagée en secret'

interface Built {
  board: CreateBoardResponse
  first: SnapshotSummary
  second: SnapshotSummary
}

describe('the method in the compte rendu', () => {
  let server: TestServer
  const clients: SyncClient[] = []
  const built = {} as Record<Language, Built>

  const facilitatorCall = async (board: CreateBoardResponse, path: string, body: unknown) => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/diagnoses/${path}`, {
      method: 'PUT', headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    })
    expect(response.status, await response.text()).toBe(200)
  }
  const diagnosis = (board: CreateBoardResponse, partnerId: string, text: Record<string, string>) => facilitatorCall(board, partnerId, text)
  const share = (board: CreateBoardResponse, partnerId: string, shared: boolean) => facilitatorCall(board, `${partnerId}/shared`, { shared })

  /** A four-partner board through two iterations: phase 1 first, then phase 3 with the method filled in. */
  async function build(language: Language): Promise<Built> {
    const board = await createBoard(server.url, language === 'fr' ? 'Coopération Loire Sud' : 'Loire South cooperation', language)
    const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    const witness = connectClient(server.wsUrl, board.id, board.invites.observer)
    clients.push(client, witness)
    await Promise.all([waitSynced(client), waitSynced(witness)])
    const doc = client.doc
    const f = testActor('Fanny', 'facilitation', 'facilitator')
    const settle = () => waitFor(() => expect(Y.encodeStateVector(witness.doc)).toEqual(Y.encodeStateVector(doc)))
    const end = async (sessionId: string) => {
      await settle()
      const response = await fetch(`${server.url}/api/boards/${board.id}/sessions/${sessionId}/end`, { method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` } })
      expect(response.status).toBe(201)
      return (await response.json()) as SnapshotSummary
    }
    // Partners are listed by creation time, then by (random) id: a millisecond apart, their order is the one written here.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 2))
    const admr = addPartner(doc, f, { name: 'ADMR Loire' })
    await tick()
    const apf = addPartner(doc, f, { name: 'APF France handicap' })
    await tick()
    const sauvegarde = addPartner(doc, f, { name: 'Sauvegarde 42' })
    await tick()
    addPartner(doc, f, { name: 'Mutualité' })
    const first = await end(startSession(doc, f, { kind: 'steering-committee', title: 'COPIL 1', date: '2026-01-15', phase: 1 }))

    const c1 = addCard(doc, testActor('Anne', admr), { text: 'Mutualiser la paie', kind: 'interest' })
    const c2 = addCard(doc, testActor('Paul', apf), { text: 'Externaliser la paie', kind: 'interest' })
    const support = createGroup(doc, f, { name: 'Fonctions support', cardIds: [c1, c2] })
    checkStep(doc, f, 'diagnosis', true)
    checkStep(doc, f, 'impact-grid', true)
    checkStep(doc, f, 'inform-staff', true)
    setPhase(doc, f, 3)
    setCooperationField(doc, f, { field: 'Les fonctions support des quatre associations', fieldGroups: [support], form: 'gcsms', formWhy: 'Un employeur commun pour la paie' })
    // (Written by the facilitator on each partner's behalf, through the diagnosis API: the server keeps one until it is shared.)
    // ADMR shares its diagnosis; APF writes one and keeps it; Sauvegarde shares one, then takes it back after the iteration.
    await settle()
    await diagnosis(board, admr, { project: 'Aide à domicile rurale', strengths: 'Un réseau de bénévoles' })
    await share(board, admr, true)
    await diagnosis(board, apf, { constraints: SECRET })
    await diagnosis(board, sauvegarde, { project: TAKEN_BACK })
    await share(board, sauvegarde, true)
    rateImpact(doc, f, admr, 'finances', { level: 3, note: 'Paie commune', risks: 'Coût de la bascule' })
    rateImpact(doc, f, apf, 'finances', { level: 2, note: 'Économies d’échelle' })
    rateImpact(doc, f, apf, 'governance', { level: 1 })
    addCharterReview(doc, f, { date: '2026-06-30', conclusion: 'Charte maintenue', indicators: [{ name: 'Formations communes', target: '4', value: '3' }] })
    const second = await end(startSession(doc, f, { kind: 'project-group', title: 'Groupe projet', date: '2026-03-10', phase: 2 }))
    await share(board, sauvegarde, false)
    await settle()
    return { board, first, second }
  }

  beforeAll(async () => {
    server = await startServer()
    built.fr = await build('fr')
    built.en = await build('en')
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.stop()
  })

  const download = async (language: Language, format: string, token = built[language].board.invites.participant) => {
    const { board, second } = built[language]
    const response = await fetch(`${server.url}/api/boards/${board.id}/snapshots/${second.id}/report?format=${format}`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return response.arrayBuffer()
  }

  /** The text of a download as a reader sees it. */
  const read = async (language: Language, format: string, token?: string): Promise<string> => {
    const bytes = await download(language, format, token)
    if (format === 'pdf') return plain(await pdfText(bytes))
    if (format === 'docx') return plain((await docxText(bytes)).text)
    const html = await marked.parse(new TextDecoder().decode(bytes))
    return plain(html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'))
  }

  const expectFrench = (text: string) => {
    expect(text).toContain('La démarche')
    expect(text).toContain('Phase en cours du tableau : Phase 3 — Étude de faisabilité')
    expect(text).toContain('Phase de la séance : Phase 2 — Étude d’opportunité')
    expect(text).toContain('Étapes de la phase en cours : Phase 3 — Étude de faisabilité')
    expect(text).toContain('Grille d’impact de chaque partenaire ✓ faite')
    expect(text).toContain('Synthèse des impacts et des risques à faire')
    expect(text).toContain('Informer les salariés et leurs représentants ✓ faite')
    expect(text).toContain('Phase 2 — Étude d’opportunité 1/4')
    expect(text).toContain('Champ de la coopération Les fonctions support des quatre associations')
    expect(text).toContain('Regroupements retenus : Fonctions support (Intérêt convergent)')
    expect(text).toContain('Forme choisie : GCSMS (groupement de coopération sociale et médico-sociale)')
    expect(text).toContain('Pourquoi cette forme : Un employeur commun pour la paie')
    expect(text).toMatch(/Diagnostics stratégiques partagés ADMR Loire Son projet Aide à domicile rurale Ses atouts Un réseau de bénévoles Ses contraintes — Ses attentes —/)
    expect(text).toContain('Pas encore partagé par : APF France handicap, Sauvegarde 42, Mutualité')
    expect(text).toMatch(/Grille de ADMR Loire Domaine Impact Comment Risques Vie associative Aucun .*Finances Fort Paie commune Coût de la bascule/)
    expect(text).toContain('Pas encore renseignée par : Sauvegarde 42, Mutualité')
    expect(text).toContain('Où l’impact se concentre Domaine Total Fort pour Risques notés Finances 5 ADMR Loire 1 Gouvernance 1 0')
    expect(text).toContain('Revues de la charte 30 juin 2026 — Charte maintenue Indicateur Cible Valeur constatée Formations communes 4 3')
    // What changed in the method since the first iteration.
    expect(text).toContain('Phase en cours : Phase 1 — Information et lancement → Phase 3 — Étude de faisabilité')
    expect(text).toContain('Étape faite : Informer les salariés et leurs représentants')
    expect(text).toContain('Forme de la coopération : Pas encore choisie → GCSMS')
    expect(text).toContain('ADMR Loire a partagé son diagnostic stratégique.')
    expect(text).toContain('Impact pour ADMR Loire, Finances : Aucun → Fort')
    expect(text).toContain('Revue de la charte du 30 juin 2026')
  }

  for (const format of ['pdf', 'docx', 'md']) {
    it(`in French, as ${format}: phases, steps, field, shared diagnoses only, impacts, reviews, changes`, async () => {
      const text = await read('fr', format)
      expectFrench(text)
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(TAKEN_BACK)
    })

    it(`in English, as ${format}`, async () => {
      const text = await read('en', format)
      expect(text).toContain('The method')
      expect(text).toContain('Current phase of the board: Phase 3 — Feasibility study')
      expect(text).toContain('Phase of the session: Phase 2 — Opportunity study')
      expect(text).toContain('Chosen form: GCSMS')
      expect(text).toContain('Strategic diagnoses shared ADMR Loire')
      expect(text).toContain('Not shared yet by: APF France handicap, Sauvegarde 42, Mutualité')
      expect(text).toContain('Where the impact concentrates Area Total Strong for Risks noted Finances 5 ADMR Loire 1')
      expect(text).toContain('Reviews of the charter 30 June 2026 — Charte maintenue')
      expect(text).toContain('Current phase: Phase 1 — Information and launch → Phase 3 — Feasibility study')
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(TAKEN_BACK)
    })
  }

  it('the facilitator downloads the same: an unshared diagnosis is absent whoever asks', async () => {
    const text = await read('fr', 'md', built.fr.board.invites.facilitator)
    expect(text).toContain('Aide à domicile rurale')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(TAKEN_BACK)
  })

  it('the board JSON of an iteration carries the method', async () => {
    const { board, second } = built.fr
    const response = await fetch(`${server.url}/api/boards/${board.id}/snapshots/${second.id}`, { headers: { authorization: `Bearer ${board.invites.facilitator}` } })
    const { board: json } = (await response.json()) as { board: BoardJson }
    expect(json.method).toMatchObject({ phase: 3, form: 'gcsms', formWhy: 'Un employeur commun pour la paie' })
    expect(json.method!.steps['inform-staff']?.done).toBe(true)
    expect(json.method!.fieldGroups).toHaveLength(1)
    expect(json.method!.impacts).toHaveLength(4)
    expect(json.method!.reviews[0]!.indicators).toEqual([{ name: 'Formations communes', target: '4', value: '3' }])
  })

  it('History’s compare carries the method’s changes, never a diagnosis’s words', async () => {
    const { board, first, second } = built.fr
    const response = await fetch(`${server.url}/api/boards/${board.id}/compare?from=${first.id}&to=${second.id}`, { headers: { authorization: `Bearer ${board.invites.participant}` } })
    expect(response.status).toBe(200)
    const body = await response.text()
    const diff = JSON.parse(body) as BoardDiff
    expect(diff.method.phase).toEqual({ before: 1, after: 3 })
    expect(diff.method.form).toEqual({ before: '', after: 'gcsms' })
    expect(diff.method.steps).toContainEqual({ id: 'inform-staff', done: true })
    expect(diff.method.reviewsAdded.map((r) => r.conclusion)).toEqual(['Charte maintenue'])
    expect(diff.unchanged).toBe(false)
    expect(body).not.toContain(SECRET)
    expect(body).not.toContain('Aide à domicile rurale')
  })
})
