/** Words shared by the map, the matrix and the rounds: card kinds, group kinds, board errors. */
import type { GroupView } from '../../shared/board/interests.ts'
import { BoardError } from '../../shared/board/board-error.ts'
import type { CardKind } from '../../shared/board/schema.ts'
import type { MessageKey } from '../i18n/en.ts'
import { en } from '../i18n/en.ts'
import type { Vars } from '../i18n/translate.ts'

type T = (key: MessageKey, vars?: Vars) => string

/** Shape marks that tell the kinds apart without colour (also spelled out in words beside them). */
export const KIND_ICON: Record<CardKind, string> = { interest: '◎', brings: '✚' }

export const kindLabel = (t: T, kind: CardKind): string => t(kind === 'brings' ? 'interests.kind.brings' : 'interests.kind.interest')

/** A group's derived kind in words: "specific" is one partner's own logic, said with respect. */
export function groupKindLabel(t: T, group: Pick<GroupView, 'kind' | 'partnerIds'>, partnerName: (id: string) => string): string {
  switch (group.kind) {
    case 'convergent': return t('interests.groupKind.convergent')
    case 'complementary': return t('interests.groupKind.complementary')
    case 'specific': return t('interests.groupKind.specific', { partner: partnerName(group.partnerIds[0] ?? '') })
    default: return t('interests.groupKind.empty')
  }
}

/** A refused board operation in the UI's language (the English fallback if no key matches). */
export function errorText(t: T, error: unknown): string {
  if (error instanceof BoardError) {
    if (error.key in en) return t(error.key as MessageKey, error.params)
    const own = `interests.${error.key}`
    if (own in en) return t(own as MessageKey, error.params)
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}
