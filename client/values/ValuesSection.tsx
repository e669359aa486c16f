/**
 * The Values section: propose shared values; each partner takes its stance; the status is derived
 * (adopted / contested / open). Filter, sort, reorder (mouse, touch or keyboard), merge, and put adopted
 * values into the charter. Observers read.
 */
import { RoundsPanel } from '../rounds/RoundsPanel.tsx'
import { useRef, useState } from 'react'
import { can } from '../../shared/auth/roles.ts'
import type { ValueStatus } from '../../shared/board/schema.ts'
import { arrangeValues, listValues, moveValue, type ValueFilter, type ValueSort } from '../../shared/board/values.ts'
import { describeError } from '../board/board-errors.ts'
import type { SectionProps } from '../board/section-props.ts'
import { NOT_CHOSEN } from '../board/useActor.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { usePartners } from '../partners/usePartners.ts'
import { CharterValuesNotice } from './CharterValuesNotice.tsx'
import { STATUS_ICON, STATUS_TEXT } from './labels.ts'
import { ProposeValueForm } from './ProposeValueForm.tsx'
import { ValueRow, type RowMove } from './ValueRow.tsx'

const FILTERS: readonly ValueFilter[] = ['all', 'adopted', 'contested', 'open']

export function ValuesSection({ doc, actor, role, snapshot, onChoosePartner }: SectionProps) {
  const { t } = useI18n()
  const values = useDocValue(doc, listValues)
  const partners = usePartners(doc)
  const [filter, setFilter] = useState<ValueFilter>('all')
  const [sort, setSort] = useState<ValueSort>('board')
  const [announcement, setAnnouncement] = useState('')
  const [dragging, setDragging] = useState<string | null>(null)
  const [dragOffset, setDragOffset] = useState(0)
  const [drop, setDrop] = useState<{ id: string; side: 'before' | 'after' } | null>(null)
  /** The rows' places on screen when a drag starts (the dragged row moves; the others don't). */
  const rows = useRef<{ id: string; top: number; bottom: number }[]>([])
  const dropRef = useRef<{ id: string; side: 'before' | 'after' } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = useRef<HTMLOListElement>(null)
  const mayEdit = can(role, 'board.edit')
  const shown = arrangeValues(values, filter, sort)
  const reorderable = mayEdit && filter === 'all' && sort === 'board'
  const counts: Record<ValueFilter, number> = { all: values.length, adopted: 0, contested: 0, open: 0 }
  for (const value of values) counts[value.status] += 1

  const announce = (message: string) => {
    // Same text twice in a row must still be read: clear first.
    setAnnouncement('')
    requestAnimationFrame(() => setAnnouncement(message))
  }

  /** Moves a value to `toIndex` among the others, then says where it is and keeps focus on it. */
  const moveTo = (valueId: string, toIndex: number, focus: 'up' | 'down' | null) => {
    setError(null)
    try {
      moveValue(doc, actor, valueId, toIndex)
    } catch (caught) {
      setError(describeError(t, caught))
      return
    }
    const after = listValues(doc)
    const position = after.findIndex((value) => value.id === valueId) + 1
    const text = after[position - 1]?.text ?? ''
    announce(t('values.moved', { value: text, position, total: after.length }))
    if (focus) {
      requestAnimationFrame(() => {
        const row = list.current?.querySelector(`[data-value="${CSS.escape(valueId)}"]`)
        const button = row?.querySelector<HTMLButtonElement>(`[data-move="${focus}"]:not(:disabled)`) ??
          row?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)')
        button?.focus()
      })
    }
  }

  const rowMoveFor = (index: number): RowMove => {
    const value = shown[index]!
    return {
      enabled: reorderable,
      isFirst: index === 0,
      isLast: index === shown.length - 1,
      move: (delta) => moveTo(value.id, index + delta, delta < 0 ? 'up' : 'down'),
      drag: {
        start: () => {
          rows.current = [...(list.current?.querySelectorAll<HTMLElement>('[data-value]') ?? [])].map((row) => {
            const box = row.getBoundingClientRect()
            return { id: row.dataset.value!, top: box.top, bottom: box.bottom }
          })
          dropRef.current = null
          setDragging(value.id)
          setDragOffset(0)
        },
        move: (clientY, dy) => {
          setDragOffset(dy)
          // The row under the pointer, and which half of it: the value goes before or after it.
          const over = rows.current.find((row) => row.id !== value.id && clientY >= row.top && clientY <= row.bottom)
          const next = over ? { id: over.id, side: clientY < (over.top + over.bottom) / 2 ? 'before' as const : 'after' as const } : null
          if (next?.id !== dropRef.current?.id || next?.side !== dropRef.current?.side) {
            dropRef.current = next
            setDrop(next)
          }
        },
        end: (cancelled) => {
          const target = dropRef.current
          dropRef.current = null
          setDragging(null)
          setDrop(null)
          if (cancelled || !target) return
          const others = shown.filter((other) => other.id !== value.id)
          const targetIndex = others.findIndex((other) => other.id === target.id)
          if (targetIndex === -1) return
          moveTo(value.id, target.side === 'before' ? targetIndex : targetIndex + 1, null)
        },
      },
      dropSide: drop?.id === value.id ? drop.side : null,
      dragOffset: dragging === value.id ? dragOffset : null,
    }
  }

  return (
    <section className="values" aria-labelledby="values-heading">
      <div className="section-head">
        <h2 id="values-heading" tabIndex={-1}>{t('values.heading')}</h2>
      </div>
      <p className="section-intro">{t('values.intro')}</p>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="values-announcer">{announcement}</p>
      {/* A snapshot says it is read-only in its own banner (History). */}
      {!mayEdit && !snapshot && <p className="notice">{t('values.readOnly')}</p>}

      {!snapshot && <CharterValuesNotice doc={doc} actor={actor} />}
      {/* Dot votes on values are placed here too, not only from the interests map. */}
      <RoundsPanel doc={doc} actor={actor} context="values" />

      {mayEdit && (actor.partnerId === NOT_CHOSEN ? (
        <div className="notice values__choose">
          <p>{t('values.propose.chooseFirst')}</p>
          <button type="button" className="button button--primary" onClick={onChoosePartner}>{t('values.choosePartner')}</button>
        </div>
      ) : (
        <ProposeValueForm doc={doc} actor={actor} onProposed={(text) => announce(t('values.propose.done', { value: text }))} />
      ))}

      <div className="values__tools">
        <div className="segmented" role="group" aria-label={t('values.filter')}>
          <span className="segmented__label" aria-hidden="true">{t('values.filter')}</span>
          {FILTERS.map((option) => (
            <button key={option} type="button" className="segmented__button" aria-pressed={filter === option} data-filter={option} onClick={() => setFilter(option)}>
              {option === 'all' ? t('values.filter.all', { count: counts.all }) : (
                <>
                  <span aria-hidden="true">{STATUS_ICON[option as ValueStatus]}</span> {t(STATUS_TEXT[option as ValueStatus])} ({counts[option]})
                </>
              )}
            </button>
          ))}
        </div>
        <label className="values__sort">
          <span>{t('values.sort')}</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as ValueSort)}>
            <option value="board">{t('values.sort.board')}</option>
            <option value="status">{t('values.sort.status')}</option>
          </select>
        </label>
      </div>
      {mayEdit && !reorderable && values.length > 1 && <p className="field__hint">{t('values.reorderHint')}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}

      {values.length === 0 && <p className="muted values__empty">{t('values.empty')}</p>}
      {values.length > 0 && shown.length === 0 && <p className="muted values__empty">{t('values.emptyFiltered')}</p>}
      <ol ref={list} className="values__list" aria-label={t('values.list')} data-dragging={dragging ? true : undefined}>
        {shown.map((value, index) => (
          <ValueRow
            key={value.id} doc={doc} actor={actor} value={value} allValues={values} partners={partners}
            rowMove={rowMoveFor(index)} announce={announce}
          />
        ))}
      </ol>
    </section>
  )
}
