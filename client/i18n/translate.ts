import type { Language } from '../../shared/i18n/language.ts'
import { en, type MessageKey } from './en.ts'
import { fr } from './fr.ts'

export type Vars = Record<string, string | number>

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr }

const PLURALS: Record<Language, Intl.PluralRules> = { en: new Intl.PluralRules('en'), fr: new Intl.PluralRules('fr') }

/**
 * Looks a key up and fills `{name}` placeholders. A message written "singular|plural" picks its
 * form from `count` by the language's rules (French says "1 partenaire", "0 partenaire" too).
 */
export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  let template: string = DICTIONARIES[language][key]
  if (!vars) return template
  if (template.includes('|') && typeof vars.count === 'number') {
    const [one, other] = template.split('|') as [string, string | undefined]
    template = PLURALS[language].select(vars.count) === 'one' ? one : (other ?? one)
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match))
}
