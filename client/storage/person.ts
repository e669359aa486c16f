/**
 * Who I am to the board operations: a random id stable on this device (contributions record it as
 * their author), and, per board, the partner I speak for there (chosen when joining).
 */
import { newId } from '../../shared/board/ids.ts'
import { isRecord, readJson, writeJson } from './device-storage.ts'

const PERSON_KEY = 'person'
const SPEAKS_FOR_KEY = 'speaksFor'

/** This device's person id, created on first use. */
export function personId(): string {
  const stored = readJson(PERSON_KEY)
  if (typeof stored === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored
  const id = newId()
  writeJson(PERSON_KEY, id)
  return id
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
