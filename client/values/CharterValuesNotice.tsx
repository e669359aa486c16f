/**
 * Adopted values the charter's shared-values section doesn't state yet, and one button to insert
 * them. Shown in the Values section and in the Charter section.
 */
import { useState } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { adoptedValuesMissingFromCharter, insertAdoptedValuesIntoCharter } from '../../shared/board/charter-values.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'

const missingTexts = (doc: Y.Doc) => adoptedValuesMissingFromCharter(doc).map((value) => ({ id: value.id, text: value.text }))

export function CharterValuesNotice({ doc, actor, link }: { doc: Y.Doc; actor: Actor; link?: { href: string; onClick(): void } }) {
  const { t } = useI18n()
  const missing = useDocValue(doc, missingTexts)
  const [message, setMessage] = useState('')
  const [error, setError] = useState<string | null>(null)

  const insert = () => {
    setError(null)
    try {
      const count = insertAdoptedValuesIntoCharter(doc, actor)
      setMessage(t('charterValues.inserted', { count }))
    } catch (caught) {
      setError(describeError(t, caught))
    }
  }

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">{message}</p>
      {missing.length > 0 && (
        <section className="notice charter-values" aria-labelledby="charter-values-heading" data-testid="charter-values-missing">
          <h2 id="charter-values-heading">{t('charterValues.heading')} ({missing.length})</h2>
          <ul className="charter-values__list">
            {missing.map((value) => <li key={value.id}>{value.text}</li>)}
          </ul>
          <div className="form-actions">
            {can(actor.role, 'board.edit') && (
              <button type="button" className="button button--primary" onClick={insert}>{t('charterValues.insert')}</button>
            )}
            {link && (
              <a className="button" href={link.href} onClick={(event) => { event.preventDefault(); link.onClick() }}>{t('charterValues.seeValues')}</a>
            )}
          </div>
          {error && <p className="form-error" role="alert">{error}</p>}
        </section>
      )}
    </>
  )
}
