/**
 * Announcements: what the server did to everyone's board on a facilitator's request, told to
 * everyone (a restore rewrites the board; a revealed private-writing round adds everyone's cards at
 * once). Each is a record the SERVER writes into the board document, in the same change as what it
 * announces (so every client, and a late joiner, receives both together, and nobody receives one
 * without the other). Clients may never write there: the write guard refuses any insert or delete
 * under `announcements` (server/sync/write-guard.ts), so nobody can forge one.
 *
 * The place holds a few recent records only: each new one drops those past ANNOUNCEMENT_KEPT_MS
 * and beyond the newest ANNOUNCEMENTS_KEPT. Clients show those younger than ANNOUNCEMENT_SHOWN_MS.
 */
import * as Y from 'yjs'
import { newId } from './ids.ts'
import { announcementsOf } from './schema.ts'

export const ANNOUNCEMENT_KINDS = ['restore', 'reveal'] as const
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number]

export interface Announcement {
  id: string
  kind: AnnouncementKind
  /** When the server did it (ISO 8601, the server's clock). */
  at: string
  /**
   * Who asked: the person id the server derived from their person key ('' without one) and the
   * name their client gave ('' when none: shown as "the facilitator").
   */
  by: { personId: string; name: string }
  /** restore: the label of the snapshot brought back; reveal: the round's title. */
  label: string
  /** reveal: how many cards were revealed; restore: 0. */
  count: number
}

/** Who asked for what is announced. */
export type AnnouncedBy = Announcement['by']

/** How long a client shows an announcement (a late joiner within this sees it too). */
export const ANNOUNCEMENT_SHOWN_MS = 30 * 60_000
/** How long the board keeps one. */
export const ANNOUNCEMENT_KEPT_MS = 24 * 60 * 60_000
export const ANNOUNCEMENTS_KEPT = 20
export const ANNOUNCEMENT_NAME_MAX = 200
export const ANNOUNCEMENT_LABEL_MAX = 500

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isShortText = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max

/** The shape of one record (board-shape.ts checks it; readers skip anything else). */
export function isAnnouncement(v: unknown): v is Announcement {
  return isObject(v) && typeof v.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v.id) &&
    (ANNOUNCEMENT_KINDS as readonly unknown[]).includes(v.kind) &&
    typeof v.at === 'string' && v.at.length <= 40 && !Number.isNaN(Date.parse(v.at)) &&
    isObject(v.by) && isShortText(64)(v.by.personId) && isShortText(ANNOUNCEMENT_NAME_MAX)(v.by.name) &&
    isShortText(ANNOUNCEMENT_LABEL_MAX)(v.label) &&
    typeof v.count === 'number' && Number.isInteger(v.count) && v.count >= 0
}

/** Every well-formed announcement, newest first. */
export function listAnnouncements(doc: Y.Doc): Announcement[] {
  const list: Announcement[] = []
  announcementsOf(doc).forEach((value, key) => {
    if (isAnnouncement(value) && value.id === key) list.push(value)
  })
  return list.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id))
}

/** Those to show now: younger than ANNOUNCEMENT_SHOWN_MS (a little from the future too: clocks differ). */
export function recentAnnouncements(list: readonly Announcement[], now: number, dismissed: ReadonlySet<string> = new Set()): Announcement[] {
  return list.filter((a) => !dismissed.has(a.id) && now - Date.parse(a.at) < ANNOUNCEMENT_SHOWN_MS)
}

/**
 * Writes an announcement (the server only: call it inside the change it announces) and drops old
 * ones. Returns its id.
 */
export function announce(doc: Y.Doc, fields: Omit<Announcement, 'id' | 'at'>, now = new Date()): string {
  const id = newId()
  const record: Announcement = {
    id, kind: fields.kind, at: now.toISOString(),
    by: { personId: fields.by.personId.slice(0, 64), name: fields.by.name.trim().slice(0, ANNOUNCEMENT_NAME_MAX) },
    label: fields.label.slice(0, ANNOUNCEMENT_LABEL_MAX), count: fields.count,
  }
  const map = announcementsOf(doc)
  doc.transact(() => {
    map.set(id, record)
    const kept = listAnnouncements(doc)
    kept.forEach((a, i) => {
      if (i >= ANNOUNCEMENTS_KEPT || now.getTime() - Date.parse(a.at) > ANNOUNCEMENT_KEPT_MS) map.delete(a.id)
    })
    // Anything malformed (an imported archive's oddity) goes too.
    for (const [key, value] of [...map.entries()]) if (!isAnnouncement(value) || value.id !== key) map.delete(key)
  })
  return id
}
