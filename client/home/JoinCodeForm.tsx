/**
 * "Join with a code": the short code a facilitator shows (projector, paper) instead of a long link.
 * The code is itself the credential: this device keeps it as the board's token, like a link's.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { formatJoinCode, normalizeJoinCode } from '../../shared/auth/join-code.ts'
import { AppHeader } from '../app/AppHeader.tsx'
import { boardPath, navigate } from '../app/router.ts'
import { joinByCode } from '../http/invites-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { rememberToken } from '../storage/boards.ts'

export function JoinCodeForm({ initialCode = '', autoSubmit = false, headingLevel = 2 }: { initialCode?: string; autoSubmit?: boolean; headingLevel?: 1 | 2 }) {
  const { t } = useI18n()
  const id = useId()
  const [code, setCode] = useState(initialCode)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  const join = async (typed: string) => {
    const normal = normalizeJoinCode(typed)
    if (normal === null) {
      setError(t('join.code.invalid'))
      input.current?.focus()
      return
    }
    setError(null)
    setBusy(true)
    const result = await joinByCode(formatJoinCode(normal))
    setBusy(false)
    if (result.ok) {
      rememberToken(result.value.boardId, result.value.token)
      navigate(boardPath(result.value.boardId))
      return
    }
    setError(result.kind === 'network' ? t('join.code.network')
      : result.status === 404 ? t('join.code.unknown')
      : result.status === 429 ? t('join.code.tooMany')
      : t('join.code.error', { message: result.message }))
    input.current?.focus()
  }

  useEffect(() => {
    if (autoSubmit && initialCode) void join(initialCode)
    // Once, for a code that came in the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void join(code)
  }

  const Heading = `h${headingLevel}` as const
  return (
    <form className="card join-code" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('join.code.heading')}</Heading>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('join.code.label')}</label>
        <input
          ref={input}
          id={`${id}-code`}
          name="code"
          type="text"
          className="join-code__input"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setCode(event.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>{t('join.code.hint')}</p>
        {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('join.code.submitting') : t('join.code.submit')}
      </button>
    </form>
  )
}

/** `/j` (and `/j#K7PM-2QXR`): the join form alone, for a phone in the room. */
export function JoinPage() {
  const [initial] = useState(() => decodeURIComponent(location.hash.replace(/^#/, '')))
  useEffect(() => {
    // The code is a credential: don't leave it in the address bar or the history.
    if (location.hash) history.replaceState(history.state, '', location.pathname)
  }, [])
  return (
    <>
      <AppHeader />
      <main id="main" className="page page--center">
        <JoinCodeForm initialCode={initial} autoSubmit={initial !== ''} headingLevel={1} />
      </main>
    </>
  )
}
