/** What a link is called in the UI: its label if it has one, else its role and bound partner. */
import type { InviteSummary } from '../../shared/api/invites.ts'
import type { MessageKey } from '../i18n/en.ts'
import type { Vars } from '../i18n/translate.ts'

type T = (key: MessageKey, vars?: Vars) => string

export function inviteName(t: T, invite: InviteSummary, partnerName: (id: string) => string | null): string {
  const role = t(`role.${invite.role}`)
  const partner = invite.partnerId === null ? null : partnerName(invite.partnerId) ?? t('invites.removedPartner')
  const base = partner ? `${role} — ${t('invites.forPartner', { partner })}` : role
  return invite.label ? `${invite.label} (${base})` : base
}

/** Where a phone types a join code. */
export const joinCodeUrl = (base: string): string => `${base}/j`
