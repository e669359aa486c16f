import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import { charterBlocks } from '../../server/export/charter-blocks.ts'
import { charterTemplate, isTemplatePrompt } from './charter-template.ts'
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
    // Only an example in the template's prompt: the template claims no value as adopted.
    const example = proposeValue(doc, facilitator, { text: 'Placer l’usager au cœur du dispositif' })
    proposeValue(doc, facilitator, { text: 'Pas encore adoptée' })
    setStance(doc, facilitator, adopted, a, 'agree')
    setStance(doc, facilitator, example, a, 'agree')

    expect(adoptedValuesMissingFromCharter(doc).map((v) => v.id)).toEqual([adopted, example])
    expect(insertAdoptedValuesIntoCharter(doc, facilitator)).toBe(2)
    expect(adoptedValuesMissingFromCharter(doc)).toEqual([])
    expect(insertAdoptedValuesIntoCharter(doc, facilitator)).toBe(0)

    const xml = charterOf(doc).toString()
    const section = xml.slice(xml.indexOf('Nos valeurs partagées'), xml.indexOf('Nos principes'))
    expect(section).toContain('<listitem><paragraph>Apporter une plus-value aux usagers</paragraph></listitem>')
    expect(xml.split('Apporter une plus-value').length - 1).toBe(1)
    expect(xml.toLowerCase().split('placer l’usager au cœur du dispositif').length - 1).toBe(2) // the prompt's example, and the value
  })

  it('a value adopted with reservations goes into the charter with them', () => {
    const doc = boardDoc('fr')
    const a = addPartner(doc, facilitator, { name: 'ADMR Loire' })
    const b = addPartner(doc, facilitator, { name: 'APF France handicap' })
    const value = proposeValue(doc, facilitator, { text: 'Placer l’usager au cœur' })
    setStance(doc, facilitator, value, a, 'agree')
    setStance(doc, facilitator, value, b, 'reservation', 'Dire « personne accompagnée »')
    expect(insertAdoptedValuesIntoCharter(doc, facilitator)).toBe(1)
    const blocks = charterBlocks(yXmlFragmentToProsemirrorJSON(charterOf(doc)))
    const list = blocks.find((block) => block.type === 'list' && block.items.some((item) => item.runs.some((run) => run.text === 'Placer l’usager au cœur')))
    expect(list?.type === 'list' && list.items.map((item) => item.runs.map((run) => `${run.italic ? '_' : ''}${run.text}`).join(''))).toEqual([
      'Placer l’usager au cœur', '_Réserve de APF France handicap\u00a0: Dire « personne accompagnée »',
    ])
  })
})

describe('the charter template', () => {
  it('its prompts are guidance: never exported, in either language; no value is claimed adopted', () => {
    for (const language of ['fr', 'en'] as const) {
      const template = charterTemplate(language, 'Coopération')
      const prompts = (template.content ?? []).filter((node) => node.type === 'paragraph').map((node) => node.content?.[0]?.text ?? '')
      expect(prompts.length).toBe(8)
      expect(prompts.every(isTemplatePrompt)).toBe(true)
      const exported = JSON.stringify(charterBlocks(template))
      for (const prompt of prompts) expect(exported).not.toContain(prompt)
      expect(exported).toContain(language === 'fr' ? 'Nos valeurs partagées' : 'Our shared values')
      expect(exported).not.toMatch(/validées|endorsed/)
    }
    // A prompt someone rewrote is theirs: exported.
    expect(isTemplatePrompt('Pourquoi nos associations choisissent de coopérer : le Rhône.')).toBe(false)
    // Boards created with the first template keep its prompt: still left out.
    expect(isTemplatePrompt('Les valeurs que chaque partenaire a validées.')).toBe(true)
  })
})
