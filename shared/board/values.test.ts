import { describe, expect, it } from 'vitest'
import { addPartner } from './partners.ts'
import { actor, boardDoc } from './test-support.ts'
import { arrangeValues, editValue, listValues, mergeValues, moveValue, proposeValue, removeValue, setStance, valueStatus } from './values.ts'
import { BoardError } from './board-error.ts'
import type { Stance } from './schema.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

function boardWithPartners() {
  const doc = boardDoc()
  const a = addPartner(doc, facilitator, { name: 'ADMR Loire', shortName: 'ADMR' })
  const b = addPartner(doc, facilitator, { name: 'APF France handicap', shortName: 'APF' })
  return { doc, a, b, anne: actor('Anne', a), bruno: actor('Bruno', b), facilitator }
}

const stance = (kind: Stance['kind'], text?: string): Stance => ({ kind, text, by: { personId: 'p', name: 'P' }, at: '2026-01-01T00:00:00.000Z' })

describe('value status is derived from the stances of every partner', () => {
  it.each([
    [{}, 'open'],
    [{ a: stance('agree') }, 'open'],
    [{ a: stance('agree'), b: stance('undecided') }, 'open'],
    [{ a: stance('agree'), b: stance('agree') }, 'adopted'],
    [{ a: stance('agree'), b: stance('reservation', 'sous réserve') }, 'adopted'],
    [{ a: stance('object', 'non'), b: stance('agree') }, 'contested'],
    [{ a: stance('object', 'non') }, 'contested'],
  ] as const)('%j → %s', (stances, expected) => {
    expect(valueStatus(stances, ['a', 'b'])).toBe(expected)
  })

  it('is open while the board has no partner', () => {
    expect(valueStatus({}, [])).toBe('open')
  })
})

describe('values', () => {
  it('are proposed with their partner and author, and take stances partner by partner', () => {
    const { doc, a, b, anne, bruno } = boardWithPartners()
    const id = proposeValue(doc, anne, { text: ' Placer l’usager au cœur du dispositif ', explanation: 'Notre boussole' })
    let [value] = listValues(doc)
    expect(value).toMatchObject({ id, text: 'Placer l’usager au cœur du dispositif', partnerId: a, author: { name: 'Anne' }, status: 'open' })

    setStance(doc, anne, id, a, 'agree')
    setStance(doc, bruno, id, b, 'reservation', 'Préciser « au cœur »')
    ;[value] = listValues(doc)
    expect(value!.status).toBe('adopted')
    expect(value!.stances[b]).toMatchObject({ kind: 'reservation', text: 'Préciser « au cœur »', by: { name: 'Bruno' } })

    setStance(doc, bruno, id, b, 'object', 'Pas en l’état')
    expect(listValues(doc)[0]!.status).toBe('contested')
    // A new partner has not spoken yet: the value is no longer adopted by everyone.
    setStance(doc, bruno, id, b, 'agree')
    expect(listValues(doc)[0]!.status).toBe('adopted')
    addPartner(doc, facilitator, { name: 'Mutualité' })
    expect(listValues(doc)[0]!.status).toBe('open')
  })

  it('require the reservation or the reason, and a partner speaks only for itself', () => {
    const { doc, a, b, anne } = boardWithPartners()
    const id = proposeValue(doc, anne, { text: 'Se remettre en question' })
    expect(() => setStance(doc, anne, id, a, 'reservation', '  ')).toThrow(BoardError)
    expect(() => setStance(doc, anne, id, a, 'object')).toThrow(BoardError)
    // Each with its own message key, so the UI can say which text is missing.
    const keyOf = (run: () => void) => { try { run() } catch (error) { return (error as BoardError).key } return null }
    expect(keyOf(() => setStance(doc, anne, id, a, 'reservation', '  '))).toBe('error.reservation-required')
    expect(keyOf(() => setStance(doc, anne, id, a, 'object'))).toBe('error.reason-required')
    expect(() => setStance(doc, anne, id, b, 'agree')).toThrow(/Only someone from that partner/)
    setStance(doc, facilitator, id, b, 'agree') // the facilitator records what a partner says
    expect(listValues(doc)[0]!.stances[b]!.kind).toBe('agree')
  })

  it('are read-only for observers', () => {
    const { doc, a } = boardWithPartners()
    expect(() => proposeValue(doc, actor('Olga', a, 'observer'), { text: 'x' })).toThrow(/viewing/)
  })

  it('reorder by moving one item, and filter and sort by status', () => {
    const { doc, a, anne } = boardWithPartners()
    const ids = ['un', 'deux', 'trois', 'quatre'].map((text) => proposeValue(doc, anne, { text }))
    moveValue(doc, anne, ids[3]!, 0)
    moveValue(doc, anne, ids[0]!, 2)
    expect(listValues(doc).map((v) => v.text)).toEqual(['quatre', 'deux', 'un', 'trois'])
    for (let i = 0; i < 80; i++) moveValue(doc, anne, ids[i % 2 ? 1 : 2]!, 1) // precision runs out: renumbered
    expect(new Set(listValues(doc).map((v) => v.order)).size).toBe(4)

    setStance(doc, facilitator, ids[1]!, a, 'object', 'non')
    const values = listValues(doc)
    expect(arrangeValues(values, 'contested', 'board').map((v) => v.text)).toEqual(['deux'])
    expect(arrangeValues(values, 'all', 'status')[0]!.text).toBe('deux')
  })

  it('merge (by the facilitator) keeping both texts, explanations and every stance', () => {
    const { doc, a, b, anne, bruno, facilitator } = boardWithPartners()
    const target = proposeValue(doc, anne, { text: 'L’usager au centre' })
    const source = proposeValue(doc, bruno, { text: 'La personne accompagnée au cœur', explanation: 'Vocabulaire APF' })
    setStance(doc, anne, target, a, 'agree')
    setStance(doc, anne, source, a, 'object', 'doublon')
    setStance(doc, bruno, source, b, 'reservation', 'dire « personne »')
    expect(() => mergeValues(doc, anne, target, source)).toThrow(BoardError)
    mergeValues(doc, facilitator, target, source)
    const values = listValues(doc)
    expect(values).toHaveLength(1)
    const merged = values[0]!
    expect(merged.text).toBe('L’usager au centre')
    expect(merged.explanation).toBe('Vocabulaire APF')
    expect(merged.stances[a]!.kind).toBe('agree') // the target's own stance stays
    expect(merged.stances[b]).toMatchObject({ kind: 'reservation', text: 'dire « personne »' }) // taken from the source
    // …given on the source's wording: it counts as undecided until B confirms it on this one.
    expect(merged.status).toBe('open')
    expect(merged.mergedFrom[0]).toMatchObject({ id: source, text: 'La personne accompagnée au cœur', explanation: 'Vocabulaire APF' })
    expect(merged.mergedFrom[0]!.stances[a]).toMatchObject({ kind: 'object', text: 'doublon' })
  })

  it('rewording resets stances to undecided; the old stances stay for the history', () => {
    const { doc, a, b, anne, bruno } = boardWithPartners()
    const id = proposeValue(doc, anne, { text: 'Transparence' })
    setStance(doc, anne, id, a, 'agree')
    setStance(doc, bruno, id, b, 'reservation', 'sur les chiffres')
    expect(listValues(doc)[0]!.status).toBe('adopted')
    editValue(doc, bruno, id, { text: 'Transparence et confiance' })
    const reworded = listValues(doc)[0]!
    expect(reworded.status).toBe('open')
    expect(reworded.stances[a]).toMatchObject({ kind: 'agree', onText: 'Transparence' })
    setStance(doc, anne, id, a, 'agree')
    setStance(doc, bruno, id, b, 'agree')
    expect(listValues(doc)[0]!.status).toBe('adopted')
  })

  it('take stances only from a link bound to the partner, or from the facilitator on its behalf', () => {
    const { doc, a, facilitator } = boardWithPartners()
    const id = proposeValue(doc, facilitator, { text: 'Coopérer' })
    expect(() => setStance(doc, actor('Gina', a, 'participant', false), id, a, 'agree')).toThrow(BoardError)
    setStance(doc, facilitator, id, a, 'agree')
    expect(listValues(doc)[0]!.stances[a]).toMatchObject({ kind: 'agree', onBehalf: true })
  })

  it('are edited by anyone who writes, removed by their author or the facilitator', () => {
    const { doc, anne, bruno } = boardWithPartners()
    const id = proposeValue(doc, anne, { text: 'Efficience' })
    editValue(doc, bruno, id, { text: 'Efficience partagée' })
    expect(listValues(doc)[0]!.text).toBe('Efficience partagée')
    expect(() => removeValue(doc, bruno, id)).toThrow(BoardError)
    removeValue(doc, anne, id)
    expect(listValues(doc)).toHaveLength(0)
  })
})
