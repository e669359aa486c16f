/** Actors for driving the board operations from Node test clients, as the UI does. */
import type { Actor } from '../../shared/board/actor.ts'
import type { Role } from '../../shared/auth/roles.ts'

export const testActor = (name: string, partnerId: string, role: Role = 'participant'): Actor =>
  ({ personId: `person-${name.toLowerCase()}`, name, partnerId, role })
