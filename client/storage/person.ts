/**
 * Who I am to the board operations: a random id stable on this device (contributions record it as
 * their author), and, per board, the partner I speak for there (chosen when joining).
 */
import { toBase64 } from 'lib0/buffer'
import { PERSON_KEY_PATTERN, personIdFromKey } from '../../shared/auth/person.ts'
import { isRecord, readJson, writeJson } from './device-storage.ts'

/** Where devices kept a random person id before ids were derived from a key: left as it was, unused. */
const OLD_PERSON_ID = 'person'
const PERSON_SECRET = 'personKey'
const SPEAKS_FOR_KEY = 'speaksFor'

/**
 * This device's secret person key (shared/auth/person.ts): 32 random bytes, base64url, created on
 * first use. A device that only has an old random person id gets a key too; its id changes once
 * (the server can't prove an id that no key hashes to).
 */
export function personKey(): string {
  const stored = readJson(PERSON_SECRET)
  if (typeof stored === 'string' && PERSON_KEY_PATTERN.test(stored)) return stored
  // Storage may be disabled (private mode): the page keeps one key for its lifetime at least.
  if (sessionKey) return sessionKey
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  sessionKey = toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
  writeJson(PERSON_SECRET, sessionKey)
  return sessionKey
}
let sessionKey: string | null = null

/** This device's person id: the hash of its key, as the server computes it. */
export function personId(): string {
  return personIdFromKey(personKey())
}

/** The old random id of this device, if it had one (its earlier contributions carry it). */
export function oldPersonId(): string | null {
  const stored = readJson(OLD_PERSON_ID)
  return typeof stored === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(stored) ? stored : null
}

/** The partner (or 'facilitation') I said I speak for on this board, or null if not chosen yet. */
export function readSpeaksFor(boardId: string): string | null {
  const all = readJson(SPEAKS_FOR_KEY)
  if (!isRecord(all)) return null
  const value = all[boardId]
  return typeof value === 'string' && value !== '' ? value : null
}

export function saveSpeaksFor(boardId: string, partnerId: string): void {
  const raw = readJson(SPEAKS_FOR_KEY)
  const all = isRecord(raw) ? raw : {}
  writeJson(SPEAKS_FOR_KEY, { ...all, [boardId]: partnerId })
}
