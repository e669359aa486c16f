/** Propose a value: a short text and an optional explanation, for the partner I speak for. */
import { useId, useRef, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { proposeValue, VALUE_EXPLANATION_MAX, VALUE_TEXT_MAX } from '../../shared/board/values.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export function ProposeValueForm({ doc, actor, onProposed }: { doc: Y.Doc; actor: Actor; onProposed(text: string): void }) {
  const { t } = useI18n()
  const id = useId()
  const textInput = useRef<HTMLInputElement>(null)
  const [text, setText] = useState('')
  const [explanation, setExplanation] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      proposeValue(doc, actor, { text, explanation })
      onProposed(text.trim())
      setText('')
      setExplanation('')
      textInput.current?.focus()
    } catch (caught) {
      setError(describeError(t, caught))
      textInput.current?.focus()
    }
  }

  return (
    <form className="card propose-value" aria-labelledby={`${id}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${id}-heading`}>{t('values.propose.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('values.propose.text')}</label>
        <input
          ref={textInput} id={`${id}-text`} type="text" value={text} maxLength={VALUE_TEXT_MAX}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setText(event.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>{t('values.propose.textHint')}</p>
        {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-explanation`}>{t('values.propose.explanation')}</label>
        <textarea id={`${id}-explanation`} value={explanation} maxLength={VALUE_EXPLANATION_MAX} rows={2} onChange={(event) => setExplanation(event.target.value)} />
      </div>
      <button type="submit" className="button button--primary">{t('values.propose.submit')}</button>
    </form>
  )
}
