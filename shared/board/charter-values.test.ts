import { describe, expect, it } from 'vitest'
import { adoptedValuesMissingFromCharter, insertAdoptedValuesIntoCharter } from './charter-values.ts'
import { addPartner } from './partners.ts'
import { charterOf } from './schema.ts'
import { actor, boardDoc } from './test-support.ts'
import { proposeValue, setStance } from './values.ts'

const facilitator = actor('Fanny', 'facilitation', 'facilitator')

describe('adopted values and the charter', () => {
  it('lists adopted values missing from the shared-values section and inserts them there, once', () => {
    const doc = boardDoc('fr')
    const a = addPartner(doc, facilitator, { name: 'ADMR' })
    const adopted = proposeValue(doc, facilitator, { text: 'Apporter une plus-value aux usagers' })
    const already = proposeValue(doc, facilitator, { text: 'Placer l’usager au cœur du dispositif' }) // in the template
    proposeValue(doc, facilitator, { text: 'Pas encore adoptée' })
    setStance(doc, facilitator, adopted, a, 'agree')
    setStance(doc, facilitator, already, a, 'agree')

    expect(adoptedValuesMissingFromCharter(doc).map((v) => v.id)).toEqual([adopted])
    expect(insertAdoptedValuesIntoCharter(doc, facilitator)).toBe(1)
    expect(adoptedValuesMissingFromCharter(doc)).toEqual([])
    expect(insertAdoptedValuesIntoCharter(doc, facilitator)).toBe(0)

    const xml = charterOf(doc).toString()
    const section = xml.slice(xml.indexOf('Nos valeurs partagées'), xml.indexOf('Nos principes'))
    expect(section).toContain('<listitem><paragraph>Apporter une plus-value aux usagers</paragraph></listitem>')
    expect(xml.split('Apporter une plus-value').length - 1).toBe(1)
  })
})
