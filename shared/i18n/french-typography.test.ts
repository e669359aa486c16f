import { describe, expect, it } from 'vitest'
import { frenchTypography } from './french-typography.ts'

describe('French typography of typed text', () => {
  it('puts a no-break space before : and a narrow one before ; ? !, whether a space was typed or none', () => {
    expect(frenchTypography('Note : voir ; vraiment ? Oui !')).toBe('Note\u00a0: voir\u202f; vraiment\u202f? Oui\u202f!')
    expect(frenchTypography('Pourquoi? Parce que!')).toBe('Pourquoi\u202f? Parce que\u202f!')
    expect(frenchTypography('Étapes: diagnostic')).toBe('Étapes\u00a0: diagnostic')
  })

  it('no-break spaces inside « »', () => {
    expect(frenchTypography('Dire « personne accompagnée »')).toBe('Dire «\u00a0personne accompagnée\u00a0»')
    expect(frenchTypography('Dire «personne»')).toBe('Dire «\u00a0personne\u00a0»')
  })

  it('leaves URLs, times, ratios and straight quotes as typed', () => {
    for (const text of ['https://uriopss.example/charte?x=1', 'à 14:30', 'ratio 3:2', 'alert("x")', 'mailto:contact@example.org']) {
      expect(frenchTypography(text)).toBe(text)
    }
  })
})
