/**
 * The facilitator's invite links: every link of the board by role and partner (one link per
 * partner in one click, generic links too), each with copy, QR code and join code when this device
 * has its secret, and revoke / replace behind a confirmation that starts on the safe choice.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import type { CreatedInvite, InviteSummary } from '../../shared/api/invites.ts'
import { INVITE_LABEL_MAX } from '../../shared/api/invites.ts'
import { ROLES, type Role } from '../../shared/auth/roles.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { fetchBoard, inviteBase } from '../http/boards-api.ts'
import { createInvite, listInvites, regenerateInvite, revokeInvite } from '../http/invites-api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { ConfirmDialog } from '../sessions/ConfirmDialog.tsx'
import { knownBoard, rememberInviteSecret, replaceOwnToken, type InviteSecret } from '../storage/boards.ts'
import { InviteCard } from './InviteCard.tsx'
import { inviteName, joinCodeUrl } from './invite-names.ts'
import { inviteUrl } from './invite-url.ts'

interface Props {
  boardId: string
  /** The facilitator's own token and the invite it belongs to. */
  token: string
  inviteId: string | null
  partners: PartnerFields[]
  /** The facilitator replaced their own link: reopen the board with the new token. */
  onOwnTokenReplaced(): void
  headingLevel?: 2 | 3
}

type Pending = { kind: 'revoke' | 'regenerate'; invite: InviteSummary; name: string }

const secretsOf = (boardId: string): Record<string, InviteSecret> => knownBoard(boardId)?.inviteSecrets ?? {}

export function InvitePanel({ boardId, token, inviteId, partners, onOwnTokenReplaced, headingLevel = 2 }: Props) {
  const { t, language } = useI18n()
  const id = useId()
  const [invites, setInvites] = useState<InviteSummary[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [secrets, setSecrets] = useState(() => secretsOf(boardId))
  const [base, setBase] = useState(() => location.origin)
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [attempt, setAttempt] = useState(0)

  const keep = useCallback((created: CreatedInvite) => {
    rememberInviteSecret(boardId, created.id, { token: created.token, code: created.code })
    setSecrets(secretsOf(boardId))
  }, [boardId])

  useEffect(() => {
    let live = true
    inviteBase().then((value) => { if (live) setBase(value) })
    return () => { live = false }
  }, [])

  useEffect(() => {
    let live = true
    listInvites(boardId, token).then((result) => {
      if (!live) return
      if (result.ok) {
        setInvites(result.value)
        setLoadError(null)
      } else {
        setLoadError(result.kind === 'network' ? t('join.code.network') : result.message)
      }
    })
    return () => { live = false }
  }, [boardId, token, attempt, t])

  // This device's own token, and the tokens of boards created before links were records (cached
  // per role): the server tells which invite each one is, so they show as links again.
  useEffect(() => {
    let live = true
    const known = knownBoard(boardId)
    if (inviteId && !secrets[inviteId]) rememberInviteSecret(boardId, inviteId, { token, code: null })
    const have = new Set(Object.values(secretsOf(boardId)).map((secret) => secret.token))
    const legacy = Object.values(known?.invites ?? {}).filter((legacyToken) => !have.has(legacyToken))
    Promise.all(legacy.map(async (legacyToken) => {
      const result = await fetchBoard(boardId, legacyToken)
      if (result.ok) rememberInviteSecret(boardId, result.value.inviteId, { token: legacyToken, code: null })
    })).then(() => { if (live) setSecrets(secretsOf(boardId)) })
    return () => { live = false }
    // Once per board and token.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, token, inviteId])

  const partnerName = useCallback((partnerId: string) => partners.find((p) => p.id === partnerId)?.name ?? null, [partners])
  const nameOf = useCallback((invite: InviteSummary) => inviteName(t, invite, partnerName), [t, partnerName])

  const active = useMemo(() => (invites ?? []).filter((invite) => invite.revokedAt === null), [invites])
  const revoked = useMemo(() => (invites ?? []).filter((invite) => invite.revokedAt !== null), [invites])
  const unlinkedPartners = partners.filter((partner) => !active.some((invite) => invite.role === 'participant' && invite.partnerId === partner.id))

  const failed = (text: string) => setMessage({ text: t('invites.actionFailed', { message: text }), error: true })

  const linkPerPartner = async () => {
    if (unlinkedPartners.length === 0) return setMessage({ text: t('invites.perPartnerNone'), error: false })
    setBusy(true)
    let made = 0
    for (const partner of unlinkedPartners) {
      const result = await createInvite(boardId, token, { role: 'participant', partnerId: partner.id })
      if (!result.ok) {
        failed(result.kind === 'network' ? t('join.code.network') : result.message)
        break
      }
      keep(result.value)
      made++
    }
    setBusy(false)
    if (made > 0) setMessage({ text: t('invites.perPartnerDone', { count: made }), error: false })
    setAttempt((n) => n + 1)
  }

  const confirm = async () => {
    if (!pending) return
    setBusy(true)
    const { kind, invite, name } = pending
    if (kind === 'revoke') {
      const result = await revokeInvite(boardId, token, invite.id)
      setBusy(false)
      setPending(null)
      if (!result.ok) return failed(result.kind === 'network' ? t('join.code.network') : result.message)
      rememberInviteSecret(boardId, invite.id, null)
      setSecrets(secretsOf(boardId))
    } else {
      const result = await regenerateInvite(boardId, token, invite.id)
      setBusy(false)
      setPending(null)
      if (!result.ok) return failed(result.kind === 'network' ? t('join.code.network') : result.message)
      keep(result.value)
      rememberInviteSecret(boardId, invite.id, null)
      setSecrets(secretsOf(boardId))
      if (invite.id === inviteId) {
        replaceOwnToken(boardId, result.value.token, result.value.id)
        setMessage({ text: t('invites.ownReplaced'), error: false })
        onOwnTokenReplaced()
        return
      }
      setMessage({ text: t('invites.created', { name }), error: false })
    }
    setAttempt((n) => n + 1)
  }

  const Heading = `h${headingLevel}` as const
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4'
  const card = (invite: InviteSummary) => {
    const secret = secrets[invite.id]
    const name = nameOf(invite)
    return (
      <InviteCard
        key={invite.id}
        invite={invite}
        name={name}
        url={secret ? inviteUrl(base, boardId, secret.token) : null}
        code={secret?.code ?? null}
        joinUrl={joinCodeUrl(base)}
        isMine={invite.id === inviteId}
        busy={busy}
        onRevoke={() => setPending({ kind: 'revoke', invite, name })}
        onRegenerate={() => setPending({ kind: 'regenerate', invite, name })}
      />
    )
  }
  const byPartnerThenGeneric = (a: InviteSummary, b: InviteSummary) =>
    Number(a.partnerId === null) - Number(b.partnerId === null) ||
    (partnerName(a.partnerId ?? '') ?? '').localeCompare(partnerName(b.partnerId ?? '') ?? '') ||
    a.createdAt.localeCompare(b.createdAt)

  return (
    <section className="invites invite-panel" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t('invites.heading')}</Heading>
      {message && <p className={message.error ? 'form-error' : 'invite-panel__status'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {invites === null && !loadError && <p role="status">{t('invites.loading')}</p>}
      {loadError && (
        <div role="alert">
          <p className="form-error">{t('invites.loadFailed', { message: loadError })}</p>
          <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>{t('invites.retry')}</button>
        </div>
      )}
      {invites && (
        <>
          <div className="invite-panel__per-partner">
            <button type="button" className="button button--primary button--small" disabled={busy || partners.length === 0} aria-describedby={`${id}-per-partner`} onClick={linkPerPartner}>
              {t('invites.perPartner')}
            </button>
            <p className="field__hint" id={`${id}-per-partner`}>{partners.length === 0 ? t('invites.noPartners') : t('invites.perPartnerHint')}</p>
          </div>
          {ROLES.map((role) => {
            const ofRole = active.filter((invite) => invite.role === role).sort(byPartnerThenGeneric)
            if (ofRole.length === 0) return null
            return (
              <div key={role} className="invite-panel__role" data-role={role}>
                <Sub>{t(`role.${role}`)}</Sub>
                <ul className="invites__list">{ofRole.map(card)}</ul>
              </div>
            )
          })}
          <CreateInviteForm
            partners={partners}
            busy={busy}
            onCreate={async (role, partnerId, label) => {
              setBusy(true)
              const result = await createInvite(boardId, token, { role, partnerId, label })
              setBusy(false)
              if (!result.ok) return failed(result.kind === 'network' ? t('join.code.network') : result.message)
              keep(result.value)
              setMessage({ text: t('invites.created', { name: nameOf(result.value) }), error: false })
              setAttempt((n) => n + 1)
            }}
          />
          {revoked.length > 0 && (
            <details className="invite-panel__revoked">
              <summary>{t('invites.revokedList', { count: revoked.length })}</summary>
              <ul>
                {revoked.map((invite) => (
                  <li key={invite.id}>
                    {nameOf(invite)} — {t('invites.revokedOn', { date: new Date(invite.revokedAt!).toLocaleString(language) })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {pending && (
        <ConfirmDialog
          title={t(pending.kind === 'revoke' ? 'invites.revokeTitle' : 'invites.regenerateTitle')}
          confirmLabel={t(pending.kind === 'revoke' ? 'invites.revokeConfirm' : 'invites.regenerateConfirm')}
          cancelLabel={t('invites.keep')}
          danger
          focusCancel
          busy={busy}
          onConfirm={confirm}
          onClose={() => { if (!busy) setPending(null) }}
        >
          <p>{t(pending.kind === 'revoke' ? 'invites.revokeBody' : 'invites.regenerateBody', { name: pending.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function CreateInviteForm({ partners, busy, onCreate }: {
  partners: PartnerFields[]
  busy: boolean
  onCreate(role: Role, partnerId: string | null, label: string): Promise<void>
}) {
  const { t } = useI18n()
  const id = useId()
  const [role, setRole] = useState<Role>('participant')
  const [partnerId, setPartnerId] = useState('')
  const [label, setLabel] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    await onCreate(role, role === 'participant' && partnerId !== '' ? partnerId : null, label.trim())
    setLabel('')
  }

  return (
    <form className="invite-create" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <p className="invite-create__heading" id={`${id}-heading`}>{t('invites.createHeading')}</p>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('invites.createRole')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((value) => <option key={value} value={value}>{t(`role.${value}`)}</option>)}
        </select>
      </div>
      {role === 'participant' && (
        <div className="field">
          <label htmlFor={`${id}-partner`}>{t('invites.createPartner')}</label>
          <select id={`${id}-partner`} value={partnerId} onChange={(event) => setPartnerId(event.target.value)}>
            <option value="">{t('invites.createNoPartner')}</option>
            {partners.map((partner) => <option key={partner.id} value={partner.id}>{partner.name}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('invites.createLabel')}</label>
        <input id={`${id}-label`} type="text" value={label} maxLength={INVITE_LABEL_MAX} autoComplete="off" onChange={(event) => setLabel(event.target.value)} />
      </div>
      <button type="submit" className="button button--small" disabled={busy}>{t('invites.createSubmit')}</button>
    </form>
  )
}
