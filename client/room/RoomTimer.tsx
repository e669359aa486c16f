/**
 * The room's countdown as everyone sees it, computed from the server's clock (the timer's times are
 * the server's, shared/board/room.ts; this device's offset to it is measured, server-clock.ts), so a
 * late joiner or a reconnected phone shows the same time left as the room display. At the end: a
 * visual change, one polite announcement for screen readers, and a short soft sound where `sound`
 * is allowed (the room display, when the facilitator turned it on).
 */
import { useEffect, useRef } from 'react'
import { formatTimer, timerRemaining, type Timer } from '../../shared/board/room.ts'
import { HourglassIcon } from '../app/icons.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useAnnouncer } from '../interests/useAnnouncer.ts'
import { useServerNow } from './server-clock.ts'
import { playSoftChime } from './soft-chime.ts'

interface Props {
  timer: Timer
  offsetMs: number
  variant: 'chip' | 'display' | 'panel'
  /** Play the end sound when the facilitator enabled it (the room display). */
  allowSound?: boolean
}

/** How long "Time is up" stays on people's boards and the display (the facilitator's panel keeps it). */
export const ENDED_SHOWN_MS = 2 * 60_000

export function RoomTimer({ timer, offsetMs, variant, allowSound = false }: Props) {
  const { t } = useI18n()
  const over = timer.state === 'running' && timer.endsAt <= Date.now() + offsetMs
  const now = useServerNow(offsetMs, timer.state === 'running', over ? 2000 : 250)
  const remaining = timerRemaining(timer, now)
  const ended = timer.state === 'running' && remaining <= 0
  const { message, announce } = useAnnouncer()
  const seenRunning = useRef<number | null>(null)

  useEffect(() => {
    if (timer.state === 'running' && remaining > 0) seenRunning.current = timer.changedAt
    if (ended && seenRunning.current === timer.changedAt) {
      // Seen running, now at zero: once per start.
      seenRunning.current = null
      announce(t('timer.ended'))
      if (allowSound && timer.sound) playSoftChime()
    }
  }, [ended, remaining, timer.state, timer.changedAt, timer.sound, allowSound, announce, t])

  // A timer that ran out long ago (nobody reset it) is no news: it goes, until the next start.
  if (ended && variant !== 'panel' && now - timer.endsAt > ENDED_SHOWN_MS) return null
  const state = ended ? 'ended' : timer.state
  const caption = ended ? t('timer.ended') : t(`timer.state.${timer.state}`)
  return (
    <div className={`room-timer room-timer--${variant}`} data-timer-state={state} data-remaining-ms={Math.round(remaining)}>
      <span className="room-timer__icon"><HourglassIcon inline /></span>
      <span className="room-timer__time" role="timer" aria-label={t('timer.label', { time: formatTimer(remaining), state: caption })}>
        {formatTimer(remaining)}
      </span>
      <span className="room-timer__caption">{caption}</span>
      <span className="visually-hidden" aria-live="polite">{message}</span>
    </div>
  )
}
