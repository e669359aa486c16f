import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board-json.ts'
import { addCard, createGroup, listGroups } from './interests.ts'
import {
  addCharterReview, checkStep, fieldCandidates, impactSummary, phaseProgress, rateImpact, readMethod, repairMethod, setCooperationField,
  setDiagnosisField, setPhase, shareDiagnosis, STEP_IDS, visibleDiagnoses, PHASE_STEPS,
  diagnosisTextOf, EMPTY_DIAGNOSIS_TEXT, isDiagnosisShared, publishDiagnosis, stripUnsharedDiagnoses, unsharedDiagnosisTexts, withdrawDiagnosis,
} from './method.ts'
import { addPartner } from './partners.ts'
import { PHASES } from './schema.ts'
import { actor, boardDoc, peerOf } from './test-support.ts'

const fanny = actor('Fanny', 'facilitation', 'facilitator')

function setup() {
  const doc = boardDoc('fr')
  const a = addPartner(doc, fanny, { name: 'ADMR Loire' })
  const b = addPartner(doc, fanny, { name: 'APF France handicap' })
  return { doc, a, b, alice: actor('Alice', a), bruno: actor('Bruno', b), read: () => readMethod(doc, [a, b]) }
}

describe('the method as a guide that never locks', () => {
  it('every phase has steps, step ids are unique, and a new board is in phase 1 with nothing ticked', () => {
    for (const phase of PHASES) expect(PHASE_STEPS[phase].length).toBeGreaterThan(0)
    expect(new Set(STEP_IDS).size).toBe(STEP_IDS.length)
    const { read } = setup()
    expect(read()).toMatchObject({ phase: 1, form: '', field: '', steps: {} })
    expect(phaseProgress(read(), 1)).toEqual({ done: 0, total: PHASE_STEPS[1].length })
  })

  it('any phase can be set, then revisited; steps of any phase can be ticked in any order and unticked', () => {
    const { doc, alice, read } = setup()
    setPhase(doc, fanny, 4)
    checkStep(doc, alice, 'charter-review', true) // a phase-5 step, while in phase 4
    setPhase(doc, fanny, 2)
    expect(read().phase).toBe(2)
    expect(phaseProgress(read(), 5).done).toBe(1)
    checkStep(doc, alice, 'charter-review', false)
    expect(phaseProgress(read(), 5).done).toBe(0)
    expect(() => setPhase(doc, alice, 3)).toThrow()
  })

  it("a partner's diagnosis is written by its bound people or the facilitator, seen by others once shared", () => {
    const { doc, a, b, alice, bruno, read } = setup()
    setDiagnosisField(doc, alice, a, 'strengths', 'Aide à domicile en zone rurale')
    expect(() => setDiagnosisField(doc, bruno, a, 'project', 'not mine')).toThrow()
    expect(() => setDiagnosisField(doc, actor('Paul', a, 'participant', false), a, 'project', 'generic link')).toThrow()
    setDiagnosisField(doc, fanny, b, 'constraints', 'Budget contraint')
    expect(visibleDiagnoses(read(), bruno).map((d) => d.partnerId)).toEqual([b])
    expect(visibleDiagnoses(read(), null)).toEqual([])
    shareDiagnosis(doc, alice, a, true)
    expect(visibleDiagnoses(read(), bruno).map((d) => d.partnerId)).toEqual([a, b])
    expect(visibleDiagnoses(read(), null)).toEqual([expect.objectContaining({ partnerId: a, strengths: 'Aide à domicile en zone rurale', shared: true })])
  })

  it('sharing puts the text in the document and taking it back removes it; what a state encodes after holds none of it', () => {
    const { doc, a, b, read } = setup()
    setDiagnosisField(doc, fanny, b, 'project', 'LEFT-BY-AN-OLD-VERSION')
    expect([...unsharedDiagnosisTexts(doc)]).toEqual([[b, { ...EMPTY_DIAGNOSIS_TEXT, project: 'LEFT-BY-AN-OLD-VERSION' }]])
    publishDiagnosis(doc, a, { project: 'PUBLISHED projet', strengths: 'Bénévoles', constraints: '', expectations: '' })
    expect(isDiagnosisShared(doc, a)).toBe(true)
    expect(read().diagnoses[0]).toMatchObject({ project: 'PUBLISHED projet', shared: true })
    expect(unsharedDiagnosisTexts(doc).has(a)).toBe(false)
    stripUnsharedDiagnoses(doc)
    expect(diagnosisTextOf(doc, b)).toEqual(EMPTY_DIAGNOSIS_TEXT)
    expect(diagnosisTextOf(doc, a).project).toBe('PUBLISHED projet')
    withdrawDiagnosis(doc, a)
    expect(read().diagnoses[0]).toMatchObject({ project: '', strengths: '', shared: false })
    // Live documents keep garbage collection on: removed text is not in their encoded state.
    const encoded = Buffer.from(Y.encodeStateAsUpdate(doc))
    expect(encoded.includes('PUBLISHED')).toBe(false)
    expect(encoded.includes('LEFT-BY-AN-OLD-VERSION')).toBe(false)
  })

  it('two partners editing their grids at once both keep their ratings; the summary says where the impact concentrates', () => {
    const { doc, a, b, alice, bruno, read } = setup()
    const peer = peerOf(doc)
    rateImpact(doc, alice, a, 'governance', { level: 3, note: 'Conseil commun', risks: 'Perte d’autonomie' })
    rateImpact(peer, bruno, b, 'governance', { level: 2 })
    rateImpact(peer, bruno, b, 'finances', { level: 1, note: 'Achats groupés' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
    const grids = read().impacts
    expect(grids[0]!.ratings.governance).toEqual({ level: 3, note: 'Conseil commun', risks: 'Perte d’autonomie' })
    expect(grids[1]!.ratings.finances.note).toBe('Achats groupés')
    expect(impactSummary(grids)).toEqual([
      { area: 'governance', total: 5, strong: [a], risks: 1 },
      { area: 'finances', total: 1, strong: [], risks: 0 },
    ])
    expect(() => rateImpact(doc, bruno, a, 'finances', { level: 1 })).toThrow()
  })

  it('the field of cooperation is drawn from convergent and complementary groups, with its form and why', () => {
    const { doc, a, b, alice, bruno, read } = setup()
    const g = createGroup(doc, alice, { name: 'Formation commune', x: 100, y: 100 })
    addCard(doc, alice, { text: 'Former les aides', kind: 'interest', groupId: g })
    addCard(doc, bruno, { text: 'Former nos équipes', kind: 'interest', groupId: g })
    const own = createGroup(doc, alice, { name: 'Logique propre', x: 300, y: 100 })
    addCard(doc, alice, { text: 'Seulement nous', kind: 'interest', groupId: own })
    expect(fieldCandidates(listGroups(doc)).map((x) => x.id)).toEqual([g])
    setCooperationField(doc, alice, { field: 'Formation des professionnels', fieldGroups: [g], form: 'agreement', formWhy: 'Souple, sans nouvelle structure' })
    expect(read()).toMatchObject({ field: 'Formation des professionnels', fieldGroups: [g], form: 'agreement' })
    expect(() => setCooperationField(doc, alice, { form: 'empire' as never })).toThrow()
    void a; void b
  })

  it('the method travels in the board JSON (snapshots, reports) and survives repair of junk', () => {
    const { doc, a, alice } = setup()
    setPhase(doc, fanny, 3)
    checkStep(doc, alice, 'impact-grid', true)
    addCharterReview(doc, fanny, { date: '2027-01-15', conclusion: 'Charte maintenue', indicators: [{ name: 'Formations', target: '4', value: '3' }, { name: '', target: '', value: '' }] })
    rateImpact(doc, alice, a, 'finances', { level: 2 })
    const board = readBoard(doc)
    expect(board.method).toMatchObject({ phase: 3, steps: { 'impact-grid': { done: true } } })
    expect(board.method!.reviews[0]!.indicators).toEqual([{ name: 'Formations', target: '4', value: '3' }])
    expect(repairMethod(JSON.parse(JSON.stringify(board.method)))).toEqual(board.method)
    const junk = repairMethod({ phase: 9, form: 'x', steps: 'no', diagnoses: [3], impacts: [{ partnerId: a, ratings: { finances: { level: 7 } } }] })
    expect(junk).toMatchObject({ phase: 1, form: '', steps: {} })
    expect(junk.impacts[0]!.ratings.finances).toEqual({ level: 0, note: '', risks: '' })
  })
})
