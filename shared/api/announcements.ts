/**
 * The optional body of the calls the server announces to everyone (restore, reveal a round):
 * `{"name"?: string}`, the name to show as who did it. The person id is the server's own
 * knowledge (the X-Atelier-Person header), never read from here. An empty body is fine.
 */
import { z } from 'zod'
import { ANNOUNCEMENT_NAME_MAX } from '../board/announcements.ts'

export const announcedActionRequest = z.object({
  name: z.string().trim().max(ANNOUNCEMENT_NAME_MAX, `name must be at most ${ANNOUNCEMENT_NAME_MAX} characters`).optional(),
})

export type AnnouncedActionRequest = z.infer<typeof announcedActionRequest>
