/**
 * The room on a person's board, above the sections: whether they follow the facilitator (and one
 * button to leave or come back, keyboard and screen-reader usable, its state read out politely),
 * the leading facilitator's own reminder with a stop button, and the room's timer when it runs.
 */
import type * as Y from 'yjs'
import { can, type Role } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import { readRoom, stopLeading, type Follow, type Timer } from '../../shared/board/room.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { BOARD_SECTIONS } from '../board/BoardSections.tsx'
import { RoomTimer } from './RoomTimer.tsx'
import type { FollowMe } from './useFollowMe.ts'

const readTimer = (doc: Y.Doc): Timer | null => readRoom(doc).timer

export function useSectionName(): (follow: Pick<Follow, 'section'>) => string {
  const { t } = useI18n()
  return (follow) => {
    const section = BOARD_SECTIONS.find((s) => s.id === follow.section)
    return section ? t(section.labelKey) : follow.section
  }
}

interface Props {
  doc: Y.Doc
  actor: Actor
  role: Role
  followMe: FollowMe
  offsetMs: number
}

export function RoomBar({ doc, actor, role, followMe, offsetMs }: Props) {
  const { t } = useI18n()
  const sectionName = useSectionName()
  const timer = useDocValue(doc, readTimer)
  const { follow, applies, following } = followMe
  const leading = follow !== null && follow.by.personId === actor.personId && can(role, 'room.lead')
  const showTimer = timer !== null && timer.state !== 'idle'
  if (!showTimer && !applies && !leading) return null

  return (
    <div className="room-bar">
      {applies && follow && (
        <section className={`follow-banner${following ? ' follow-banner--on' : ''}`} aria-label={t('follow.region')} data-following={following}>
          <p className="follow-banner__text" aria-live="polite">
            {followMe.waiting
              ? t('follow.waiting', { name: follow.by.name || t('follow.someone'), section: sectionName(follow) })
              : following
                ? t('follow.following', { name: follow.by.name || t('follow.someone'), section: sectionName(follow) })
                : t('follow.left', { name: follow.by.name || t('follow.someone'), section: sectionName(follow) })}
          </p>
          {followMe.waiting && (
            <button type="button" className="button button--small button--primary" onClick={followMe.goNow}>{t('follow.goNow')}</button>
          )}
          {following ? (
            <button type="button" className="button button--small" onClick={followMe.leave}>{t('follow.leave')}</button>
          ) : (
            <button type="button" className="button button--small button--primary" onClick={followMe.rejoin}>{t('follow.rejoin')}</button>
          )}
        </section>
      )}
      {leading && follow && (
        <section className="follow-banner follow-banner--lead" aria-label={t('follow.region')}>
          <p className="follow-banner__text">
            {t(follow.audience === 'everyone' ? 'follow.leadingEveryone' : 'follow.leadingDisplay', { section: sectionName(follow) })}
          </p>
          <button type="button" className="button button--small" onClick={() => stopLeading(doc, actor)}>{t('follow.stop')}</button>
        </section>
      )}
      {showTimer && <RoomTimer timer={timer} offsetMs={offsetMs} variant="chip" />}
    </div>
  )
}
