import { describe, expect, it } from 'vitest'
import { readBoard } from './board-json.ts'
import { compareBoards, diffCharter } from './compare.ts'
import { addCard, createGroup, editCard, removeCard, setCardGroup } from './interests.ts'
import { addPartner } from './partners.ts'
import { charterOf } from './schema.ts'
import { addDecision, startSession } from './sessions.ts'
import { actor, boardDoc, seeded, shuffle } from './test-support.ts'
import { editValue, proposeValue, removeValue, setStance } from './values.ts'
import * as Y from 'yjs'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

describe.each([1, 2, 3, 4, 5, 6])('compare finds exactly the changes made (seed %i)', (seed) => {
  it('values, stances, cards, groups and decisions', () => {
    const random = seeded(seed)
    const doc = boardDoc()
    const partners = [addPartner(doc, facilitator, { name: 'A' }), addPartner(doc, facilitator, { name: 'B' })]
    const values = Array.from({ length: 8 }, (_, i) => proposeValue(doc, facilitator, { text: `Valeur ${i}` }))
    const cards = Array.from({ length: 8 }, (_, i) => addCard(doc, actor(`P${i}`, partners[i % 2]!), { text: `Carte ${i}`, kind: 'interest' }))
    const groups = [createGroup(doc, facilitator, { name: 'G1' }), createGroup(doc, facilitator, { name: 'G2' })]
    const session = startSession(doc, facilitator, { kind: 'project-group', title: 'GP', date: '2026-05-01', phase: 3 })
    const before = readBoard(doc)

    const expected = {
      addedValues: [] as string[], removedValues: [] as string[], reworded: [] as string[], stances: [] as string[],
      addedCards: [] as string[], removedCards: [] as string[], rewordedCards: [] as string[], regrouped: [] as string[], decisions: [] as string[],
    }
    // A random selection of distinct changes, applied in a random order.
    const [v0, v1, v2, v3, v4] = shuffle(values, random)
    const [c0, c1, c2, c3] = shuffle(cards, random)
    const changes: (() => void)[] = [
      () => expected.addedValues.push(proposeValue(doc, facilitator, { text: 'Nouvelle valeur' })),
      () => { removeValue(doc, facilitator, v0!); expected.removedValues.push(v0!) },
      () => { editValue(doc, facilitator, v1!, { text: 'Reformulée' }); expected.reworded.push(v1!) },
      () => { setStance(doc, facilitator, v2!, partners[0]!, 'object', 'non'); expected.stances.push(`${v2}/${partners[0]}`) },
      () => { setStance(doc, facilitator, v3!, partners[1]!, 'agree'); expected.stances.push(`${v3}/${partners[1]}`) },
      () => { editValue(doc, facilitator, v4!, { explanation: 'Seulement l’explication' }) }, // not a rewording
      () => expected.addedCards.push(addCard(doc, actor('Z', partners[0]!), { text: 'Nouvelle carte', kind: 'brings' })),
      () => { removeCard(doc, facilitator, c0!); expected.removedCards.push(c0!) },
      () => { editCard(doc, facilitator, c1!, { text: 'Carte reformulée' }); expected.rewordedCards.push(c1!) },
      () => { setCardGroup(doc, facilitator, c2!, groups[0]!); expected.regrouped.push(c2!) },
      () => { setCardGroup(doc, facilitator, c3!, groups[1]!); expected.regrouped.push(c3!) },
      () => expected.decisions.push(addDecision(doc, facilitator, session, { kind: 'decision', text: 'On avance' })),
    ]
    for (const change of shuffle(changes, random).slice(0, 4 + Math.floor(random() * 9))) change()
    const diff = compareBoards(before, readBoard(doc))

    const sorted = (ids: string[]) => [...ids].sort()
    expect(sorted(diff.values.added.map((v) => v.id))).toEqual(sorted(expected.addedValues))
    expect(sorted(diff.values.removed.map((v) => v.id))).toEqual(sorted(expected.removedValues))
    expect(sorted(diff.values.reworded.map((v) => v.id))).toEqual(sorted(expected.reworded))
    expect(sorted(diff.values.stanceChanged.map((s) => `${s.id}/${s.partnerId}`))).toEqual(sorted(expected.stances))
    expect(sorted(diff.interests.added.map((c) => c.id))).toEqual(sorted(expected.addedCards))
    expect(sorted(diff.interests.removed.map((c) => c.id))).toEqual(sorted(expected.removedCards))
    expect(sorted(diff.interests.reworded.map((c) => c.id))).toEqual(sorted(expected.rewordedCards))
    expect(sorted(diff.interests.regrouped.map((c) => c.id))).toEqual(sorted(expected.regrouped))
    expect(sorted(diff.decisions.added.map((d) => d.id))).toEqual(sorted(expected.decisions))
    expect(diff.charter.every((section) => section.change === 'same')).toBe(true)
    expect(diff.unchanged).toBe(false)
  })
})

describe('charter diff', () => {
  it('shows insertions and deletions per section, and nothing for an unchanged board', () => {
    const doc = boardDoc('en')
    const before = readBoard(doc)
    expect(compareBoards(before, before).unchanged).toBe(true)
    // Edit the preamble's paragraph: replace a word.
    const paragraph = charterOf(doc).get(2) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    const content = text.toString()
    const at = content.indexOf('cooperate')
    text.delete(at, 'cooperate'.length)
    text.insert(at, 'work together')
    const sections = diffCharter(before.charter, readBoard(doc).charter)
    const preamble = sections.find((s) => s.title === 'Preamble')!
    expect(preamble.change).toBe('changed')
    expect(preamble.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['cooperate'])
    expect(preamble.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim()).join(' ')).toBe('work together')
    expect(sections.filter((s) => s.change !== 'same')).toHaveLength(1)
  })
})
