import { describe, expect, it } from 'vitest'
import { BOARD_SHAPE, childShape, type Shape } from './board-shape.ts'
import { readBoard } from './board-json.ts'
import { addPartner } from './partners.ts'
import { BoardKey, sessionsOf } from './schema.ts'
import {
  addAgendaItem, listSessions, recordPresence, representedPartners, setAgendaNote, setAttendance, startSession, updateSessionDetails,
} from './sessions.ts'
import { actor, boardDoc } from './test-support.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

function setup() {
  const doc = boardDoc('fr')
  const a = addPartner(doc, facilitator, { name: 'ADMR Loire' })
  const b = addPartner(doc, facilitator, { name: 'APF France handicap' })
  const session = startSession(doc, facilitator, { kind: 'steering-committee', title: 'COPIL', date: '2026-04-09', phase: 2, agenda: ['Budget'] })
  return { doc, a, b, session, read: () => listSessions(doc)[0]! }
}

describe('attendance', () => {
  it('someone added by hand, then marked excused or absent, is one record, never counted present', () => {
    const { doc, b, session, read } = setup()
    const paul = setAttendance(doc, facilitator, session, { personId: '', name: 'Paul Durand', partnerId: b, present: true, role: 'directeur' })
    expect(paul).not.toBe('')
    const [added] = read().attendance
    expect(added).toMatchObject({ personId: paul, status: 'present', role: 'directeur' })
    // The UI corrects the record it shows, by its id.
    setAttendance(doc, facilitator, session, { personId: added!.personId, name: added!.name, partnerId: b, status: 'excused' })
    expect(read().attendance).toEqual([expect.objectContaining({ personId: paul, name: 'Paul Durand', status: 'excused', present: false, role: 'directeur' })])
    expect(representedPartners(read())).toEqual([])
    setAttendance(doc, facilitator, session, { personId: paul, name: 'Paul Durand', partnerId: b, present: false })
    expect(read().attendance.map((p) => p.status)).toEqual(['absent'])
  })

  it('records of hand-added people stored before ids were kept are corrected in place (read by their key)', () => {
    const { doc, a, session, read } = setup()
    const attendance = sessionsOf(doc).get(session)!.get('attendance') as import('yjs').Map<unknown>
    attendance.set('old-key', { personId: '', name: 'Anne', partnerId: a, present: true, source: 'manual' })
    const [anne] = read().attendance
    expect(anne).toMatchObject({ personId: 'old-key', status: 'present', role: '' })
    setAttendance(doc, facilitator, session, { personId: anne!.personId, name: 'Anne', partnerId: a, status: 'absent' })
    expect(read().attendance).toHaveLength(1)
  })

  it('presence keeps a role said by hand; people of no partner are kept', () => {
    const { doc, a, session, read } = setup()
    recordPresence(doc, facilitator, session, [{ personId: 'p-anne', name: 'Anne', partnerId: a }])
    const marc = setAttendance(doc, facilitator, session, { name: 'Marc', partnerId: '', status: 'present', role: 'chargé de mission' })
    expect(read().attendance.find((p) => p.personId === marc)).toMatchObject({ partnerId: '', role: 'chargé de mission' })
    expect(readBoard(doc).sessions[0]!.attendance.map((p) => [p.name, p.partnerId, p.status])).toEqual([['Anne', a, 'present'], ['Marc', '', 'present']])
  })
})

describe('the compte rendu’s details', () => {
  it('place, times, next meeting, recipients, approval of the previous one; minutes per agenda item', () => {
    const { doc, session, read } = setup()
    updateSessionDetails(doc, facilitator, session, {
      place: ' Saint-Étienne ', startTime: '14:00', endTime: '17:30', nextDate: '2026-07-01', nextTime: '10:00', nextPlace: 'Roanne',
      recipients: 'CA des partenaires', previousApproval: 'approved', previousApprovalNote: '',
    })
    addAgendaItem(doc, facilitator, session, 'Fonctions support')
    setAgendaNote(doc, facilitator, session, 'Budget', 'Présenté par la trésorière.')
    expect(read()).toMatchObject({
      place: 'Saint-Étienne', startTime: '14:00', endTime: '17:30', nextDate: '2026-07-01', nextTime: '10:00', nextPlace: 'Roanne',
      recipients: 'CA des partenaires', previousApproval: 'approved', notes: { Budget: 'Présenté par la trésorière.' },
    })
    expect(readBoard(doc).sessions[0]).toMatchObject({ place: 'Saint-Étienne', notes: { Budget: 'Présenté par la trésorière.' } })
    setAgendaNote(doc, facilitator, session, 'Budget', '')
    expect(read().notes).toEqual({})
    expect(() => updateSessionDetails(doc, facilitator, session, { startTime: '25:00' })).toThrow()
    expect(() => addAgendaItem(doc, facilitator, session, 'Budget')).toThrow()
    expect(() => updateSessionDetails(doc, actor('Anne', 'x'), session, { place: 'Lyon' })).toThrow()
  })

  it('every field written fits the board schema the server checks writes against', () => {
    const { doc, a, session } = setup()
    updateSessionDetails(doc, facilitator, session, {
      place: 'Saint-Étienne', startTime: '14:00', endTime: '17:30', nextDate: '2026-07-01', nextTime: '10:00', nextPlace: 'Roanne',
      recipients: 'CA\nUriopss', previousApproval: 'approved-with-changes', previousApprovalNote: 'Une correction.',
    })
    setAgendaNote(doc, facilitator, session, 'Budget', 'Notes.')
    setAttendance(doc, facilitator, session, { name: 'Paul', partnerId: a, status: 'excused', role: 'directeur' })
    setAttendance(doc, facilitator, session, { name: 'Marc', partnerId: '', status: 'present' })
    const sessionShape = childShape(BOARD_SHAPE[BoardKey.Sessions]!, session)!
    const fits = (shape: Shape | null, value: unknown): boolean => {
      if (!shape) return false
      if (shape.kind === 'json') return shape.valid(value)
      if (value instanceof Object && 'entries' in value && typeof value.entries === 'function') {
        return [...(value as Map<string, unknown>).entries()].every(([key, inner]) => fits(childShape(shape, key), inner))
      }
      return true
    }
    const item = sessionsOf(doc).get(session)!
    for (const [key, value] of item.entries()) expect(fits(childShape(sessionShape, key), value), key).toBe(true)
  })
})
