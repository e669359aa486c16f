/** Runs board operations for a form or list and keeps the last refusal, in the reader's language, to show. */
import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { describeError } from './board-errors.ts'

export function useBoardAction(): { error: string | null; run(work: () => void): boolean } {
  const { t } = useI18n()
  const [error, setError] = useState<string | null>(null)
  /** True when the work went through (the error clears); false when it threw (the error shows). */
  const run = (work: () => void): boolean => {
    try {
      work()
      setError(null)
      return true
    } catch (problem) {
      setError(describeError(t, problem))
      return false
    }
  }
  return { error, run }
}
