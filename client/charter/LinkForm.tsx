/** The small inline form the link button opens: edit, apply or remove the link at the selection. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Editor } from '@tiptap/react'
import { isAllowedLinkHref } from '../../shared/editor/extensions.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

/** "example.org" means https://example.org; anything with another scheme is refused, not rewritten. */
export function normaliseHref(input: string): string {
  const value = input.trim()
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`
  return `https://${value}`
}

export function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [href, setHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? '')
  const [error, setError] = useState<string | null>(null)
  const hasLink = editor.isActive('link')

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (href.trim() === '') {
      setError(t('link.empty'))
      return
    }
    const target = normaliseHref(href)
    if (!isAllowedLinkHref(target)) {
      setError(t('link.invalid'))
      input.current?.focus()
      return
    }
    const chain = editor.chain().focus().extendMarkRange('link')
    if (editor.state.selection.empty && !hasLink) {
      // Nothing selected: insert the address itself as the link text.
      chain.insertContent({ type: 'text', text: target.replace(/^mailto:/, ''), marks: [{ type: 'link', attrs: { href: target } }] }).run()
    } else {
      chain.setLink({ href: target }).run()
    }
    onClose()
  }

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }

  return (
    <form className="link-form" onSubmit={apply} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={`${id}-href`}>{t('link.label')}</label>
      <div className="link-form__row">
        <input
          ref={input}
          id={`${id}-href`}
          type="url"
          inputMode="url"
          value={href}
          placeholder="https://"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => { setHref(event.target.value); setError(null) }}
        />
        <button type="submit" className="button button--small button--primary">{t('link.apply')}</button>
        {hasLink && <button type="button" className="button button--small" onClick={remove}>{t('link.remove')}</button>}
        <button type="button" className="button button--small button--quiet" onClick={close}>{t('link.cancel')}</button>
      </div>
      <p className="field__hint" id={`${id}-hint`}>{t('link.hint')}</p>
      {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
    </form>
  )
}
