/**
 * French typography for text people typed, as exported documents print it: a no-break space
 * (U+00A0) before a colon and inside « », a narrow one (U+202F) before ; ? ! (the same rules as the
 * UI's own strings, client/i18n/typography.test.ts). Only spaces are changed or added, never a
 * character people typed (their straight quotes stay: they may be quoting code or a name). URLs
 * and times ("https://", "14:30") are left as they are.
 */

const NBSP = '\u00a0'
const NNBSP = '\u202f'

export function frenchTypography(text: string): string {
  if (!text) return text
  const out = text
    // A plain space (or none, after a letter or a closing mark) before : ; ? ! followed by a space or the end.
    .replace(/(?:[ \t]+|(?<=[\p{L}\p{N})\]»%]))([:;?!])(?=\s|$)/gu, (_, mark: string) => `${mark === ':' ? NBSP : NNBSP}${mark}`)
  return out
    .replace(/«[ \t\u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \t\u00a0\u202f]*»/g, `${NBSP}»`)
}
