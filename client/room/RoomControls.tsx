/**
 * The facilitator's room panel: follow-me (bring everyone, or only the room display, to where the
 * facilitator is; a charter heading; stop), the timer (minutes, start or resume, pause, reset, a
 * soft sound at the end on the room display), and the join link the room display shows (one of the
 * participant links whose secret this device holds, or a new one made for the room).
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { InviteSummary } from '../../shared/api/invites.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { DEFAULT_TIMER_MS, leadRoom, readRoom, stopLeading, type FollowAudience, type Timer, type TimerCommand } from '../../shared/board/room.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { createInvite, listInvites } from '../http/invites-api.ts'
import { clearRoomJoinLink, fetchRoomJoinLink, sendTimerCommand, setRoomJoinLink } from '../http/room-api.ts'
import { inviteName } from '../invites/invite-names.ts'
import { useDocValue } from '../live/useDocValue.ts'
import { knownBoard, rememberInviteSecret } from '../storage/boards.ts'
import { readJson, writeJson } from '../storage/device-storage.ts'
import { charterHeadings } from './charter-headings.ts'
import { RoomTimer } from './RoomTimer.tsx'
import { useSectionName } from './RoomBar.tsx'
import { useHere } from './useFollowMe.ts'

interface Props {
  boardId: string
  token: string
  doc: Y.Doc
  actor: Actor
  partners: PartnerFields[]
  offsetMs: number
  /** The live connection is up (the join link is registered again after a reconnection). */
  connected: boolean
  headingLevel?: 2 | 3
}

const readRoomState = readRoom
const choiceKey = (boardId: string) => `roomJoinLink.${boardId}`

export function RoomControls({ boardId, token, doc, actor, partners, offsetMs, connected, headingLevel = 3 }: Props) {
  const { t } = useI18n()
  const id = useId()
  const H = `h${headingLevel}` as 'h2' | 'h3'
  const room = useDocValue(doc, readRoomState)
  const headings = useDocValue(doc, charterHeadings)
  const here = useHere()
  const sectionName = useSectionName()
  const follow = room.follow
  const leading = follow !== null && follow.by.personId === actor.personId ? follow : null

  // Follow-me: while leading, where the facilitator goes, the room goes.
  useEffect(() => {
    if (!leading) return
    leadRoom(doc, actor, { section: here.section, params: here.params, heading: here.section === leading.section ? leading.heading : -1 }, leading.audience)
  }, [doc, actor, leading, here.section, here.params])

  const lead = (audience: FollowAudience) => {
    leadRoom(doc, actor, { section: here.section, params: here.params, heading: leading?.section === here.section ? leading.heading : -1 }, audience, { restart: true })
  }

  return (
    <section className="room-controls" aria-labelledby={`${id}-heading`}>
      <H id={`${id}-heading`}>{t('room.heading')}</H>

      <fieldset className="room-controls__group">
        <legend>{t('follow.heading')}</legend>
        <p className="room-controls__status" aria-live="polite">
          {leading
            ? t(leading.audience === 'everyone' ? 'follow.leadingEveryone' : 'follow.leadingDisplay', { section: sectionName(leading) })
            : follow
              ? t('follow.otherLeads', { name: follow.by.name || t('follow.someone'), section: sectionName(follow) })
              : t('follow.nobody')}
        </p>
        <div className="room-controls__row">
          <button type="button" className="button button--small button--primary" aria-pressed={leading?.audience === 'everyone'} onClick={() => lead('everyone')}>
            {t('follow.bringEveryone')}
          </button>
          <button type="button" className="button button--small" aria-pressed={leading?.audience === 'display'} onClick={() => lead('display')}>
            {t('follow.displayOnly')}
          </button>
          {follow && (
            <button type="button" className="button button--small" onClick={() => stopLeading(doc, actor)}>{t('follow.stop')}</button>
          )}
        </div>
        {leading && leading.section === 'charter' && headings.length > 0 && (
          <label className="field room-controls__field">
            <span className="field__label">{t('follow.headingChoice')}</span>
            <select
              value={String(leading.heading)}
              onChange={(event) => leadRoom(doc, actor, { section: 'charter', params: {}, heading: Number(event.currentTarget.value) }, leading.audience)}
            >
              <option value="-1">{t('follow.headingTop')}</option>
              {headings.map((text, i) => <option key={i} value={String(i)}>{text || t('follow.headingUntitled', { n: i + 1 })}</option>)}
            </select>
          </label>
        )}
      </fieldset>

      <TimerControls boardId={boardId} token={token} timer={room.timer} offsetMs={offsetMs} />
      <JoinLinkControls boardId={boardId} token={token} partners={partners} connected={connected} markerAt={room.joinLink?.changedAt ?? 0} />
    </section>
  )
}

function TimerControls({ boardId, token, timer, offsetMs }: { boardId: string; token: string; timer: Timer | null; offsetMs: number }) {
  const { t } = useI18n()
  const id = useId()
  const [minutes, setMinutes] = useState(() => String(Math.round((timer?.durationMs ?? DEFAULT_TIMER_MS) / 60_000)))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const parsed = Number(minutes.replace(',', '.'))
  const validMinutes = Number.isFinite(parsed) && parsed > 0 && parsed <= 24 * 60
  const durationMs = validMinutes ? Math.round(parsed * 60_000) : null
  const changedDuration = durationMs !== null && durationMs !== timer?.durationMs

  const run = async (command: TimerCommand) => {
    setBusy(true)
    const result = await sendTimerCommand(boardId, token, command)
    setBusy(false)
    setError(result.ok ? null : result.kind === 'network' ? t('room.offline') : result.message)
  }
  const state = timer?.state ?? 'idle'
  const start = () => run(changedDuration || state === 'idle' ? { action: 'start', ...(durationMs !== null ? { durationMs } : {}) } : { action: 'start' })

  return (
    <fieldset className="room-controls__group">
      <legend>{t('timer.heading')}</legend>
      {timer && <RoomTimer timer={timer} offsetMs={offsetMs} variant="panel" />}
      <div className="room-controls__row">
        <label className="room-controls__minutes" htmlFor={`${id}-minutes`}>{t('timer.minutes')}</label>
        <input
          id={`${id}-minutes`} type="number" inputMode="decimal" min="1" max="1440" step="1" value={minutes}
          aria-invalid={!validMinutes} onChange={(event) => setMinutes(event.currentTarget.value)}
        />
      </div>
      <div className="room-controls__row">
        <button type="button" className="button button--small button--primary" disabled={busy || (!validMinutes && state === 'idle')} onClick={start}>
          {state === 'paused' && !changedDuration ? t('timer.resume') : state === 'running' && changedDuration ? t('timer.restart') : t('timer.start')}
        </button>
        <button type="button" className="button button--small" disabled={busy || state !== 'running'} onClick={() => run({ action: 'pause' })}>{t('timer.pause')}</button>
        <button type="button" className="button button--small" disabled={busy || !timer} onClick={() => run({ action: 'reset', ...(durationMs !== null ? { durationMs } : {}) })}>{t('timer.reset')}</button>
      </div>
      <label className="room-controls__check">
        <input type="checkbox" checked={timer?.sound ?? false} disabled={busy} onChange={(event) => run({ action: 'sound', sound: event.currentTarget.checked })} />
        {t('timer.sound')}
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
    </fieldset>
  )
}

interface JoinLinkProps { boardId: string; token: string; partners: PartnerFields[]; connected: boolean; markerAt: number }

function JoinLinkControls({ boardId, token, partners, connected, markerAt }: JoinLinkProps) {
  const { t } = useI18n()
  const id = useId()
  const [invites, setInvites] = useState<InviteSummary[]>([])
  const [secrets, setSecrets] = useState(() => knownBoard(boardId)?.inviteSecrets ?? {})
  const [shown, setShown] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const reload = useCallback(async () => {
    const [list, current] = await Promise.all([listInvites(boardId, token), fetchRoomJoinLink(boardId, token)])
    if (list.ok) setInvites(list.value)
    if (current !== 'error') setShown(current?.inviteId ?? null)
    setSecrets(knownBoard(boardId)?.inviteSecrets ?? {})
  }, [boardId, token])

  // After a (re)connection: the server keeps the link in memory only, so this device registers its choice again.
  useEffect(() => {
    if (!connected) return
    const chosen = readJson(choiceKey(boardId))
    const secret = typeof chosen === 'string' ? knownBoard(boardId)?.inviteSecrets[chosen] : undefined
    const again = secret ? setRoomJoinLink(boardId, token, { token: secret.token, code: secret.code }) : Promise.resolve(null)
    void again.then(() => reload())
  }, [connected, boardId, token, reload])

  useEffect(() => { void reload() }, [markerAt, reload])

  const candidates = useMemo(() => invites.filter((invite) => invite.role === 'participant' && invite.revokedAt === null && secrets[invite.id]), [invites, secrets])
  const partnerName = (partnerId: string) => partners.find((p) => p.id === partnerId)?.name ?? null

  const show = async (inviteId: string) => {
    setBusy(true)
    if (inviteId === '') {
      writeJson(choiceKey(boardId), null)
      const ok = await clearRoomJoinLink(boardId, token)
      setMessage(ok ? { text: t('room.link.cleared'), error: false } : { text: t('room.offline'), error: true })
    } else {
      // Read afresh: a link just created for the room is not in this render's `secrets` yet.
      const secret = knownBoard(boardId)?.inviteSecrets[inviteId]
      const result = secret
        ? await setRoomJoinLink(boardId, token, { token: secret.token, code: secret.code })
        : { ok: false as const, kind: 'http' as const, status: 400, message: t('room.link.noSecret') }
      if (result.ok) writeJson(choiceKey(boardId), inviteId)
      setMessage(result.ok ? { text: t('room.link.shown'), error: false } : { text: result.kind === 'network' ? t('room.offline') : result.message, error: true })
    }
    setBusy(false)
    await reload()
  }

  const createForRoom = async () => {
    setBusy(true)
    const created = await createInvite(boardId, token, { role: 'participant', label: t('room.link.label') })
    if (created.ok) {
      rememberInviteSecret(boardId, created.value.id, { token: created.value.token, code: created.value.code })
      setSecrets(knownBoard(boardId)?.inviteSecrets ?? {})
      setBusy(false)
      await show(created.value.id)
      return
    }
    setBusy(false)
    setMessage({ text: created.kind === 'network' ? t('room.offline') : created.message, error: true })
  }

  return (
    <fieldset className="room-controls__group">
      <legend>{t('room.link.heading')}</legend>
      <p className="field__hint" id={`${id}-hint`}>{t('room.link.hint')}</p>
      <label className="field room-controls__field">
        <span className="field__label">{t('room.link.choice')}</span>
        <select value={shown !== null && secrets[shown] ? shown : ''} disabled={busy} aria-describedby={`${id}-hint`} onChange={(event) => void show(event.currentTarget.value)}>
          <option value="">{shown !== null && !secrets[shown] ? t('room.link.elsewhere') : t('room.link.none')}</option>
          {candidates.map((invite) => <option key={invite.id} value={invite.id}>{inviteName(t, invite, partnerName)}</option>)}
        </select>
      </label>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void createForRoom()}>{t('room.link.create')}</button>
      {message && <p className={message.error ? 'form-error' : 'muted'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
    </fieldset>
  )
}
