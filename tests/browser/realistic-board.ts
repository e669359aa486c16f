/**
 * A board with realistic content, written from Node by a stock sync client with the facilitator's
 * link, as the UI would write it: three partners, values in every status with stances, cards in
 * two groups, a closed dot vote on values and an open one on groups, an ended session (iteration 1) with a deliberation, a session under
 * way, and changes since the iteration (so compare has something to show). For browser tests that
 * need every view filled in (accessibility, room display, phone).
 */
import * as Y from 'yjs'
import { expect } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import type { SnapshotSummary } from '../../shared/api/snapshots.ts'
import type { Language } from '../../shared/i18n/language.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { addAgendaItem, addDecision, listSessions, recordPresence, startSession } from '../../shared/board/sessions.ts'
import { setDeliberation } from '../../shared/board/deliberations.ts'
import { castVote, closeRound, startDotVote } from '../../shared/board/rounds.ts'
import { proposeValue, setStance } from '../../shared/board/values.ts'
import { testActor } from '../helpers/actors.ts'
import { createBoard } from '../helpers/api.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'
import { waitFor } from '../helpers/wait-for.ts'

export interface RealisticBoard {
  board: CreateBoardResponse
  partnerIds: string[]
  iteration: SnapshotSummary
}

const WORDS = {
  fr: {
    title: 'Coopération Enfance Loire',
    partners: ['ADMR Loire', 'APF France handicap', 'Uriopss Pays de la Loire'],
    values: ['Placer la personne accompagnée au cœur', 'Agir ensemble sur le territoire', 'Partager nos fonctions support', 'Rester indépendants'],
    reservation: 'Dire « personne accompagnée » partout',
    objection: 'Nos conseils d’administration n’en ont pas encore parlé',
    cards: ['Mutualiser la paie', 'Un service de remplacement commun', 'Notre expertise du handicap', 'Des locaux à Saint-Nazaire', 'Former ensemble les bénévoles', 'Garder notre projet associatif'],
    groups: ['Fonctions support', 'Formation'],
    session1: 'COPIL de lancement', session2: 'Groupe projet mutualisation',
    agenda: ['Tour de table', 'Valeurs partagées', 'Carte des intérêts'],
    decision: 'Chiffrer la paie mutualisée', owner: 'Anne Martin',
    body: 'Conseil d’administration', note: 'Sous réserve du budget 2027',
    vote: 'Priorités',
  },
  en: {
    title: 'Childhood cooperation Loire',
    partners: ['ADMR Loire', 'APF France handicap', 'Uriopss Pays de la Loire'],
    values: ['Put the people we support first', 'Act together on the territory', 'Share our support functions', 'Stay independent'],
    reservation: 'Say “people we support” everywhere',
    objection: 'Our boards have not discussed it yet',
    cards: ['Pool the payroll', 'A shared replacement service', 'Our disability expertise', 'Premises in Saint-Nazaire', 'Train volunteers together', 'Keep our own association project'],
    groups: ['Support functions', 'Training'],
    session1: 'Launch steering committee', session2: 'Pooling project group',
    agenda: ['Round of introductions', 'Shared values', 'Interests map'],
    decision: 'Cost the pooled payroll', owner: 'Anne Martin',
    body: 'Board of directors', note: 'Subject to the 2027 budget',
    vote: 'Priorities',
  },
}

export async function seedRealisticBoard(server: { url: string; wsUrl: string }, language: Language): Promise<RealisticBoard> {
  const w = WORDS[language]
  const board = await createBoard(server.url, w.title, language)
  const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
  const witness = connectClient(server.wsUrl, board.id, board.invites.observer)
  try {
    await Promise.all([waitSynced(client), waitSynced(witness)])
    const settle = () => waitFor(() => expect(Y.encodeStateVector(witness.doc)).toEqual(Y.encodeStateVector(client.doc)))
    const doc = client.doc
    const facilitator = testActor('Fanny', 'facilitation', 'facilitator')

    const partnerIds = w.partners.map((name) => addPartner(doc, facilitator, { name }))
    const [a, b, c] = partnerIds as [string, string, string]
    const [adopted, contested, open, undecided] = w.values.map((text) => proposeValue(doc, facilitator, { text })) as [string, string, string, string]
    for (const partner of partnerIds) setStance(doc, facilitator, adopted, partner, 'agree')
    setStance(doc, facilitator, adopted, b, 'reservation', w.reservation)
    setStance(doc, facilitator, contested, a, 'agree')
    setStance(doc, facilitator, contested, c, 'object', w.objection)
    setStance(doc, facilitator, open, a, 'agree')
    void undecided

    const cards = w.cards.map((text, i) => addCard(doc, testActor('Anne', partnerIds[i % 3]!), { text, kind: i % 2 === 0 ? 'interest' : 'brings' }))
    createGroup(doc, facilitator, { name: w.groups[0]!, cardIds: [cards[0]!, cards[1]!] })
    const training = createGroup(doc, facilitator, { name: w.groups[1]!, cardIds: [cards[4]!] })
    const vote = startDotVote(doc, facilitator, { title: w.vote, votesPerVoter: 3, scope: 'person', target: 'values' })
    castVote(doc, facilitator, vote, adopted)
    castVote(doc, facilitator, vote, open)
    closeRound(doc, facilitator, vote)
    // A dot vote on the groups, still open: its banner shows on the interests section.
    const groupVote = startDotVote(doc, facilitator, { votesPerVoter: 3, scope: 'person', target: 'groups' })
    castVote(doc, facilitator, groupVote, training)

    const first = startSession(doc, facilitator, { kind: 'steering-committee', title: w.session1, date: '2026-12-01', phase: 2, agenda: w.agenda })
    recordPresence(doc, facilitator, first, [
      { personId: 'p-anne', name: 'Anne Martin', partnerId: a },
      { personId: 'p-paul', name: 'Paul Durand', partnerId: b },
      { personId: 'p-fanny', name: 'Fanny', partnerId: 'facilitation' },
    ])
    addDecision(doc, facilitator, first, { kind: 'action', text: w.decision, partnerIds: [a, b], owner: w.owner, dueDate: '2027-01-15' })
    await settle()
    const ended = await fetch(`${server.url}/api/boards/${board.id}/sessions/${first}/end`, { method: 'POST', headers: { authorization: `Bearer ${board.invites.facilitator}` } })
    expect(ended.status).toBe(201)
    const iteration = (await ended.json()) as SnapshotSummary
    await waitFor(() => expect(listSessions(doc).find((session) => session.id === first)?.endedAt).toBeTruthy())

    // After the iteration: a deliberation, a new session under way, changes to compare.
    setDeliberation(doc, facilitator, iteration.id, a, { status: 'approved-with-reservations', body: w.body, date: '2026-12-10', note: w.note })
    const second = startSession(doc, facilitator, { kind: 'project-group', title: w.session2, date: '2026-12-15', phase: 3, agenda: [w.agenda[2]!] })
    addAgendaItem(doc, facilitator, second, w.groups[0]!)
    setStance(doc, facilitator, open, b, 'agree')
    proposeValue(doc, facilitator, { text: `${w.values[0]} (2)` })
    addCard(doc, testActor('Paul', b), { text: `${w.cards[3]} (2)`, kind: 'brings' })
    await settle()
    const named = await fetch(`${server.url}/api/boards/${board.id}/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: language === 'fr' ? 'Avant la pause' : 'Before the break' }),
    })
    expect(named.status).toBe(201)
    return { board, partnerIds, iteration }
  } finally {
    client.destroy()
    witness.destroy()
  }
}
