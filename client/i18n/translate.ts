import type { Language } from '../../shared/i18n/language.ts'
import { en, type MessageKey } from './en.ts'
import { fr } from './fr.ts'

export type Vars = Record<string, string | number>

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr }

/** Looks a key up and fills `{name}` placeholders. */
export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const template = DICTIONARIES[language][key]
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match))
}
