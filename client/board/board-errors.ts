/** A refused board operation (shared/board BoardError), in the reader's language. */
import { BoardError } from '../../shared/board/board-error.ts'
import { en, type MessageKey } from '../i18n/en.ts'
import type { Vars } from '../i18n/translate.ts'

const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(en, key)

export function describeError(t: (key: MessageKey, vars?: Vars) => string, error: unknown): string {
  if (error instanceof BoardError && isMessageKey(error.key)) return t(error.key, error.params)
  return t('error.unexpected', { message: error instanceof Error ? error.message : String(error) })
}
