/**
 * A person's id on a board, proven rather than claimed: each device keeps a random secret key and
 * sends it with its sync connection (`person=` in the URL); the id written as the author of its
 * contributions is a hash of that key. The server computes the same hash, so a stock client can't
 * write, remove or vote as somebody else's device without that device's key.
 */
import { digest } from 'lib0/hash/sha256'
import { toBase64 } from 'lib0/buffer'

export const SYNC_PERSON_PARAM = 'person'

/**
 * The header carrying the device's secret person key over HTTP: the server derives the author's
 * person id from it, and never takes a person id from the client. Here, not in shared/api/drafts.ts,
 * so the home page's bundle doesn't pull zod and yjs in with it.
 */
export const PERSON_HEADER = 'X-Atelier-Person'
/** What a person key looks like: 32 to 128 URL-safe characters (the client makes 43). */
export const PERSON_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

/** 22 URL-safe characters (132 bits) of sha256('atelier-person:' + key). */
export function personIdFromKey(key: string): string {
  const hash = digest(new TextEncoder().encode(`atelier-person:${key}`))
  return toBase64(hash).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '').slice(0, 22)
}
