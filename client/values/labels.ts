/** Words and icons for statuses and stances: always a text beside the icon, never colour alone. */
import type { StanceKind, ValueStatus } from '../../shared/board/schema.ts'
import type { MessageKey } from '../i18n/en.ts'

export const STATUS_TEXT: Record<ValueStatus, MessageKey> = {
  adopted: 'valueStatus.adopted',
  contested: 'valueStatus.contested',
  open: 'valueStatus.open',
}
export const STATUS_ICON: Record<ValueStatus, string> = { adopted: '✓', contested: '✕', open: '…' }

export const STANCE_KINDS: readonly StanceKind[] = ['agree', 'reservation', 'object', 'undecided']
export const STANCE_TEXT: Record<StanceKind, MessageKey> = {
  agree: 'stance.agree',
  reservation: 'stance.reservation',
  object: 'stance.object',
  undecided: 'stance.undecided',
}
export const STANCE_ICON: Record<StanceKind, string> = { agree: '✓', reservation: '✓!', object: '✕', undecided: '?' }
