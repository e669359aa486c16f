/**
 * Short join codes: the same credential as an invite link's token, short enough to type from a
 * projector on a phone. Eight characters from an alphabet without look-alikes (no 0, O, 1, I, L,
 * U), shown as `K7PM-2QXR`, typed in any case, with or without the dash or spaces.
 * 30^8 ≈ 6.6 × 10^11 codes: too many to try through `POST /api/join` and its limit on failures.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const JOIN_CODE_LENGTH = 8

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`)

/** The canonical form of what someone typed (upper case, no separators), or null if it can't be a code. */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s\-–—_.]/g, '')
  return CODE.test(code) ? code : null
}

/** `K7PM2QXR` → `K7PM-2QXR`, for reading aloud and typing. */
export function formatJoinCode(code: string): string {
  const half = JOIN_CODE_LENGTH / 2
  return `${code.slice(0, half)}-${code.slice(half)}`
}
