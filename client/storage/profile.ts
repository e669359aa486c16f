/** Who I am on this device: asked once when joining a board, changeable from the board header. */
import { isRecord, readJson, writeJson } from './device-storage.ts'

export interface Profile {
  name: string
  organisation: string
  /** #rrggbb: the caret extension ignores any other colour form. */
  color: string
}

export const PROFILE_FIELD_MAX = 80

const KEY = 'profile'

/** Dark enough for white label text (contrast ≥ 4.5:1) and distinct from each other. */
export const PRESENCE_COLORS = ['#b3261e', '#1b6e3a', '#1f4e9c', '#8a3ffc', '#a14c00', '#006d75', '#9c1f6e', '#4d5b00'] as const

export function randomColor(): string {
  return PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)]!
}

export function readProfile(): Profile | null {
  const raw = readJson(KEY)
  if (!isRecord(raw)) return null
  const { name, organisation, color } = raw
  if (typeof name !== 'string' || typeof organisation !== 'string' || name.trim() === '' || organisation.trim() === '') return null
  return {
    name,
    organisation,
    color: typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : randomColor(),
  }
}

export function saveProfile(profile: Profile): void {
  writeJson(KEY, profile)
}
