/**
 * Who asked for a change the server announces to everyone (a restore, a revealed round): the person
 * id derived from the `X-Atelier-Person` key ('' without one) and the name the body gives ('' when
 * none). Only the facilitator reaches these routes; the name is what the room sees, not a proof.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { announcedActionRequest } from '../../shared/api/announcements.ts'
import type { AnnouncedBy } from '../../shared/board/announcements.ts'
import { PERSON_HEADER } from '../../shared/api/drafts.ts'
import { PERSON_KEY_PATTERN, personIdFromKey } from '../../shared/auth/person.ts'
import { readJson } from './read-json.ts'

/** Bodies here are a name: far below this. */
const MAX_BODY_BYTES = 4_096

export async function announcerOf(c: Context): Promise<AnnouncedBy> {
  const key = c.req.header(PERSON_HEADER)
  if (key !== undefined && key !== '' && !PERSON_KEY_PATTERN.test(key)) {
    throw new HTTPException(400, { message: `Malformed person key (${PERSON_HEADER})` })
  }
  const { name } = await readJson(c, announcedActionRequest, { maxBytes: MAX_BODY_BYTES, emptyIsObject: true })
  return { personId: key ? personIdFromKey(key) : '', name: name ?? '' }
}
