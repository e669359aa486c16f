/**
 * Who may do what on a board: the one place these rules live. Server routes and the sync room ask
 * `can()`; the client asks it too, only to hide what the server would refuse anyway.
 */
export const ROLES = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof ROLES)[number]

export type Action =
  | 'board.read' // see the board and who is present
  | 'board.edit' // change the board document (charter, values, interests…)
  | 'invites.read' // see the invite links of every role
  | 'presence.announce' // appear in the presence list
  | 'board.facilitate' // run rounds, change board settings (e.g. lock the partner list)
  | 'board.speak-for-any-partner' // record a stance or a card on any partner's behalf
  | 'board.remove-any' // remove anyone's value or card (others remove only their own)
  | 'snapshots.write' // save a snapshot, end a session with its iteration, restore an iteration
  | 'board.export' // download the whole board archive (all snapshots included)

const RULES: Record<Action, readonly Role[]> = {
  'board.read': ['facilitator', 'participant', 'observer'],
  'board.edit': ['facilitator', 'participant'],
  'invites.read': ['facilitator'],
  // Observers are visible: the facilitator must see who watches.
  'presence.announce': ['facilitator', 'participant', 'observer'],
  'board.facilitate': ['facilitator'],
  'board.speak-for-any-partner': ['facilitator'],
  'board.remove-any': ['facilitator'],
  'snapshots.write': ['facilitator'],
  'board.export': ['facilitator'],
}

export function can(role: Role, action: Action): boolean {
  return RULES[action].includes(role)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
