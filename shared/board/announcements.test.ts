import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ANNOUNCEMENT_SHOWN_MS, ANNOUNCEMENTS_KEPT, announce, isAnnouncement, listAnnouncements, recentAnnouncements,
} from './announcements.ts'
import { announcementsOf } from './schema.ts'

const by = { personId: 'fanny-person-id', name: 'Fanny' }

describe('announcements', () => {
  it('keeps the newest few, for a day at most, and drops malformed records', () => {
    const doc = new Y.Doc()
    const start = Date.parse('2026-12-01T09:00:00Z')
    announcementsOf(doc).set('junk', { kind: 'restore' })
    announce(doc, { kind: 'restore', by, label: 'Old', count: 0 }, new Date(start))
    for (let i = 1; i <= ANNOUNCEMENTS_KEPT + 5; i++) {
      announce(doc, { kind: 'reveal', by, label: `Round ${i}`, count: i }, new Date(start + 25 * 3_600_000 + i * 60_000))
    }
    const list = listAnnouncements(doc)
    expect(list).toHaveLength(ANNOUNCEMENTS_KEPT)
    expect(list[0]!.label).toBe(`Round ${ANNOUNCEMENTS_KEPT + 5}`) // newest first
    expect(list.some((a) => a.label === 'Old')).toBe(false)
    expect(announcementsOf(doc).has('junk')).toBe(false)
    expect([...announcementsOf(doc).values()].every(isAnnouncement)).toBe(true)
  })

  it('shows those of the last half hour that this device did not dismiss', () => {
    const doc = new Y.Doc()
    const now = Date.parse('2026-12-01T10:00:00Z')
    const old = announce(doc, { kind: 'restore', by, label: 'Iteration 1', count: 0 }, new Date(now - ANNOUNCEMENT_SHOWN_MS - 1))
    const dismissed = announce(doc, { kind: 'restore', by, label: 'Iteration 2', count: 0 }, new Date(now - 60_000))
    const shown = announce(doc, { kind: 'reveal', by: { personId: '', name: '' }, label: '', count: 3 }, new Date(now - 1_000))
    const recent = recentAnnouncements(listAnnouncements(doc), now, new Set([dismissed]))
    expect(recent.map((a) => a.id)).toEqual([shown])
    expect(recent.map((a) => a.id)).not.toContain(old)
  })

  it('cuts long names and labels to what the schema takes', () => {
    const doc = new Y.Doc()
    announce(doc, { kind: 'restore', by: { personId: 'p'.repeat(100), name: ` ${'n'.repeat(300)} ` }, label: 'l'.repeat(600), count: 0 })
    const [only] = listAnnouncements(doc)
    expect(isAnnouncement(only)).toBe(true)
    expect(only!.by.name).toHaveLength(200)
  })
})
