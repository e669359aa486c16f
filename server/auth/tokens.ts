/** Invite tokens: random, shown once to the creator, stored only as a hash, compared in constant time. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from '../../shared/auth/join-code.ts'

/** 192 bits of randomness: unguessable, so a fast hash (not a password hash) is the right tool. */
export const newToken = (): string => randomBytes(24).toString('base64url')

export const newBoardId = (): string => randomBytes(12).toString('base64url')

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** Constant-time equality of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** A short join code (shared/auth/join-code.ts), canonical form. */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/**
 * The hash a join code is stored and looked up under (case and separators don't matter), or null
 * when the text can't be a code. Prefixed, so a code never hashes like a token.
 */
export function hashJoinCode(typed: string): string | null {
  const code = normalizeJoinCode(typed)
  return code === null ? null : hashToken(`code:${code}`)
}
