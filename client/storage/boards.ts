/**
 * Boards known on this device: their token (the only key to a board, so it stays on this device),
 * and the last metadata the server gave, so the home list works and a board opens while offline.
 */
import { isRole, type Role } from '../../shared/auth/roles.ts'
import { BOARD_ID_PATTERN } from '../../shared/api/board-limits.ts'
import type { Invites } from '../../shared/api/boards.ts'
import { isRecord, readJson, writeJson } from './device-storage.ts'

export interface KnownBoard {
  id: string
  token: string
  title: string | null
  role: Role | null
  language: string | null
  /** Only for a facilitator; cached so the links can be copied while offline. */
  invites: Invites | null
  /** ISO 8601; when this device last opened the board. */
  lastOpened: string | null
}

const KEY = 'boards'

function parse(value: unknown): KnownBoard | null {
  if (!isRecord(value)) return null
  const { id, token, title, role, language, invites, lastOpened } = value
  if (typeof id !== 'string' || !BOARD_ID_PATTERN.test(id) || typeof token !== 'string' || token === '') return null
  return {
    id,
    token,
    title: typeof title === 'string' ? title : null,
    role: isRole(role) ? role : null,
    language: typeof language === 'string' ? language : null,
    invites: isRecord(invites) && typeof invites.facilitator === 'string' && typeof invites.participant === 'string' && typeof invites.observer === 'string'
      ? { facilitator: invites.facilitator, participant: invites.participant, observer: invites.observer }
      : null,
    lastOpened: typeof lastOpened === 'string' ? lastOpened : null,
  }
}

function readAll(): Record<string, KnownBoard> {
  const raw = readJson(KEY)
  const boards: Record<string, KnownBoard> = {}
  if (!isRecord(raw)) return boards
  for (const value of Object.values(raw)) {
    const board = parse(value)
    if (board) boards[board.id] = board
  }
  return boards
}

export function knownBoard(id: string): KnownBoard | null {
  return readAll()[id] ?? null
}

/** Boards this device opened (or created), most recent first. */
export function knownBoards(): KnownBoard[] {
  return Object.values(readAll())
    .filter((board) => board.title !== null)
    .sort((a, b) => (b.lastOpened ?? '').localeCompare(a.lastOpened ?? ''))
}

/** Remembers a token from an invite link; a new link for the same board replaces the old one. */
export function rememberToken(id: string, token: string): void {
  const boards = readAll()
  const previous = boards[id]
  // Another token may mean another role: drop what we knew under the old one.
  boards[id] = previous && previous.token === token
    ? previous
    : { id, token, title: previous?.title ?? null, role: null, language: null, invites: null, lastOpened: previous?.lastOpened ?? null }
  writeJson(KEY, boards)
}

export function updateKnownBoard(id: string, fields: Partial<Omit<KnownBoard, 'id' | 'token'>>): void {
  const boards = readAll()
  const previous = boards[id]
  if (!previous) return
  boards[id] = { ...previous, ...fields }
  writeJson(KEY, boards)
}

export function forgetBoard(id: string): void {
  const boards = readAll()
  delete boards[id]
  writeJson(KEY, boards)
}
