/** One shared value: its text, who proposed it, its derived status, each partner's stance, and its actions. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import type { Actor } from '../../shared/board/actor.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { editValue, mergeValues, removeValue, VALUE_EXPLANATION_MAX, VALUE_TEXT_MAX, type ValueView } from '../../shared/board/values.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { STANCE_ICON, STANCE_TEXT, STATUS_ICON, STATUS_TEXT } from './labels.ts'
import { StanceList } from './StanceList.tsx'
import { ValueDragHandle, type ValueDrag } from './ValueDragHandle.tsx'

export interface RowMove {
  /** Reordering is possible in this view (all values, board order). */
  enabled: boolean
  isFirst: boolean
  isLast: boolean
  move(delta: -1 | 1): void
  /** Pointer and touch reordering through the row's grip. */
  drag: ValueDrag
  dropSide: 'before' | 'after' | null
  /** While this row is dragged: how far it has moved, in pixels. */
  dragOffset: number | null
}

interface Props {
  doc: Y.Doc
  actor: Actor
  value: ValueView
  allValues: readonly ValueView[]
  partners: readonly PartnerFields[]
  rowMove: RowMove
  announce(message: string): void
}

type Mode = 'view' | 'edit' | 'merge' | 'remove'

export function ValueRow({ doc, actor, value, allValues, partners, rowMove, announce }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [mode, setMode] = useState<Mode>('view')
  const [error, setError] = useState<string | null>(null)
  // Leaving a form (saved, cancelled or Esc) puts focus back on the button that opened it.
  const article = useRef<HTMLElement>(null)
  const [returnFocus, setReturnFocus] = useState<Mode | null>(null)
  const back = (from: Mode) => {
    setMode('view')
    setReturnFocus(from)
  }
  useEffect(() => {
    if (mode !== 'view' || returnFocus === null) return
    const opener = article.current?.querySelector<HTMLElement>(`[data-action="${returnFocus}"]`)
    ;(opener ?? article.current?.querySelector<HTMLElement>('h3'))?.focus()
    setReturnFocus(null)
  }, [mode, returnFocus])
  const mayEdit = can(actor.role, 'board.edit')
  const mayRemove = mayEdit && (can(actor.role, 'board.remove-any') || value.author?.personId === actor.personId)
  const mayMerge = can(actor.role, 'value.merge')

  const run = (action: () => void) => {
    setError(null)
    try {
      action()
    } catch (caught) {
      setError(describeError(t, caught))
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (!rowMove.enabled || !event.altKey || mode !== 'view') return
    if (event.key === 'ArrowUp' && !rowMove.isFirst) { event.preventDefault(); rowMove.move(-1) }
    if (event.key === 'ArrowDown' && !rowMove.isLast) { event.preventDefault(); rowMove.move(1) }
  }

  return (
    <li
      className={`value value--${value.status}`}
      data-value={value.id}
      data-status={value.status}
      data-drop={rowMove.dropSide ?? undefined}
      data-dragged={rowMove.dragOffset !== null ? '' : undefined}
      onKeyDown={onKeyDown}
      style={{
        ['--partner-color' as string]: partners.find((p) => p.id === value.partnerId)?.color ?? '#6b7380',
        transform: rowMove.dragOffset !== null ? `translateY(${rowMove.dragOffset}px)` : undefined,
      }}
    >
      <article className="value__body" aria-labelledby={`${id}-text`} ref={article}>
        <div className="value__head">
          {mayEdit && rowMove.enabled && (
            <ValueDragHandle label={t('values.dragLabel', { value: value.text })} drag={rowMove.drag} />
          )}
          <h3 className="value__text" id={`${id}-text`} tabIndex={-1}>{value.text}</h3>
          <span className={`status-badge status-badge--${value.status}`} data-status={value.status}>
            <span aria-hidden="true" className="status-badge__icon">{STATUS_ICON[value.status]}</span>
            {t(STATUS_TEXT[value.status])}
          </span>
        </div>
        {value.explanation && <p className="value__explanation">{value.explanation}</p>}
        <p className="value__by">
          <span className="muted">{t('values.proposedBy')}</span> <PartnerTag partners={partners} partnerId={value.partnerId} />
          <span className="muted"> — {value.author?.name}</span>
        </p>

        {mode === 'edit' ? (
          <EditValueForm
            value={value}
            onCancel={() => back('edit')}
            onSave={(text, explanation) => { editValue(doc, actor, value.id, { text, explanation }); back('edit') }}
          />
        ) : (
          <StanceList doc={doc} actor={actor} value={value} partners={partners} onRecorded={announce} />
        )}

        {value.mergedFrom.length > 0 && (
          <details className="value__merged">
            <summary>{t('values.mergedFrom', { count: value.mergedFrom.length })}</summary>
            <ul>
              {value.mergedFrom.map((merged) => (
                <li key={merged.id}>
                  <p className="value__merged-text">“{merged.text}”</p>
                  {merged.explanation && <p className="value__explanation">{merged.explanation}</p>}
                  <p className="value__by">
                    <PartnerTag partners={partners} partnerId={merged.partnerId} />{' '}
                    <span className="muted">{t('values.mergedItem', { author: merged.author?.name ?? '', by: merged.mergedBy?.name ?? '' })}</span>
                  </p>
                  {Object.keys(merged.stances).length > 0 && (
                    <ul className="value__merged-stances" aria-label={t('values.mergedStances')}>
                      {Object.entries(merged.stances).map(([partnerId, stance]) => (
                        <li key={partnerId}>
                          <PartnerTag partners={partners} partnerId={partnerId} short />{' '}
                          <span aria-hidden="true">{STANCE_ICON[stance.kind]}</span> {t(STANCE_TEXT[stance.kind])}
                          {stance.text && <> — {stance.text}</>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}

        {mode === 'merge' && (
          <MergeForm
            value={value} others={allValues.filter((other) => other.id !== value.id)}
            onCancel={() => back('merge')}
            onMerge={(targetId) => run(() => {
              const target = allValues.find((other) => other.id === targetId)
              mergeValues(doc, actor, targetId, value.id)
              announce(t('values.merged', { source: value.text, target: target?.text ?? '' }))
              requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-value="${CSS.escape(targetId)}"] h3`)?.focus())
            })}
          />
        )}

        {mode === 'remove' && (
          <div className="value__confirm" role="group" aria-label={t('values.removeLabel', { value: value.text })} onKeyDown={(event) => { if (event.key === 'Escape') back('remove') }}>
            <p>{t('values.removeConfirm')}</p>
            <div className="form-actions">
              {/* The safe choice first: focus starts on Cancel. */}
              <button type="button" className="button button--danger button--small" onClick={(event) => run(() => {
                // The row goes: focus moves to the next value (or the previous one, or the list's heading).
                const row = event.currentTarget.closest('li[data-value]')
                const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('h3')
                const fallback = document.getElementById('values-heading')
                removeValue(doc, actor, value.id)
                requestAnimationFrame(() => (neighbour?.isConnected ? neighbour : fallback)?.focus())
                announce(t('values.removed', { value: value.text }))
              })}>{t('values.remove')}</button>
              <button type="button" className="button button--small" autoFocus onClick={() => back('remove')}>{t('values.cancel')}</button>
            </div>
          </div>
        )}

        {error && <p className="form-error" role="alert">{error}</p>}

        {mayEdit && mode === 'view' && (
          <div className="value__actions">
            {rowMove.enabled && (
              <>
                <button
                  type="button" className="button button--small" data-move="up" disabled={rowMove.isFirst}
                  aria-label={t('values.moveUpLabel', { value: value.text })} onClick={() => rowMove.move(-1)}
                >↑ {t('values.moveUp')}</button>
                <button
                  type="button" className="button button--small" data-move="down" disabled={rowMove.isLast}
                  aria-label={t('values.moveDownLabel', { value: value.text })} onClick={() => rowMove.move(1)}
                >↓ {t('values.moveDown')}</button>
              </>
            )}
            <button type="button" className="button button--small" data-action="edit" aria-label={t('values.editLabel', { value: value.text })} onClick={() => setMode('edit')}>{t('values.edit')}</button>
            {mayMerge && (
              <button type="button" className="button button--small" data-action="merge" aria-label={t('values.mergeLabel', { value: value.text })} onClick={() => setMode('merge')}>{t('values.merge')}</button>
            )}
            {mayRemove && (
              <button type="button" className="button button--small" data-action="remove" aria-label={t('values.removeLabel', { value: value.text })} onClick={() => setMode('remove')}>{t('values.remove')}</button>
            )}
          </div>
        )}
      </article>
    </li>
  )
}

function EditValueForm({ value, onSave, onCancel }: { value: ValueView; onSave(text: string, explanation: string): void; onCancel(): void }) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState(value.text)
  const [explanation, setExplanation] = useState(value.explanation)
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      onSave(text, explanation)
    } catch (caught) {
      setError(describeError(t, caught))
    }
  }
  return (
    <form className="value__edit" onSubmit={submit} noValidate onKeyDown={(event) => { if (event.key === 'Escape') onCancel() }}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('values.propose.text')}</label>
        <input id={`${id}-text`} type="text" value={text} maxLength={VALUE_TEXT_MAX} autoFocus aria-invalid={error ? true : undefined} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-explanation`}>{t('values.propose.explanation')}</label>
        <textarea id={`${id}-explanation`} value={explanation} maxLength={VALUE_EXPLANATION_MAX} rows={2} onChange={(event) => setExplanation(event.target.value)} />
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small">{t('values.save')}</button>
        <button type="button" className="button button--small" onClick={onCancel}>{t('values.cancel')}</button>
      </div>
    </form>
  )
}

function MergeForm({ value, others, onMerge, onCancel }: { value: ValueView; others: readonly ValueView[]; onMerge(targetId: string): void; onCancel(): void }) {
  const { t } = useI18n()
  const id = useId()
  const [target, setTarget] = useState(others[0]?.id ?? '')
  if (others.length === 0) {
    return (
      <div className="value__merge">
        <p>{t('values.merge.none')}</p>
        <button type="button" className="button button--small" autoFocus onClick={onCancel}>{t('values.cancel')}</button>
      </div>
    )
  }
  return (
    <form className="value__merge" onSubmit={(event) => { event.preventDefault(); if (target) onMerge(target) }} onKeyDown={(event) => { if (event.key === 'Escape') onCancel() }}>
      <div className="field">
        <label htmlFor={`${id}-target`}>{t('values.merge.legend', { value: value.text })}</label>
        <select id={`${id}-target`} value={target} autoFocus aria-describedby={`${id}-hint`} onChange={(event) => setTarget(event.target.value)}>
          {others.map((other) => <option key={other.id} value={other.id}>{other.text}</option>)}
        </select>
        <p className="field__hint" id={`${id}-hint`}>{t('values.merge.hint')}</p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small">{t('values.merge.confirm')}</button>
        <button type="button" className="button button--small" onClick={onCancel}>{t('values.cancel')}</button>
      </div>
    </form>
  )
}
