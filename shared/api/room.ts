/**
 * Payloads of the room API (`/api/time`, `/api/boards/:id/room/…`), validated once here and typed
 * for both sides. See shared/board/room.ts for the room itself.
 */
import { z } from 'zod'
import { TIMER_MAX_MS } from '../board/room.ts'

/** `GET /api/time`: the server's clock, for clients to measure their offset to it (RTT/2). */
export interface ServerTimeResponse {
  /** Milliseconds since the epoch, server clock. */
  now: number
}

const duration = z.number().int('durationMs: whole milliseconds').min(1_000, 'durationMs: at least one second')
  .max(TIMER_MAX_MS, 'durationMs: at most 24 hours')

/** `POST /api/boards/:id/room/timer`: start (or resume), pause, reset, or turn the end sound on or off. */
export const timerCommandRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), durationMs: duration.optional(), sound: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('pause'), sound: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('reset'), durationMs: duration.optional(), sound: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('sound'), sound: z.boolean() }).strict(),
])
export type TimerCommandRequest = z.infer<typeof timerCommandRequest>

/**
 * `PUT /api/boards/:id/room/join-link`: the facilitator's device registers one of the board's
 * participant links (its token, and its join code when the device has it) to be shown in the room.
 */
export const roomJoinLinkRequest = z.object({
  token: z.string().min(1).max(200),
  code: z.string().min(1).max(64).nullish(),
}).strict()
export type RoomJoinLinkRequest = z.infer<typeof roomJoinLinkRequest>

/** `GET /api/boards/:id/room/join-link` (facilitator and room display only). */
export interface RoomJoinLinkResponse {
  inviteId: string
  /** The participant link's token: the display builds the link and its QR code from it. */
  token: string
  /** Its join code, formatted `K7PM-2QXR`, or null when the facilitator's device didn't have it. */
  code: string | null
  /** The link's label ('' for a generic link) and the partner it is bound to, or null. */
  label: string
  partnerId: string | null
}
