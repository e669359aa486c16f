import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Actor } from './actor.ts'
import { formatTimer, isFollow, isTimer, leadRoom, nextTimer, readRoom, stopLeading, timerRemaining, writeTimer, type Timer } from './room.ts'
import { roomOf } from './schema.ts'

const fanny: Actor = { personId: 'fanny', name: 'Fanny', partnerId: 'facilitation', role: 'facilitator' }
const paul: Actor = { personId: 'paul', name: 'Paul', partnerId: 'p1', role: 'participant' }

describe('the room timer, in the server clock', () => {
  it('starts, pauses with the time left, resumes from it, resets to its duration', () => {
    const started = nextTimer(null, { action: 'start', durationMs: 60_000 }, 1_000)
    expect(started).toMatchObject({ state: 'running', endsAt: 61_000, durationMs: 60_000, sound: false })
    expect(timerRemaining(started, 11_000)).toBe(50_000)
    const paused = nextTimer(started, { action: 'pause' }, 11_000)
    expect(paused).toMatchObject({ state: 'paused', remainingMs: 50_000, endsAt: 0 })
    expect(timerRemaining(paused, 99_000)).toBe(50_000)
    const resumed = nextTimer(paused, { action: 'start' }, 20_000)
    expect(resumed.endsAt).toBe(70_000)
    expect(timerRemaining(resumed, 80_000)).toBe(0)
    // Ran out: starting again starts the full duration.
    expect(nextTimer(resumed, { action: 'start' }, 80_000).endsAt).toBe(140_000)
    const reset = nextTimer(resumed, { action: 'reset', durationMs: 120_000 }, 30_000)
    expect(reset).toMatchObject({ state: 'idle', remainingMs: 120_000, durationMs: 120_000 })
    expect(nextTimer(reset, { action: 'sound', sound: true }, 31_000)).toMatchObject({ state: 'idle', sound: true })
    expect(isTimer(reset)).toBe(true)
  })

  it('formats the time left, rounded up', () => {
    expect(formatTimer(0)).toBe('0:00')
    expect(formatTimer(1)).toBe('0:01')
    expect(formatTimer(65_000)).toBe('1:05')
    expect(formatTimer(3_723_000)).toBe('1:02:03')
  })

  it('reads a malformed timer or follow as absent', () => {
    const doc = new Y.Doc()
    roomOf(doc).set('timer', { state: 'running', endsAt: 'soon' })
    roomOf(doc).set('follow', { section: '<script>' })
    expect(readRoom(doc)).toEqual({ follow: null, timer: null, joinLink: null })
    writeTimer(doc, nextTimer(null, { action: 'reset' }, 5) as Timer)
    expect(readRoom(doc).timer?.state).toBe('idle')
  })
})

describe('follow-me', () => {
  it('the facilitator leads; moving keeps the leading, a new one restarts it; stop ends it', () => {
    const doc = new Y.Doc()
    const first = leadRoom(doc, fanny, { section: 'values' }, 'everyone')
    expect(isFollow(first)).toBe(true)
    expect(first).toMatchObject({ section: 'values', audience: 'everyone', heading: -1, by: { personId: 'fanny', name: 'Fanny' } })
    const moved = leadRoom(doc, fanny, { section: 'history', params: { from: 'abc', to: 'live', bogus: 'x' } as never }, 'everyone')
    expect(moved.id).toBe(first.id)
    expect(moved.params).toEqual({ from: 'abc', to: 'live' })
    expect(leadRoom(doc, fanny, { section: 'history', params: { from: 'abc', to: 'live' } }, 'everyone')).toBe(moved)
    const again = leadRoom(doc, fanny, { section: 'charter', heading: 2 }, 'everyone', { restart: true })
    expect(again.id).not.toBe(first.id)
    expect(leadRoom(doc, fanny, { section: 'charter' }, 'display').id).not.toBe(again.id)
    stopLeading(doc, fanny)
    expect(readRoom(doc).follow).toBeNull()
  })

  it('only the facilitator leads', () => {
    const doc = new Y.Doc()
    expect(() => leadRoom(doc, paul, { section: 'values' }, 'everyone')).toThrow()
    expect(() => stopLeading(doc, paul)).toThrow()
  })
})
