import { describe, expect, it } from 'vitest'
import { closeMeansNotSaved, saveStateOf } from './save-state.ts'

const state = (overrides: Partial<Parameters<typeof saveStateOf>[0]>) =>
  saveStateOf({ canEdit: true, connection: 'connected', saved: true, serverCouldNotSave: false, ...overrides })

describe('the save state shown in the status bar', () => {
  it('is saved, saving or offline as before when the server never refused to save', () => {
    expect(state({})).toBe('saved')
    expect(state({ saved: false })).toBe('saving')
    expect(state({ saved: false, connection: 'offline' })).toBe('offline')
    expect(state({ connection: 'offline' })).toBe('offline')
    expect(state({ canEdit: false, saved: false, serverCouldNotSave: true })).toBe('view-only')
  })

  it('says not saved once the server closed the socket because it could not save, whatever the connection does, until acknowledged', () => {
    for (const connection of ['connecting', 'connected', 'offline'] as const) {
      expect(state({ saved: false, serverCouldNotSave: true, connection })).toBe('not-saved')
    }
    expect(state({ saved: true, serverCouldNotSave: true })).toBe('saved')
  })

  it('takes 1011 (could not save) and 4503 (board unavailable) as not saved; a restart or a resync is not', () => {
    expect(closeMeansNotSaved(1011)).toBe(true)
    expect(closeMeansNotSaved(4503)).toBe(true)
    for (const code of [1000, 1001, 1006, 4520, 4401]) expect(closeMeansNotSaved(code)).toBe(false)
  })
})
