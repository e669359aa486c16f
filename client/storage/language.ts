/** The UI language chosen on this device; when none was chosen, the browser's languages decide. */
import { isLanguage, pickLanguage, type Language } from '../../shared/i18n/language.ts'
import { readJson, writeJson } from './device-storage.ts'

const KEY = 'language'

export function initialLanguage(): Language {
  const stored = readJson(KEY)
  return isLanguage(stored) ? stored : pickLanguage(navigator.languages)
}

export function saveLanguage(language: Language): void {
  writeJson(KEY, language)
}
