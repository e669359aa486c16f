/**
 * The map from the keyboard: one tab stop (roving tabindex); arrows go to the nearest card or group
 * in that direction (the view follows), Home / End to the first / last; Shift+arrows move the
 * focused card or group (Alt: small steps), hopping over what is in the way; Space or Enter selects;
 * G goes to "Move to group"; Esc clears the selection; + and − zoom, 0 fits the map to the screen.
 */
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { InterestsData } from './interests-data.ts'
import { errorText } from './labels.ts'
import { nudge } from './map-actions.ts'

/** Keyboard move steps, in map units (100 px and 20 px at zoom 1). */
const STEP = 25
const FINE_STEP = 5

interface Options {
  doc: Y.Doc
  actor: Actor
  data: InterestsData
  canEdit: boolean
  selectedCount: number
  surface(): HTMLElement | null
  focusItem(element: HTMLElement | null | undefined): void
  onToggleSelect(cardId: string): void
  onClearSelection(): void
  onGroupShortcut(cardId: string): void
  zoomBy(factor: number): void
  fit(): void
  announce(message: string): void
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }

export function useMapKeyboard(o: Options): (event: React.KeyboardEvent<HTMLElement>) => void {
  const { t } = useI18n()
  return (event) => {
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey
    if (plain && (event.key === '+' || event.key === '=')) { event.preventDefault(); o.zoomBy(1.25); return }
    if (plain && (event.key === '-' || event.key === '_')) { event.preventDefault(); o.zoomBy(0.8); return }
    if (plain && event.key === '0') { event.preventDefault(); o.fit(); return }

    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]')
    const surface = o.surface()
    if (!current || !surface) return
    const cardId = current.dataset.cardId
    const groupId = cardId ? undefined : current.closest<HTMLElement>('[data-group-id]')?.dataset.groupId
    const dir = ARROWS[event.key]
    if (dir && event.shiftKey) {
      event.preventDefault()
      if (!o.canEdit) return o.announce(t('interests.announce.viewOnly'))
      const step = event.altKey ? FINE_STEP : STEP
      try {
        if (groupId) {
          const group = o.data.groups.find((g) => g.id === groupId)
          if (!group) return
          const at = nudge(o.doc, o.actor, o.data, { kind: 'group', id: groupId }, dir, step)
          if (!at) return o.announce(t('interests.announce.noRoom'))
          o.announce(t('interests.announce.groupAt', { name: group.name, x: Math.round(at.x / 10), y: Math.round(at.y / 10) }))
        } else if (cardId) {
          const card = o.data.cardsById.get(cardId)
          if (!card) return
          if (o.data.groups.some((g) => g.id === card.groupId)) {
            return o.announce(t('interests.announce.cardInGroupNoMove', { group: o.data.groups.find((g) => g.id === card.groupId)?.name ?? '' }))
          }
          const at = nudge(o.doc, o.actor, o.data, { kind: 'card', id: cardId }, dir, step)
          if (!at) return o.announce(t('interests.announce.noRoom'))
          o.announce(t('interests.announce.cardAt', { x: Math.round(at.x / 10), y: Math.round(at.y / 10) }))
        }
      } catch (error) {
        o.announce(errorText(t, error))
      }
      return
    }
    if (dir) {
      event.preventDefault()
      const items = [...surface.querySelectorAll<HTMLElement>('[data-nav]')]
      const from = current.getBoundingClientRect()
      const cx = from.left + from.width / 2
      const cy = from.top + from.height / 2
      let best: HTMLElement | null = null
      let bestScore = Infinity
      for (const el of items) {
        if (el === current) continue
        const r = el.getBoundingClientRect()
        const dx = r.left + r.width / 2 - cx
        const dy = r.top + r.height / 2 - cy
        const along = dx * dir[0] + dy * dir[1]
        if (along <= 1) continue
        const across = Math.abs(dx * dir[1]) + Math.abs(dy * dir[0])
        const score = along + across * 2
        if (score < bestScore) {
          bestScore = score
          best = el
        }
      }
      o.focusItem(best)
      return
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      const items = [...surface.querySelectorAll<HTMLElement>('[data-nav]')]
      o.focusItem(event.key === 'Home' ? items[0] : items[items.length - 1])
      return
    }
    if (cardId && (event.key === ' ' || event.key === 'Enter')) {
      event.preventDefault()
      o.onToggleSelect(cardId)
      return
    }
    if (cardId && (event.key === 'g' || event.key === 'G') && plain) {
      event.preventDefault()
      o.onGroupShortcut(cardId)
      return
    }
    if (event.key === 'Escape' && o.selectedCount > 0) {
      event.preventDefault()
      o.onClearSelection()
    }
  }
}
