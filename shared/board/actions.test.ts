import { afterEach, describe, expect, it, vi } from 'vitest'
import { carriedOverActions, listActionLog, sessionActions, setActionStatus } from './actions.ts'
import { readBoard } from './board-json.ts'
import { compareBoards } from './compare.ts'
import { repairBoardJson } from './board-json-repair.ts'
import { BOARD_SHAPE, childShape } from './board-shape.ts'
import { iterationCallsForDeliberation, setDeliberation } from './deliberations.ts'
import { addPartner } from './partners.ts'
import { BoardKey, sessionsOf } from './schema.ts'
import { addDecision, listSessions, markSessionEnded, startSession, updateSession } from './sessions.ts'
import { actor, boardDoc } from './test-support.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')
const anne = actor('Anne', 'p-a')
const olga = actor('Olga', 'p-a', 'observer')

/** Each step a minute later: the order of sessions and changes is their time. */
let clock = Date.parse('2026-03-01T09:00:00Z')
const tick = () => vi.setSystemTime((clock += 60_000))
afterEach(() => { vi.useRealTimers() })

function session(doc: ReturnType<typeof boardDoc>, title: string, kind: 'steering-committee' | 'project-group' = 'steering-committee') {
  tick()
  return startSession(doc, facilitator, { kind, title, date: '2026-03-12', phase: 5 })
}
const end = (doc: ReturnType<typeof boardDoc>, id: string) => {
  tick()
  markSessionEnded(doc, id, `it-${id}`, new Date().toISOString())
}

describe('actions with a status that carry over from session to session', () => {
  it('an action not done carries over; marked done in session 2, it shows there as done and no longer in session 3', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const doc = boardDoc('fr')
    const s1 = session(doc, 'COPIL 1')
    const van = addDecision(doc, facilitator, s1, { kind: 'action', text: 'Chiffrer le minibus', owner: 'Anne', dueDate: '2026-04-01' })
    tick()
    const paie = addDecision(doc, facilitator, s1, { kind: 'action', text: 'Comparer les logiciels de paie' })
    addDecision(doc, facilitator, s1, { kind: 'decision', text: 'Lancer l’étude' })
    tick()
    setActionStatus(doc, anne, paie, 'in-progress')
    end(doc, s1)

    const s2 = session(doc, 'COPIL 2')
    const read = () => ({ sessions: listSessions(doc), log: listActionLog(doc) })
    let { sessions, log } = read()
    expect(sessionActions(sessions, log, s1).map((a) => [a.action.text, a.status])).toEqual([['Chiffrer le minibus', 'todo'], ['Comparer les logiciels de paie', 'in-progress']])
    expect(carriedOverActions(sessions, log, s2).map((a) => [a.action.text, a.origin.title, a.action.owner, a.action.dueDate, a.status]))
      .toEqual([['Chiffrer le minibus', 'COPIL 1', 'Anne', '2026-04-01', 'todo'], ['Comparer les logiciels de paie', 'COPIL 1', '', '', 'in-progress']])

    // A participant marks it done during session 2: recorded with who, when and in which session.
    tick()
    setActionStatus(doc, anne, van, 'done')
    tick()
    setActionStatus(doc, facilitator, paie, 'dropped')
    ;({ sessions, log } = read())
    expect(log.find((c) => c.actionId === van)).toMatchObject({ status: 'done', by: { name: 'Anne' }, sessionId: s2, at: expect.stringMatching(/^2026-03-01T/) })
    expect(carriedOverActions(sessions, log, s2).map((a) => [a.action.text, a.status, a.lastChange?.by.name])).toEqual([
      ['Chiffrer le minibus', 'done', 'Anne'], ['Comparer les logiciels de paie', 'dropped', 'Fanny'],
    ])
    // Session 1's own report still says where they stood when session 2 began.
    expect(sessionActions(sessions, log, s1).map((a) => a.status)).toEqual(['todo', 'in-progress'])
    end(doc, s2)

    const s3 = session(doc, 'COPIL 3')
    ;({ sessions, log } = read())
    expect(carriedOverActions(sessions, log, s3)).toEqual([])
    // Session 2's report, made after session 3 began, is unchanged.
    expect(carriedOverActions(sessions, log, s2).map((a) => a.status)).toEqual(['done', 'dropped'])
    // Reopened, it comes back.
    tick()
    setActionStatus(doc, facilitator, van, 'in-progress')
    end(doc, s3)
    const s4 = session(doc, 'COPIL 4')
    ;({ sessions, log } = read())
    expect(carriedOverActions(sessions, log, s4).map((a) => [a.action.text, a.status])).toEqual([['Chiffrer le minibus', 'in-progress']])
    // Compare tells which actions moved on between two moments of the board.
    const before = readBoard(doc)
    tick()
    setActionStatus(doc, anne, van, 'done')
    expect(compareBoards(before, readBoard(doc)).decisions.statusChanged).toEqual([
      { id: van, text: 'Chiffrer le minibus', sessionTitle: 'COPIL 1', before: 'in-progress', after: 'done', by: 'Anne' },
    ])
    expect(compareBoards(before, readBoard(doc)).unchanged).toBe(false)
    expect(compareBoards(readBoard(doc), readBoard(doc)).decisions.statusChanged).toEqual([])
  })

  it('a change between sessions counts for the session before (its minutes are completed afterwards)', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const doc = boardDoc('fr')
    const s1 = session(doc, 'COPIL 1')
    const van = addDecision(doc, facilitator, s1, { kind: 'action', text: 'Chiffrer le minibus' })
    end(doc, s1)
    tick()
    setActionStatus(doc, anne, van, 'done')
    expect(listActionLog(doc)[0]!.sessionId).toBe('')
    const s2 = session(doc, 'COPIL 2')
    const sessions = listSessions(doc)
    const log = listActionLog(doc)
    expect(sessionActions(sessions, log, s1).map((a) => a.status)).toEqual(['done'])
    expect(carriedOverActions(sessions, log, s2)).toEqual([])
  })

  it('only editors change a status, only of an action; the change fits the schema the server checks; it travels in the board JSON', () => {
    const doc = boardDoc('en')
    const s1 = startSession(doc, facilitator, { kind: 'project-group', title: 'GP', date: '2026-03-12', phase: 5 })
    const act = addDecision(doc, facilitator, s1, { kind: 'action', text: 'Call the bank' })
    const dec = addDecision(doc, facilitator, s1, { kind: 'decision', text: 'Go' })
    expect(() => setActionStatus(doc, olga, act, 'done')).toThrow()
    expect(() => setActionStatus(doc, anne, dec, 'done')).toThrow()
    expect(() => setActionStatus(doc, anne, act, 'finished' as never)).toThrow()
    setActionStatus(doc, anne, act, 'done')
    const shape = BOARD_SHAPE[BoardKey.ActionLog]!
    for (const [key, change] of doc.getMap(BoardKey.ActionLog).entries()) {
      const entry = childShape(shape, key)
      expect(entry?.kind === 'json' && entry.valid(change)).toBe(true)
    }
    const board = readBoard(doc)
    expect(board.actionLog).toEqual([expect.objectContaining({ actionId: act, status: 'done', sessionId: s1 })])
    expect(repairBoardJson(JSON.parse(JSON.stringify(board))).actionLog).toEqual(board.actionLog)
    // A board stored before: no log, every action to do.
    const { actionLog: _none, ...before } = board
    expect(repairBoardJson(before).actionLog).toEqual([])
    expect(sessionActions(repairBoardJson(before).sessions, [], s1).map((a) => a.status)).toEqual(['todo'])
  })
})

describe('which sessions call for deliberation; the resolution text', () => {
  it('a steering committee does, a project group need not, the facilitator may change it; sessions stored before follow their kind', () => {
    const doc = boardDoc('fr')
    const copil = startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL', date: '2026-03-12', phase: 4 })
    markSessionEnded(doc, copil, 'it1', '2026-03-12T18:00:00Z')
    const gp = startSession(doc, facilitator, { kind: 'project-group', title: 'GP', date: '2026-03-19', phase: 4 })
    const find = (id: string) => listSessions(doc).find((s) => s.id === id)!
    expect(find(copil).callsForDeliberation).toBe(true)
    expect(find(gp).callsForDeliberation).toBe(false)
    expect(iterationCallsForDeliberation(listSessions(doc), 'it1')).toBe(true)
    expect(iterationCallsForDeliberation(listSessions(doc), 'unknown')).toBe(true)
    updateSession(doc, facilitator, gp, { callsForDeliberation: true })
    expect(find(gp).callsForDeliberation).toBe(true)
    expect(() => updateSession(doc, anne, gp, { callsForDeliberation: false })).toThrow()
    // Stored before the flag existed: absent, from the kind, in the live view and in the board JSON.
    sessionsOf(doc).get(gp)!.delete('callsForDeliberation')
    expect(find(gp).callsForDeliberation).toBe(false)
    expect(readBoard(doc).sessions.find((s) => s.id === gp)!.callsForDeliberation).toBe(false)
    const { callsForDeliberation: _flag, ...old } = readBoard(doc).sessions.find((s) => s.id === copil)!
    expect(repairBoardJson({ sessions: [old] }).sessions[0]!.callsForDeliberation).toBe(true)
    const gpShape = childShape(BOARD_SHAPE[BoardKey.Sessions]!, gp)!
    const flag = childShape(gpShape, 'callsForDeliberation')
    expect(flag?.kind === 'json' && flag.valid(true) && !flag.valid('yes')).toBe(true)
  })

  it('a deliberation carries the resolution its board adopted; one recorded before reads as none', () => {
    const doc = boardDoc('fr')
    const a = addPartner(doc, facilitator, { name: 'ADMR' })
    const resolution = 'Le conseil d’administration approuve la charte.\nIl mandate sa présidente pour la signer.'
    setDeliberation(doc, facilitator, 'it1', a, { status: 'approved', body: 'CA', resolution: `  ${resolution} ` })
    const [recorded] = readBoard(doc).deliberations
    expect(recorded).toMatchObject({ status: 'approved', resolution, onBehalf: true })
    const shape = childShape(BOARD_SHAPE[BoardKey.Deliberations]!, `it1/${a}`)!
    expect(shape.kind === 'json' && shape.valid(recorded) && !shape.valid({ ...recorded, resolution: 42 })).toBe(true)
    const { resolution: _r, ...old } = recorded!
    expect(repairBoardJson({ deliberations: [old] }).deliberations[0]!.resolution).toBe('')
    expect(() => setDeliberation(doc, facilitator, 'it1', a, { status: 'approved', resolution: 'x'.repeat(10_001) })).toThrow()
  })
})
