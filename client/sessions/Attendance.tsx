/**
 * Who attends the running session. The facilitator's client records everyone connected (person and
 * partner) as present; the facilitator corrects by hand: add someone without a device (or who sent
 * apologies), mark someone present, excused or absent, say their role or body (administrateur,
 * directeur, salarié…). Everyone sees which partners are represented.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { recordPresence, representedPartners, setAttendance, type SessionView } from '../../shared/board/sessions.ts'
import { ATTENDANCE_STATUSES, type AttendanceStatus, type PartnerFields } from '../../shared/board/schema.ts'
import { PERSON_ROLE_MAX } from '../../shared/board/sessions.ts'
import { useBoardAction } from '../board/useBoardAction.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Peer } from '../live/presence.ts'
import { PartnerTag } from '../partners/PartnerTag.tsx'

/** The person id a peer announces, or one made from its name and partner (older clients). */
/** Older clients announce no person id: fall back to partner and name. */
function personIdOf(peer: Peer): string {
  if (/^[A-Za-z0-9_-]{8,64}$/.test(peer.personId)) return peer.personId
  return `presence:${peer.partnerId}:${peer.name.trim().toLowerCase()}`
}

/** Runs on the facilitator's client while the session runs: connected people count as present. */
export function useRecordPresence(doc: Y.Doc, actor: Actor, session: SessionView | null, peers: Peer[]): void {
  const facilitator = can(actor.role, 'board.facilitate')
  const sessionId = session?.id ?? null
  const key = peers.map((p) => `${p.clientId}:${p.personId}:${p.name}:${p.partnerId}`).join('|')
  useEffect(() => {
    if (!facilitator || !sessionId || peers.length === 0) return
    try {
      recordPresence(doc, actor, sessionId, peers.map((peer) => ({ personId: personIdOf(peer), name: peer.name, partnerId: peer.partnerId })))
    } catch {
      // The session ended meanwhile: nothing to record.
    }
    // `key` stands for the peers' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, actor, sessionId, key, facilitator])
}

export function Attendance({ doc, actor, session, partners }: { doc: Y.Doc; actor: Actor; session: SessionView; partners: readonly PartnerFields[] }) {
  const { t } = useI18n()
  const id = useId()
  const facilitator = can(actor.role, 'board.facilitate')
  const [name, setName] = useState('')
  const [partnerId, setPartnerId] = useState('')
  const [role, setRole] = useState('')
  const [status, setStatus] = useState<AttendanceStatus>('present')
  const { error, run } = useBoardAction()
  const represented = new Set(representedPartners(session))
  const missing = partners.filter((p) => !represented.has(p.id))

  const add = (event: FormEvent) => {
    event.preventDefault()
    run(() => {
      setAttendance(doc, actor, session.id, { name, partnerId, status, role })
      setName('')
      setRole('')
      setStatus('present')
    })
  }
  type Person = SessionView['attendance'][number]
  const correct = (person: Person, change: { status?: AttendanceStatus; role?: string }) => run(() => setAttendance(doc, actor, session.id, {
    personId: person.personId, name: person.name, partnerId: person.partnerId, status: change.status ?? person.status, role: change.role ?? person.role,
  }))
  const statusLabel = (value: AttendanceStatus) => t(`session.status.${value}`)

  // Grouped by partner, in the board's partner order; people of no known partner last.
  const groups: { partnerId: string; people: Person[] }[] = partners.map((p) => ({ partnerId: p.id, people: session.attendance.filter((a) => a.partnerId === p.id) }))
  const known = new Set(partners.map((p) => p.id))
  const others = [...new Set(session.attendance.filter((a) => !known.has(a.partnerId)).map((a) => a.partnerId))]
  for (const other of others) groups.push({ partnerId: other, people: session.attendance.filter((a) => a.partnerId === other) })

  return (
    <section className="card sess-attendance" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('session.attendance')}</h3>
      {partners.length > 0 && <p className="sess-represented" data-testid="represented">
        <strong>{t('session.represented', { count: partners.filter((p) => represented.has(p.id)).length, total: partners.length })}</strong>
        {missing.length > 0 && (
          <>
            {' '}{t('session.notRepresented')}{' '}
            {missing.map((p) => <PartnerTag key={p.id} partners={partners} partnerId={p.id} short />)}
          </>
        )}
      </p>}
      {facilitator && <p className="field__hint">{t('session.attendanceHint')}</p>}
      <ul className="sess-attendance__groups">
        {groups.filter((g) => g.people.length > 0 || known.has(g.partnerId)).map((group) => (
          <li key={group.partnerId || 'none'} className="sess-attendance__group">
            {group.partnerId
              ? <PartnerTag partners={partners} partnerId={group.partnerId} />
              : <span className="muted">{t('session.noPartner')}</span>}
            {represented.has(group.partnerId) ? <span className="iter-badge iter-badge--ok">✓ {t('session.isRepresented')}</span>
              : <span className="iter-badge iter-badge--warn">✗ {t('session.isNotRepresented')}</span>}
            {group.people.length > 0 && (
              <ul className="sess-people">
                {group.people.map((person) => (
                  <li key={person.personId} className="sess-person" data-present={person.status === 'present'} data-status={person.status}>
                    <span className={person.status === 'present' ? '' : 'sess-person--absent'}>{person.name}</span>
                    {person.role && !facilitator && <span className="muted">, {person.role}</span>}
                    <span className="muted"> — {statusLabel(person.status)}{person.source === 'manual' ? ` (${t('session.byHand')})` : ''}</span>
                    {facilitator && (
                      <span className="sess-person__edit">
                        <select aria-label={t('session.statusOf', { name: person.name })} value={person.status}
                          onChange={(e) => correct(person, { status: e.target.value as AttendanceStatus })}>
                          {ATTENDANCE_STATUSES.map((value) => <option key={value} value={value}>{statusLabel(value)}</option>)}
                        </select>
                        <RoleField name={person.name} role={person.role} onSave={(value) => correct(person, { role: value })} />
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {facilitator && (
        <form className="sess-inline-form" onSubmit={add} aria-label={t('session.addPerson')}>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('session.personName')}</label>
            <input id={`${id}-name`} type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('session.personRole')}</label>
            <input id={`${id}-role`} type="text" value={role} maxLength={PERSON_ROLE_MAX} onChange={(e) => setRole(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('session.personStatus')}</label>
            <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as AttendanceStatus)}>
              {ATTENDANCE_STATUSES.map((value) => <option key={value} value={value}>{statusLabel(value)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-partner`}>{t('session.personPartner')}</label>
            <select id={`${id}-partner`} value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
              <option value="">{t('session.noPartner')}</option>
              {partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <button type="submit" className="button">{t('session.addPerson')}</button>
        </form>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  )
}

/** A person's role or body, saved when the field is left or Enter is pressed (not at every keystroke). */
function RoleField({ name, role, onSave }: { name: string; role: string; onSave: (role: string) => void }) {
  const { t } = useI18n()
  const [value, setValue] = useState(role)
  useEffect(() => setValue(role), [role])
  const save = () => {
    if (value.trim() !== role) onSave(value)
  }
  return (
    <input type="text" className="sess-person__role" aria-label={t('session.roleOf', { name })} placeholder={t('session.personRole')}
      value={value} maxLength={PERSON_ROLE_MAX} onChange={(e) => setValue(e.target.value)} onBlur={save}
      onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); save() } }} />
  )
}
