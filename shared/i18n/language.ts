/** The languages Atelier speaks. French first: our users are French associations. */
export const LANGUAGES = ['fr', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'fr'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Picks our best language from an Accept-Language header or navigator.languages. */
export function pickLanguage(preferred: readonly string[] | string | null | undefined): Language {
  const list = typeof preferred === 'string'
    ? preferred.split(',').map((part) => part.split(';')[0]!.trim())
    : preferred ?? []
  for (const tag of list) {
    const base = tag.toLowerCase().split('-')[0]
    if (isLanguage(base)) return base
  }
  return DEFAULT_LANGUAGE
}
