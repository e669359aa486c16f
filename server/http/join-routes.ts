/**
 * `POST /api/join {code}`: a short join code (typed from a projector) → the board it opens. The
 * code itself is the bearer credential the client then uses. Failed attempts are limited per
 * address, so codes can't be guessed through here.
 */
import { Hono } from 'hono'
import { joinRequest, type JoinResponse } from '../../shared/api/invites.ts'
import { formatJoinCode, normalizeJoinCode } from '../../shared/auth/join-code.ts'
import type { InviteService } from '../invites/invite-service.ts'
import { log } from '../log.ts'
import { FailureLimit } from './failure-limit.ts'
import { clientAddress } from './rate-limit.ts'
import { readJson } from './read-json.ts'

/** 10 wrong codes per address per 10 minutes: plenty for typos, ~60 guesses an hour for an attacker. */
export const JOIN_MAX_FAILURES = 10
export const JOIN_FAILURE_WINDOW_MS = 10 * 60_000

export function joinRoutes(invites: InviteService, limit = new FailureLimit({ maxFailures: JOIN_MAX_FAILURES, windowMs: JOIN_FAILURE_WINDOW_MS })): Hono {
  const routes = new Hono()

  routes.post('/', async (c) => {
    const address = clientAddress(c)
    const wait = limit.retryAfter(address)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      return c.json({ error: 'Too many wrong codes: try again later' }, 429)
    }
    const { code } = await readJson(c, joinRequest)
    const found = await invites.findByCode(code)
    if (!found) {
      limit.recordFailure(address)
      log('info', 'wrong join code', { address })
      return c.json({ error: 'Unknown or revoked code' }, 404)
    }
    return c.json({ boardId: found.boardId, token: formatJoinCode(normalizeJoinCode(code)!) } satisfies JoinResponse)
  })

  return routes
}
