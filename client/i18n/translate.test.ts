import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { translate } from './translate.ts'

describe('translate', () => {
  it('fills placeholders and picks the plural form by the language’s rules', () => {
    expect(translate('en', 'delib.pendingOn', { label: 'Iteration 2', count: 1 })).toBe('Iteration 2: 1 partner still to deliberate:')
    expect(translate('en', 'delib.pendingOn', { label: 'Iteration 2', count: 3 })).toBe('Iteration 2: 3 partners still to deliberate:')
    expect(translate('fr', 'delib.pendingOn', { label: 'Itération 2', count: 1 })).toBe('Itération 2\u00a0: 1 partenaire doit encore délibérer\u00a0:')
    // French: zero takes the singular.
    expect(translate('fr', 'session.represented', { count: 0, total: 4 })).toBe('0 partenaire représenté sur 4.')
    expect(translate('fr', 'session.represented', { count: 2, total: 4 })).toBe('2 partenaires représentés sur 4.')
  })

  it('has every English message in French, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(fr[key], key).toBeTruthy()
      expect([...new Set(placeholders(fr[key]))], key).toEqual([...new Set(placeholders(en[key]))])
    }
  })
})
