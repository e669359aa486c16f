/**
 * The interests section: each partner's interests and what it brings, gathered into groups whose
 * kind (convergent, complementary, own logic) is derived. Two views of the same data: the map and
 * the matrix. The facilitator's rounds (private writing, dot votes) sit above them.
 */
import { useCallback, useRef, useState } from 'react'
import { can } from '../../shared/auth/roles.ts'
import type { SectionProps } from '../board/section-props.ts'
import { NOT_CHOSEN } from '../board/useActor.ts'
import { useBoardToken } from '../history/useSnapshots.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { DraftTray } from '../rounds/DraftTray.tsx'
import { RoundsPanel } from '../rounds/RoundsPanel.tsx'
import { useDrafts } from '../rounds/useDrafts.ts'
import { CardComposer } from './CardComposer.tsx'
import { GroupsList } from './GroupsList.tsx'
import { useInterestsData } from './interests-data.ts'
import { InterestsMap } from './InterestsMap.tsx'
import { navigate, useSearchParam } from '../app/router.ts'
import { InterestsMatrix } from './InterestsMatrix.tsx'
import { ProjectedMap } from '../room/ProjectedMap.tsx'
import { SelectionBar, type SelectionBarHandle } from './SelectionBar.tsx'
import { useAnnouncer } from './useAnnouncer.ts'
import './interests.css'

type View = 'map' | 'matrix'

/** The view is in the address (`mode=`), so a reload keeps it and follow-me carries it. */
const MODE_PARAM = 'mode'

/** On a phone the table reads better than a small map. */
const defaultView = (): View => (typeof window !== 'undefined' && window.innerWidth < 640 ? 'matrix' : 'map')

function showView(view: View): void {
  const url = new URL(location.href)
  url.searchParams.set(MODE_PARAM, view)
  navigate(`${url.pathname}${url.search}`, { scroll: false })
}

export function InterestsSection({ boardId, doc, actor, role, snapshot, onChoosePartner }: SectionProps) {
  const { t } = useI18n()
  const data = useInterestsData(doc)
  const token = useBoardToken(boardId)
  // A saved snapshot's open round is history: only the live board writes drafts.
  const privateRoundId = snapshot === null && data.privateRoundId ? data.privateRoundId : null
  const drafts = useDrafts(doc, boardId, token, actor, privateRoundId)
  const canEdit = can(role, 'board.edit')
  const mode = useSearchParam(MODE_PARAM)
  const view: View = mode === 'map' || mode === 'matrix' ? mode : defaultView()
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const { message, announce } = useAnnouncer()
  const bar = useRef<SelectionBarHandle>(null)

  const toggle = useCallback((cardId: string) => {
    // Selecting only serves the actions, which observers don't have.
    if (!canEdit) return
    setSelected((old) => {
      const next = new Set(old)
      if (next.has(cardId)) next.delete(cardId)
      else next.add(cardId)
      return next
    })
  }, [canEdit])
  const clear = useCallback(() => setSelected(new Set()), [])
  const groupShortcut = useCallback((cardId: string) => {
    setSelected((old) => (old.size === 0 ? new Set([cardId]) : old))
    bar.current?.focusMoveToGroup()
  }, [])

  // The room display: no editing chrome, the map as a presentation readable from the back of the room.
  const display = role === 'display'
  const needsPartner = canEdit && !can(role, 'board.speak-for-any-partner') && actor.partnerId === NOT_CHOSEN

  return (
    <section className="interests card" aria-labelledby="interests-heading" data-testid="interests-section">
      {/* On the room display the map draws the heading in its own top row, beside its legend. */}
      {!(display && view === 'map') && <h2 id="interests-heading">{t('interests.heading')}</h2>}
      {!display && <p className="muted interests__intro">{t('interests.intro')}</p>}

      <RoundsPanel doc={doc} actor={actor} drafts={privateRoundId ? drafts : null} context="interests" />

      {canEdit && (needsPartner ? (
        <p className="notice">
          {t('interests.choosePartnerFirst')}{' '}
          <button type="button" className="button button--small" onClick={onChoosePartner}>{t('interests.choosePartner')}</button>
        </p>
      ) : (
        <CardComposer doc={doc} actor={actor} partners={data.partners} cards={data.cards} groups={data.groups} announce={announce} drafts={privateRoundId ? drafts : null} />
      ))}
      {privateRoundId && <DraftTray drafts={drafts} data={data} />}

      {!display && <div className="interests__views" role="group" aria-label={t('interests.view.label')}>
        {(['map', 'matrix'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className="button button--small view-switch__button"
            aria-pressed={view === value}
            onClick={() => { if (value !== view) showView(value) }}
          >
            {t(value === 'map' ? 'interests.view.map' : 'interests.view.matrix')}
          </button>
        ))}
        <span className="interests__counts">{t('interests.counts', { cards: data.cards.length, groups: data.groups.length })}</span>
      </div>}

      {view === 'map' && display ? (
        <ProjectedMap data={data} headingId="interests-heading" />
      ) : view === 'map' ? (
        <>
          {canEdit && <SelectionBar ref={bar} doc={doc} actor={actor} data={data} selected={selected} onClear={clear} announce={announce} />}
          <InterestsMap
            doc={doc}
            actor={actor}
            data={data}
            canEdit={canEdit}
            selected={selected}
            onToggleSelect={toggle}
            onClearSelection={clear}
            onGroupShortcut={groupShortcut}
            announce={announce}
          />
        </>
      ) : (
        <InterestsMatrix data={data} />
      )}

      {!display && <GroupsList doc={doc} actor={actor} data={data} canEdit={canEdit} announce={announce} />}

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="interests-announcer">{message}</p>
    </section>
  )
}
