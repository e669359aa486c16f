/**
 * What the status bar says about my changes, from the connection and the save tracker
 * (save-tracker.ts). "Not saved" is its own state: the server closed my socket because it could
 * not save (1011: its disk is full, its database is down) or could not load the board (4503).
 * Until what I sent is acknowledged, my changes are only on this device, and "Saving…" would
 * promise too much: the store may be back in seconds or in an hour. The changes go again on every
 * reconnection (backoff with jitter, reconnect-policy.ts); the first acknowledgement clears it.
 */
import { CloseCode } from '../../shared/protocol/close-codes.ts'

export type SaveState = 'saved' | 'saving' | 'offline' | 'not-saved' | 'view-only'

/** Whether the server closed a socket because it could not save or load: my changes wait on this device. */
export const closeMeansNotSaved = (code: number): boolean =>
  code === CloseCode.InternalError.code || code === CloseCode.RoomUnavailable.code

export function saveStateOf(input: {
  canEdit: boolean
  connection: 'connecting' | 'connected' | 'offline'
  /** The save tracker: everything I changed is acknowledged. */
  saved: boolean
  /** The server closed my socket with one of closeMeansNotSaved's codes since my last acknowledgement. */
  serverCouldNotSave: boolean
}): SaveState {
  if (!input.canEdit) return 'view-only'
  if (input.saved) return input.connection === 'offline' ? 'offline' : 'saved'
  if (input.serverCouldNotSave) return 'not-saved'
  return input.connection === 'offline' ? 'offline' : 'saving'
}
