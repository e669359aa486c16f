/**
 * What to do with the selected cards: gather them into a new group, move them to a group (or out
 * of one), edit one, remove them. The same actions for mouse, touch and keyboard users.
 */
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { CARD_TEXT_MAX, editCard, GROUP_NAME_MAX, removeCard } from '../../shared/board/interests.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { InterestsData } from './interests-data.ts'
import { errorText } from './labels.ts'
import { groupCards, moveCardsToGroup } from './map-actions.ts'

interface Props {
  doc: Y.Doc
  actor: Actor
  data: InterestsData
  selected: ReadonlySet<string>
  onClear(): void
  announce(message: string): void
}

export interface SelectionBarHandle {
  /** Focuses "Move to group" once the bar shows it (after the selection it needs has rendered). */
  focusMoveToGroup(): void
}

const NO_GROUP = ''

export const SelectionBar = forwardRef<SelectionBarHandle, Props>(function SelectionBar({ doc, actor, data, selected, onClear, announce }, ref) {
  const { t } = useI18n()
  const id = useId()
  const moveSelect = useRef<HTMLSelectElement>(null)
  const [groupName, setGroupName] = useState('')
  const [target, setTarget] = useState<string>(NO_GROUP)
  const [editing, setEditing] = useState<string | null>(null)
  const [editText, setEditText] = useState('')
  const [error, setError] = useState('')

  const [focusRequest, setFocusRequest] = useState(0)
  useImperativeHandle(ref, () => ({ focusMoveToGroup: () => setFocusRequest((n) => n + 1) }), [])

  const ids = [...selected].filter((cardId) => data.cardsById.has(cardId))
  const count = ids.length

  useEffect(() => {
    if (focusRequest > 0) moveSelect.current?.focus()
  }, [focusRequest])
  const validTarget = target === NO_GROUP || data.groups.some((g) => g.id === target) ? target : NO_GROUP

  const run = (action: () => string) => {
    try {
      announce(action())
      setError('')
    } catch (caught) {
      const message = errorText(t, caught)
      setError(message)
      announce(message)
    }
  }

  const group = (event: React.FormEvent) => {
    event.preventDefault()
    run(() => {
      const name = groupName
      groupCards(doc, actor, data, ids, name)
      setGroupName('')
      onClear()
      return t('interests.announce.groupCreated', { name: name.trim(), count })
    })
  }

  const move = () => run(() => {
    moveCardsToGroup(doc, actor, data, ids, validTarget)
    const name = data.groups.find((g) => g.id === validTarget)?.name
    return name ? t('interests.announce.movedToGroup', { count, group: name }) : t('interests.announce.movedOutOfGroups', { count })
  })

  const remove = () => run(() => {
    doc.transact(() => {
      for (const cardId of ids) removeCard(doc, actor, cardId)
    })
    onClear()
    return t('interests.announce.removed', { count })
  })

  const saveEdit = (event: React.FormEvent) => {
    event.preventDefault()
    if (!editing) return
    run(() => {
      editCard(doc, actor, editing, { text: editText })
      setEditing(null)
      return t('interests.announce.edited')
    })
  }

  return (
    <div className="selection-bar" role="group" aria-labelledby={`${id}-count`}>
      <p id={`${id}-count`} className="selection-bar__count" aria-live="polite">
        {count === 0 ? t('interests.selection.none') : t('interests.selection.count', { count })}
      </p>
      <form className="selection-bar__part" onSubmit={group}>
        <label htmlFor={`${id}-group-name`} className="visually-hidden">{t('interests.selection.groupName')}</label>
        <input
          id={`${id}-group-name`}
          type="text"
          value={groupName}
          maxLength={GROUP_NAME_MAX}
          placeholder={t('interests.selection.groupNamePlaceholder')}
          onChange={(event) => setGroupName(event.target.value)}
        />
        <button type="submit" className="button button--small">
          {count > 0 ? t('interests.selection.group', { count }) : t('interests.selection.newGroup')}
        </button>
      </form>
      {count > 0 && <div className="selection-bar__part">
        <label htmlFor={`${id}-move`} className="visually-hidden">{t('interests.selection.moveTo')}</label>
        <select id={`${id}-move`} ref={moveSelect} value={validTarget} onChange={(event) => setTarget(event.target.value)}>
          <option value={NO_GROUP}>{t('interests.selection.noGroup')}</option>
          {data.groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
        <button type="button" className="button button--small" onClick={move}>
          {t('interests.selection.move')}
        </button>
      </div>}
      {count > 0 && <div className="selection-bar__part">
        <button
          type="button"
          className="button button--small"
          disabled={count !== 1}
          onClick={() => {
            const card = data.cardsById.get(ids[0]!)
            if (!card) return
            setEditing(card.id)
            setEditText(card.text)
          }}
        >
          {t('interests.selection.edit')}
        </button>
        <button type="button" className="button button--small" onClick={remove}>
          {t('interests.selection.remove')}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onClear}>
          {t('interests.selection.clear')}
        </button>
      </div>}
      {editing && data.cardsById.has(editing) && (
        <form className="selection-bar__edit" onSubmit={saveEdit}>
          <label htmlFor={`${id}-edit`}>{t('interests.selection.editLabel')}</label>
          <div className="selection-bar__part">
            <input id={`${id}-edit`} type="text" value={editText} maxLength={CARD_TEXT_MAX} autoFocus onChange={(event) => setEditText(event.target.value)} />
            <button type="submit" className="button button--small button--primary">{t('interests.selection.save')}</button>
            <button type="button" className="button button--small" onClick={() => setEditing(null)}>{t('interests.selection.cancel')}</button>
          </div>
        </form>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  )
})
