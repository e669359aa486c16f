/**
 * Who may do what on a board: the one place these rules live. The server enforces them on every
 * REST route and on every sync message (server/sync/write-guard.ts maps each place of the board
 * document to one of these actions); the client asks the same table, only to hide what the server
 * would refuse anyway.
 */
export const ROLES = ['facilitator', 'participant', 'observer', 'display'] as const
export type Role = (typeof ROLES)[number]

/**
 * The limit an action has for the roles it names, besides the facilitator (who is never limited,
 * and whose acts for a partner are recorded as made on its behalf).
 *  - any: no further limit.
 *  - own-partner: only for the partner their invite link is bound to (a generic link speaks for
 *    no partner formally).
 *  - declared-partner: for the partner their link is bound to, or, with a generic link, the one
 *    they said they speak for when joining.
 *  - own-contribution: only what they wrote themselves.
 *  - unless-locked: only while the facilitator leaves the list of partners open.
 */
export type Scope = 'any' | 'own-partner' | 'declared-partner' | 'own-contribution' | 'unless-locked'

interface Rule {
  roles: readonly Role[]
  scope: Scope
}

const F = ['facilitator'] as const
const EDITORS = ['facilitator', 'participant'] as const
const PRESENT = ['facilitator', 'participant', 'observer'] as const
const EVERYONE = ROLES

export const RULES = {
  'board.read': { roles: EVERYONE, scope: 'any' }, // see the board
  // Observers are visible (the facilitator must see who watches); the room display is not a person.
  'presence.announce': { roles: PRESENT, scope: 'any' },
  'board.edit': { roles: EDITORS, scope: 'any' }, // change anything at all (else: read-only)
  'charter.edit': { roles: EDITORS, scope: 'any' },
  'partners.edit': { roles: EDITORS, scope: 'unless-locked' }, // add a partner, edit its fields
  'partners.remove': { roles: F, scope: 'any' },
  'board.facilitate': { roles: F, scope: 'any' }, // board settings and locks (meta)
  'value.propose': { roles: EDITORS, scope: 'declared-partner' },
  'value.edit': { roles: EDITORS, scope: 'any' }, // reword (resets stances), explain, reorder
  'value.merge': { roles: F, scope: 'any' },
  'value.remove': { roles: EDITORS, scope: 'own-contribution' },
  'stance.record': { roles: EDITORS, scope: 'own-partner' },
  'card.add': { roles: EDITORS, scope: 'declared-partner' },
  'card.edit': { roles: EDITORS, scope: 'any' }, // reword, move, group
  'card.remove': { roles: EDITORS, scope: 'own-contribution' },
  'group.edit': { roles: EDITORS, scope: 'any' }, // create, rename, move, remove groups
  'round.run': { roles: F, scope: 'any' }, // open and close private writing and dot votes
  'vote.cast': { roles: EDITORS, scope: 'own-partner' }, // per person: one's own; per partner: one's bound partner
  'session.run': { roles: F, scope: 'any' }, // start, agenda, attendance, decisions and actions
  'deliberation.record': { roles: EDITORS, scope: 'own-partner' },
  // Phase 5's follow-up: any editor says where an action stands (to do, in progress, done, dropped), signed, never rewritten.
  'action.track': { roles: EDITORS, scope: 'any' },
  // The method's guide (shared/board/method.ts): nothing in it locks anything.
  'method.steer': { roles: F, scope: 'any' }, // the board's current phase
  'method.check': { roles: EDITORS, scope: 'any' }, // tick a step of a phase's checklist
  'cooperation.define': { roles: EDITORS, scope: 'any' }, // the field of cooperation, its groups, the chosen form and why
  'diagnosis.write': { roles: EDITORS, scope: 'own-partner' }, // a partner's strategic diagnosis, and sharing it
  'impact.assess': { roles: EDITORS, scope: 'own-partner' }, // a partner's impact grid
  'review.run': { roles: F, scope: 'any' }, // periodic reviews of the charter with their indicators
  'invites.read': { roles: F, scope: 'any' }, // see, create, revoke and regenerate invite links
  'snapshots.write': { roles: F, scope: 'any' }, // save, end a session with its iteration, restore
  'board.export': { roles: F, scope: 'any' }, // the whole board archive (all snapshots included)
  'logos.manage': { roles: F, scope: 'any' }, // upload and remove the network's and partners' logos (report header)
  'room.lead': { roles: F, scope: 'any' }, // follow-me and the timer (shared/board/room.ts)
  // The join link shown in the room (its token): the facilitator who registers it, and the room display.
  'room.join-link.read': { roles: ['facilitator', 'display'], scope: 'any' },
  // Kept for the client's wording: the facilitator records for any partner, removes anything.
  'board.speak-for-any-partner': { roles: F, scope: 'any' },
  'board.remove-any': { roles: F, scope: 'any' },
} as const satisfies Record<string, Rule>

export type Action = keyof typeof RULES

/** Whether the role may do the action at all (its scope may limit it further). */
export function can(role: Role, action: Action): boolean {
  return (RULES[action].roles as readonly Role[]).includes(role)
}

/** The limit for this role: 'any' for the facilitator, the rule's scope for the others. */
export function scopeFor(role: Role, action: Action): Scope {
  return role === 'facilitator' ? 'any' : RULES[action].scope
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
