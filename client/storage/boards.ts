/**
 * Boards known on this device: their token (the only key to a board, so it stays on this device),
 * and the last metadata the server gave, so the home list works and a board opens while offline.
 */
import { ROLES, isRole, type Role } from '../../shared/auth/roles.ts'
import { BOARD_ID_PATTERN } from '../../shared/api/board-limits.ts'
import type { Invites } from '../../shared/api/boards.ts'
import { isRecord, readJson, writeJson } from './device-storage.ts'

export interface KnownBoard {
  id: string
  token: string
  title: string | null
  role: Role | null
  language: string | null
  /** Only for a facilitator: each role's token from the board's creation (older boards; see inviteSecrets). */
  invites: Partial<Invites> | null
  /** Only for a facilitator: the links this device created or replaced, by invite id (shown once by the server). */
  inviteSecrets: Record<string, InviteSecret>
  /** The invite link this device's token belongs to. */
  inviteId: string | null
  /** The partner that link is bound to (who uses it speaks for it), or null. */
  partnerId: string | null
  /** ISO 8601; when this device last opened the board. */
  lastOpened: string | null
}

export interface InviteSecret {
  token: string
  /** Formatted join code, or null for links made before codes existed. */
  code: string | null
}

const KEY = 'boards'

function parseInvites(value: unknown): Partial<Invites> | null {
  if (!isRecord(value)) return null
  const invites: Partial<Invites> = {}
  for (const role of ROLES) if (typeof value[role] === 'string') invites[role] = value[role]
  return Object.keys(invites).length > 0 ? invites : null
}

function parseSecrets(value: unknown): Record<string, InviteSecret> {
  const secrets: Record<string, InviteSecret> = {}
  if (!isRecord(value)) return secrets
  for (const [id, secret] of Object.entries(value)) {
    if (isRecord(secret) && typeof secret.token === 'string' && secret.token !== '') {
      secrets[id] = { token: secret.token, code: typeof secret.code === 'string' ? secret.code : null }
    }
  }
  return secrets
}

function parse(value: unknown): KnownBoard | null {
  if (!isRecord(value)) return null
  const { id, token, title, role, language, invites, inviteSecrets, inviteId, partnerId, lastOpened } = value
  if (typeof id !== 'string' || !BOARD_ID_PATTERN.test(id) || typeof token !== 'string' || token === '') return null
  return {
    id,
    token,
    title: typeof title === 'string' ? title : null,
    role: isRole(role) ? role : null,
    language: typeof language === 'string' ? language : null,
    invites: parseInvites(invites),
    inviteSecrets: parseSecrets(inviteSecrets),
    inviteId: typeof inviteId === 'string' ? inviteId : null,
    partnerId: typeof partnerId === 'string' ? partnerId : null,
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
    : {
      id, token, title: previous?.title ?? null, role: null, language: null, invites: null, inviteSecrets: {}, inviteId: null, partnerId: null,
      lastOpened: previous?.lastOpened ?? null,
    }
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

/** Keeps a link's token and code on this device (they are shown once), or forgets them (null). */
export function rememberInviteSecret(id: string, inviteId: string, secret: InviteSecret | null): void {
  const boards = readAll()
  const previous = boards[id]
  if (!previous) return
  const inviteSecrets = { ...previous.inviteSecrets }
  if (secret) inviteSecrets[inviteId] = secret
  else delete inviteSecrets[inviteId]
  boards[id] = { ...previous, inviteSecrets }
  writeJson(KEY, boards)
}

/** After a facilitator replaced their own link: the same board and role, under the new token. */
export function replaceOwnToken(id: string, token: string, inviteId: string): void {
  const boards = readAll()
  const previous = boards[id]
  if (!previous) return
  boards[id] = { ...previous, token, inviteId }
  writeJson(KEY, boards)
}
