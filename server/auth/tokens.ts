/** Invite tokens: random, shown once to the creator, stored only as a hash, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

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
