/** The links of a board just created or imported: one per role, each with its QR code and join code. */
import { useEffect, useState } from 'react'
import type { CreatedInvite } from '../../shared/api/invites.ts'
import { inviteBase } from '../http/boards-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { InviteCard } from './InviteCard.tsx'
import { inviteUrl } from './invite-url.ts'
import { inviteName, joinCodeUrl } from './invite-names.ts'

export function InviteLinks({ boardId, links, headingLevel = 2 }: { boardId: string; links: CreatedInvite[]; headingLevel?: 2 | 3 }) {
  const { t } = useI18n()
  const [base, setBase] = useState(() => location.origin)

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
        {links.map((link) => (
          <InviteCard
            key={link.id}
            invite={link}
            name={inviteName(t, link, () => null)}
            url={inviteUrl(base, boardId, link.token)}
            code={link.code}
            joinUrl={joinCodeUrl(base)}
          />
        ))}
      </ul>
    </section>
  )
}
