/** Actors for driving the board operations from Node test clients, as the UI does. */
import type { Actor } from '../../shared/board/actor.ts'
import type { Role } from '../../shared/auth/roles.ts'
import { personIdFromKey } from '../../shared/auth/person.ts'

/** The person key test clients present unless told otherwise (tests/helpers/sync-client.ts). */
export const TEST_PERSON_KEY = 'test-person-key-0123456789abcdefghijklmnop'

/** A person key of its own for `name` (to tell two people apart, e.g. "only its author removes it"). */
export const personKeyOf = (name: string): string => `person-key-of-${name.toLowerCase().replace(/[^a-z0-9]/g, '-')}`.padEnd(40, '0')

/** An actor whose person id is the one the server derives from `personKey` (the test default unless given). */
export const testActor = (name: string, partnerId: string, role: Role = 'participant', personKey = TEST_PERSON_KEY): Actor =>
  ({ personId: personIdFromKey(personKey), name, partnerId, role })
