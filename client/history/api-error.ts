/** A failed REST call, in the reader's language. */
import type { ApiFailure } from '../http/request.ts'
import type { MessageKey } from '../i18n/en.ts'
import type { Vars } from '../i18n/translate.ts'

export function apiErrorText(t: (key: MessageKey, vars?: Vars) => string, failure: ApiFailure): string {
  if (failure.kind === 'network') return t('iter.error.network')
  if (failure.status === 403) return t('iter.error.forbidden')
  if (failure.status === 404) return t('iter.error.notFound')
  return t('iter.error.server', { message: failure.message })
}
