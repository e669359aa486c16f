/**
 * What the server announced to everyone (shared/board/announcements.ts): a restore, a revealed
 * private-writing round. A visible notice per announcement younger than ANNOUNCEMENT_SHOWN_MS (a
 * late joiner sees it too), with who did it and when, dismissable (remembered on this device); and
 * a polite live region that reads out those that arrive: live, or with the board when it loads
 * (a late joiner hears a recent restore once). Those already on this device when the page opened
 * (a reload) are on screen, not read again.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  ANNOUNCEMENT_SHOWN_MS, listAnnouncements, recentAnnouncements, type Announcement,
} from '../../shared/board/announcements.ts'
import { readJson, writeJson } from '../storage/device-storage.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import './announcements.css'

const DISMISSED_KEPT = 50
const dismissedKey = (boardId: string) => `announcements.dismissed.${boardId}`

function readDismissed(boardId: string): string[] {
  const stored = readJson(dismissedKey(boardId))
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(-DISMISSED_KEPT) : []
}

/** The current time, updated every minute (announcements expire). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}

export function Announcements({ boardId, doc, personId }: { boardId: string; doc: Y.Doc; personId: string }) {
  const { t, language } = useI18n()
  const all = useDocValue(doc, listAnnouncements)
  const now = useMinuteClock()
  const [dismissed, setDismissed] = useState<string[]>(() => readDismissed(boardId))
  const shown = useMemo(() => recentAnnouncements(all, now, new Set(dismissed)), [all, now, dismissed])
  // The device's own variant of the language when it has one (en-GB says 14:32, en-US 2:32 PM).
  const time = useMemo(() => new Intl.DateTimeFormat(
    navigator.languages.find((l) => l.toLowerCase().startsWith(`${language}-`)) ?? language, { hour: '2-digit', minute: '2-digit' },
  ), [language])

  const text = (a: Announcement): string => {
    const mine = personId !== '' && a.by.personId === personId
    const vars = { who: a.by.name || t('announce.someone'), label: a.label, time: time.format(new Date(a.at)), count: a.count }
    if (a.kind === 'restore') return t(mine ? 'announce.restore.you' : 'announce.restore', vars)
    return t(mine ? 'announce.reveal.you' : 'announce.reveal', { ...vars, title: a.label ? t('announce.title', { label: a.label }) : '' })
  }

  // What the page opened with (this device's copy) is not read out; what arrives after is.
  const seen = useRef<Set<string> | null>(null)
  const [spoken, setSpoken] = useState('')
  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(all.map((a) => a.id))
      return
    }
    const fresh = all.filter((a) => !seen.current!.has(a.id) && Date.now() - Date.parse(a.at) < ANNOUNCEMENT_SHOWN_MS)
    for (const a of all) seen.current.add(a.id)
    if (fresh.length > 0) setSpoken(fresh.map(text).join(' '))
    // `text` only depends on the language and who I am.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [all])

  const dismiss = (id: string) => {
    const next = [...dismissed.filter((d) => d !== id), id].slice(-DISMISSED_KEPT)
    writeJson(dismissedKey(boardId), next)
    setDismissed(next)
  }

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcements-live">{spoken}</p>
      {shown.length > 0 && (
        <section className="announcements" aria-label={t('announce.heading')}>
          <ul className="announcements__list">
            {shown.map((a) => (
              <li key={a.id} className="announcement card" data-kind={a.kind} data-announcement={a.id}>
                <div className="announcement__body">
                  <p className="announcement__text">{text(a)}</p>
                  <p className="announcement__detail">{t(a.kind === 'restore' ? 'announce.restore.detail' : 'announce.reveal.detail')}</p>
                </div>
                <button type="button" className="button button--quiet announcement__dismiss" onClick={() => dismiss(a.id)}>
                  {t('announce.dismiss')}<span className="visually-hidden"> {t('announce.dismissWhat')}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
