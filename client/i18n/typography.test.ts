/**
 * French typography and plurals in every word the board shows or writes: the UI dictionaries, the
 * method's vocabulary (shared/i18n/board-terms.ts) and the reports' strings. And one word for one
 * thing: the UI takes statuses, stances and kinds of groups from the vocabulary reports and compare use.
 */
import { describe, expect, it } from 'vitest'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { METHOD_TERMS } from '../../shared/i18n/method-terms.ts'
import { REPORT_STRINGS } from '../../server/export/report-strings.ts'
import { METHOD_REPORT_STRINGS } from '../../server/export/method-report.ts'
import { METHOD_CHANGE_WORDS } from '../../shared/i18n/method-changes.ts'
import { charterTemplate } from '../../shared/board/charter-template.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { translate } from './translate.ts'

/** Every string of a nested object of strings and functions (functions called with sample arguments). */
function stringsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (typeof value === 'function') return [[`${path}()`, String((value as (...args: unknown[]) => unknown)(3, 'Comité de pilotage', '1er décembre 2026'))]]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, path ? `${path}.${key}` : key))
  return []
}

/** What French typography forbids, each with why. */
const FRENCH_RULES: [RegExp, string][] = [
  [/ [:;?!]/, 'a plain space before : ; ? ! (a no-break space, U+00A0 or U+202F, keeps the mark on its line)'],
  [/[^\s\u00a0\u202f/][;?!](?:\s|$)/, 'no space at all before ; ? !'],
  [/«(?![\u00a0\u202f])/, '« not followed by a no-break space'],
  [/(?<![\u00a0\u202f])»/, '» not preceded by a no-break space'],
  [/"/, 'straight double quotes (« » in French)'],
  [/'/, 'a straight apostrophe (’)'],
  [/\(s\)|\(e\)s?\b/, '"(s)": pick the form by the number (Intl.PluralRules, "singular|plural" messages)'],
]

function frenchFaults(entries: [string, string][]): string[] {
  const faults: string[] = []
  for (const [key, text] of entries) {
    // URLs and keyboard shortcuts are not French prose.
    const prose = text.replace(/\b(?:https?|mailto):(?:\/\/)?/g, '')
    for (const [pattern, why] of FRENCH_RULES) if (pattern.test(prose)) faults.push(`${key}: ${why}: ${JSON.stringify(text)}`)
  }
  return faults
}

describe('French typography', () => {
  it('the French UI dictionary', () => {
    expect(frenchFaults(Object.entries(fr))).toEqual([])
  })

  it('the reports’ strings and the method’s vocabulary', () => {
    expect(frenchFaults(stringsOf(REPORT_STRINGS.fr, 'report'))).toEqual([])
    expect(frenchFaults(stringsOf(BOARD_TERMS.fr, 'terms'))).toEqual([])
    expect(frenchFaults(stringsOf(METHOD_TERMS.fr, 'method'))).toEqual([])
    expect(frenchFaults(stringsOf(METHOD_REPORT_STRINGS.fr, 'methodReport'))).toEqual([])
    expect(frenchFaults(stringsOf(METHOD_CHANGE_WORDS.fr, 'methodChanges'))).toEqual([])
  })

  it('the charter a new board starts from', () => {
    expect(frenchFaults(stringsOf(charterTemplate('fr', 'Coopération Enfance Loire'), 'charter'))).toEqual([])
  })

  it('catches what it is meant to', () => {
    expect(frenchFaults([['k', 'Clore la séance ?'], ['k', 'Tableau « X »'], ['k', '2 votant(s)'], ['k', 'Légende :']])).toHaveLength(5)
    expect(frenchFaults([['k', 'Clore la séance\u202f?'], ['k', 'Tableau «\u00a0X\u00a0»'], ['k', 'https://exemple.fr'], ['k', 'Légende\u00a0:']])).toEqual([])
  })

  it('writes the first of the month "1er"', () => {
    expect(formatDay('2026-12-01', 'fr')).toBe('1er décembre 2026')
    expect(formatDay('2026-12-02', 'fr')).toBe('2 décembre 2026')
    expect(formatDay('2026-12-01', 'en')).toBe('1 December 2026')
  })
})

describe('plurals by the language’s rules', () => {
  it('no "(s)" in English either', () => {
    expect(Object.entries(en).filter(([, text]) => /\(s\)/.test(text))).toEqual([])
    expect(stringsOf(REPORT_STRINGS.en).filter(([, text]) => /\(s\)/.test(text))).toEqual([])
  })

  it('counts voters and votes', () => {
    expect(translate('fr', 'rounds.history.voters', { count: 1 })).toBe('1 votant')
    expect(translate('fr', 'rounds.history.voters', { count: 0 })).toBe('0 votant')
    expect(translate('fr', 'rounds.history.voters', { count: 2 })).toBe('2 votants')
    expect(translate('en', 'rounds.history.voters', { count: 1 })).toBe('1 voter')
    expect(translate('en', 'rounds.history.voters', { count: 0 })).toBe('0 voters')
    expect(translate('en', 'rounds.history.votes', { count: 1 })).toBe('1 vote')
    // French: zero takes the singular.
    expect(translate('fr', 'interests.group.count', { count: 0 })).toBe('0 carte')
    expect(translate('en', 'interests.group.count', { count: 0 })).toBe('0 cards')
  })
})

describe('one word for one thing', () => {
  it('the UI says a value’s status, a stance and a group’s kind as reports and compare do', () => {
    for (const language of ['fr', 'en'] as const) {
      const terms = BOARD_TERMS[language]
      const ui = language === 'fr' ? fr : en
      for (const status of ['open', 'adopted', 'contested'] as const) expect(ui[`valueStatus.${status}`]).toBe(terms.valueStatus[status])
      for (const stance of ['agree', 'reservation', 'object', 'undecided'] as const) expect(ui[`stance.${stance}`]).toBe(terms.stance[stance])
      for (const kind of ['convergent', 'complementary', 'empty'] as const) expect(ui[`interests.groupKind.${kind}`]).toBe(terms.groupKind[kind])
      expect(ui['interests.groupKind.specific'].startsWith(terms.groupKind.specific)).toBe(true)
      for (const kind of ['association', 'establishment', 'federation', 'public-body', 'funder', 'other'] as const) expect(ui[`partnerKind.${kind}`]).toBe(terms.partnerKind[kind])
    }
    expect(fr['valueStatus.open']).toBe('En discussion')
    expect(fr['stance.object']).toBe('S’oppose')
  })
})
