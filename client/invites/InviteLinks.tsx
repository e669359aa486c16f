/** The three invite links of a board, each with what its role may do and a copy button. */
import { useEffect, useRef, useState } from 'react'
import { ROLES } from '../../shared/auth/roles.ts'
import type { Invites } from '../../shared/api/boards.ts'
import { inviteBase } from '../http/boards-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { CopyButton } from './CopyButton.tsx'
import { inviteUrl } from './invite-url.ts'

export function InviteLinks({ boardId, invites, headingLevel = 2 }: { boardId: string; invites: Invites; headingLevel?: 2 | 3 }) {
  const { t } = useI18n()
  const [base, setBase] = useState(() => location.origin)
  const [failedRole, setFailedRole] = useState<string | null>(null)
  const inputs = useRef<Record<string, HTMLInputElement | null>>({})

  useEffect(() => {
    let live = true
    inviteBase().then((value) => { if (live) setBase(value) })
    return () => { live = false }
  }, [])

  const Heading = `h${headingLevel}` as const
  return (
    <section className="invites" aria-labelledby={`invites-${boardId}`}>
      <Heading id={`invites-${boardId}`}>{t('invites.heading')}</Heading>
      <ul className="invites__list">
        {ROLES.map((role) => {
          const url = inviteUrl(base, boardId, invites[role])
          const roleName = t(`role.${role}`)
          const inputId = `invite-${boardId}-${role}`
          return (
            <li key={role} className="invite" data-role={role}>
              <span className="invite__role">{roleName}</span>
              <p className="invite__explain" id={`${inputId}-explain`}>{t(`role.${role}.explain`)}</p>
              <div className="invite__row">
                <input
                  id={inputId}
                  ref={(element) => { inputs.current[role] = element }}
                  className="invite__url"
                  type="text"
                  readOnly
                  value={url}
                  aria-label={t('invites.linkLabel', { role: roleName })}
                  aria-describedby={`${inputId}-explain`}
                  onFocus={(event) => event.currentTarget.select()}
                />
                <CopyButton
                  text={url}
                  label={t('invites.copyLabel', { role: roleName })}
                  onCopyFailed={() => {
                    setFailedRole(role)
                    inputs.current[role]?.select()
                  }}
                />
              </div>
              {failedRole === role && <p className="form-error" role="alert">{t('invites.copyFailed')}</p>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
