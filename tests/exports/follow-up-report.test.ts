/**
 * Phases 4 and 5 in the compte rendu, read back from the PDF and the DOCX: the resolution each
 * partner's board adopted, a session that calls for deliberation (statuses on its iteration, pending
 * ones on earlier iterations) and one that does not (says so, nags with nothing pending), and actions
 * carried over from session to session with their origin, owner, due date and status.
 *
 * Three sessions: a steering committee decides three actions; a project group (which calls for no
 * deliberation) follows them up, one marked done, one dropped; a second steering committee sees only
 * the one still in progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import { setActionStatus } from '../../shared/board/actions.ts'
import { setDeliberation } from '../../shared/board/deliberations.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { addDecision, startSession } from '../../shared/board/sessions.ts'
import { formatDay } from '../../shared/i18n/board-terms.ts'
import { testActor } from '../helpers/actors.ts'
import { openFacilitatedBoard } from '../helpers/facilitated-board.ts'
import { docxText, pdfText } from '../helpers/documents.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import type { SyncClient } from '../helpers/sync-client.ts'

/** Every kind of space as one plain space (PDF text extraction may give either), list bullets left out. */
const plain = (text: string) => text.replace(/• /g, '').replace(/[\s\u00a0\u202f]+/g, ' ')

describe('the compte rendu follows up deliberations and actions from session to session', () => {
  let server: TestServer
  let board: CreateBoardResponse
  let client: SyncClient
  const iterations: SnapshotSummary[] = []
  const fanny = testActor('Fanny', 'facilitation', 'facilitator')
  const anne = testActor('Anne Martin', 'admr')
  /** The day status changes are recorded (today), as the report writes it. */
  const today = formatDay(new Date().toISOString().slice(0, 10), 'fr')

  beforeAll(async () => {
    server = await startServer()
    const scenario = await openFacilitatedBoard(server, 'Coopération Loire Sud', 'fr')
    ;({ board, client } = scenario)
    const { settle } = scenario
    const end = async (sessionId: string) => { iterations.push(await scenario.endSession(sessionId)) }
    const doc = client.doc
    const admr = addPartner(doc, fanny, { name: 'ADMR Loire' })
    const apf = addPartner(doc, fanny, { name: 'APF France handicap' })
    addPartner(doc, fanny, { name: 'Sauvegarde 42' })

    const copil1 = startSession(doc, fanny, { kind: 'steering-committee', title: 'COPIL 1', date: '2026-01-15', phase: 4 })
    const minibus = addDecision(doc, fanny, copil1, { kind: 'action', text: 'Chiffrer le minibus', owner: 'Anne Martin', dueDate: '2026-03-01' })
    const paie = addDecision(doc, fanny, copil1, { kind: 'action', text: 'Comparer les logiciels de paie', owner: 'Paul Durand' })
    const convention = addDecision(doc, fanny, copil1, { kind: 'action', text: 'Rédiger la convention', owner: 'Luc Bernard', dueDate: '2026-06-30' })
    setActionStatus(doc, fanny, convention, 'in-progress')
    await end(copil1)
    setDeliberation(doc, fanny, iterations[0]!.id, admr, {
      status: 'approved', body: 'Conseil d’administration', date: '2026-02-02',
      resolution: 'Le conseil d’administration approuve la charte de partenariat.\nIl mandate sa présidente pour la signer.',
    })
    setDeliberation(doc, fanny, iterations[0]!.id, apf, { status: 'approved-with-reservations', body: 'Bureau', resolution: 'Résolution n° 4 : sous réserve du budget commun.' })

    // A project group follows the actions up: one done (said by Anne), one dropped.
    const gp = startSession(doc, fanny, { kind: 'project-group', title: 'Groupe projet paie', date: '2026-02-12', phase: 5 })
    setActionStatus(doc, anne, minibus, 'done')
    setActionStatus(doc, fanny, paie, 'dropped')
    await end(gp)

    const copil2 = startSession(doc, fanny, { kind: 'steering-committee', title: 'COPIL 2', date: '2026-04-09', phase: 5 })
    addDecision(doc, fanny, copil2, { kind: 'action', text: 'Présenter la convention aux salariés', owner: 'Luc Bernard' })
    await end(copil2)
    await settle()
    scenario.closeWitness()
  })
  afterAll(async () => {
    client.destroy()
    await server.stop()
  })

  const report = async (iteration: SnapshotSummary, format: 'pdf' | 'docx'): Promise<string> => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/snapshots/${iteration.id}/report?format=${format}`, {
      headers: { authorization: `Bearer ${board.invites.participant}` },
    })
    expect(response.status).toBe(200)
    const bytes = await response.arrayBuffer()
    return plain(format === 'pdf' ? await pdfText(bytes) : (await docxText(bytes)).text)
  }
  const label = (i: number) => plain(iterations[i]!.label)

  describe.each(['pdf', 'docx'] as const)('as %s', (format) => {
    it('a steering committee: each partner’s status on its iteration, the resolutions adopted, its actions with their status then', async () => {
      const text = await report(iterations[0]!, format)
      expect(text).toContain(`Sur cette itération : ${label(0)}`)
      expect(text).toContain('ADMR Loire Approuvée Conseil d’administration 2 février 2026')
      expect(text).toContain('APF France handicap Approuvée avec réserves Bureau')
      expect(text).toContain('Sauvegarde 42 En attente')
      expect(text).toContain('Résolutions adoptées ADMR Loire — Conseil d’administration, 2 février 2026 ' +
        'Le conseil d’administration approuve la charte de partenariat. Il mandate sa présidente pour la signer.')
      expect(text).toContain('APF France handicap — Bureau Résolution n° 4 : sous réserve du budget commun.')
      // Its own actions as it reports them: what they were when the next session began.
      expect(text).toContain('Décisions et actions Texte Partenaires concernés Responsable Échéance Statut')
      expect(text).toContain('Chiffrer le minibus Anne Martin 1er mars 2026 À faire')
      expect(text).toContain('Comparer les logiciels de paie Paul Durand À faire')
      expect(text).toContain(`Rédiger la convention Luc Bernard 30 juin 2026 En cours (Fanny, ${today})`)
      expect(text).toContain('Suivi des actions des séances précédentes Aucune.')
    })

    it('a project group: says it calls for no deliberation, lists nothing pending; follows up the actions of the committee', async () => {
      const text = await report(iterations[1]!, format)
      expect(text).toContain('Cette séance n’appelle pas de délibération des instances des partenaires.')
      expect(text).not.toContain('En attente')
      expect(text).not.toContain('pas encore délibéré')
      // What partners recorded on the committee's iteration before it is still told, with nobody listed as pending.
      expect(text).toContain(`${label(0)} Partenaire Statut Instance qui a décidé Date Note ADMR Loire Approuvée`)
      expect(text).not.toContain('Sauvegarde 42 En attente')
      expect(text).toContain('Suivi des actions des séances précédentes Action Décidée en séance Responsable Échéance Statut')
      expect(text).toContain(`Chiffrer le minibus COPIL 1, 15 janvier 2026 Anne Martin 1er mars 2026 Faite (Anne Martin, ${today})`)
      expect(text).toContain(`Comparer les logiciels de paie COPIL 1, 15 janvier 2026 Paul Durand Abandonnée (Fanny, ${today})`)
      expect(text).toContain(`Rédiger la convention COPIL 1, 15 janvier 2026 Luc Bernard 30 juin 2026 En cours (Fanny, ${today})`)
      // What changed since the committee's iteration: the actions that moved on.
      expect(text).toContain('Avancement des actions Chiffrer le minibus (COPIL 1) : À faire → Faite Comparer les logiciels de paie (COPIL 1) : À faire → Abandonnée')
    })

    it('the next committee: only the action still open is carried over; pending deliberations of earlier committees, not of the project group', async () => {
      const text = await report(iterations[2]!, format)
      expect(text).toContain(`Rédiger la convention COPIL 1, 15 janvier 2026 Luc Bernard 30 juin 2026 En cours (Fanny, ${today})`)
      expect(text).not.toContain('Chiffrer le minibus')
      expect(text).not.toContain('Comparer les logiciels de paie')
      expect(text).toContain('Présenter la convention aux salariés Luc Bernard À faire')
      expect(text).toContain('ADMR Loire En attente')
      expect(text).toContain(`En attente sur les itérations précédentes Itération Partenaires qui n’ont pas encore délibéré ${label(0)} Sauvegarde 42`)
      expect(text).not.toContain(`${label(1)} ADMR Loire`)
    })
  })
})
