/** Add or edit a partner: name (required), short name, colour (palette, named), kind, note. */
import { useId, useRef, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import {
  addPartner, nextPartnerColor, PARTNER_NAME_MAX, PARTNER_NOTE_MAX, PARTNER_PALETTE, PARTNER_SHORT_NAME_MAX, updatePartner,
} from '../../shared/board/partners.ts'
import { PARTNER_KINDS, type PartnerFields, type PartnerKind } from '../../shared/board/schema.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/en.ts'

/** The palette's colours, by name (same order as PARTNER_PALETTE). */
export const PALETTE_NAMES: readonly MessageKey[] = [
  'color.blue', 'color.orange', 'color.green', 'color.purple', 'color.olive',
  'color.violet', 'color.red', 'color.teal', 'color.grey', 'color.brown',
]

interface Props {
  doc: Y.Doc
  actor: Actor
  partners: readonly PartnerFields[]
  /** The partner to edit, or null to add one. */
  editing: PartnerFields | null
  onDone(name: string, partnerId: string): void
  onCancel(): void
}

export function PartnerForm({ doc, actor, partners, editing, onDone, onCancel }: Props) {
  const { t } = useI18n()
  const id = useId()
  const nameInput = useRef<HTMLInputElement>(null)
  const [name, setName] = useState(editing?.name ?? '')
  const [shortName, setShortName] = useState(editing?.shortName ?? '')
  const [color, setColor] = useState(() => editing?.color ?? nextPartnerColor(doc))
  const [kind, setKind] = useState<PartnerKind>(editing?.kind ?? 'association')
  const [note, setNote] = useState(editing?.note ?? '')
  const [error, setError] = useState<string | null>(null)
  const [nameError, setNameError] = useState(false)
  const used = new Set(partners.filter((p) => p.id !== editing?.id).map((p) => p.color))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setNameError(false)
    if (name.trim() === '') {
      setNameError(true)
      nameInput.current?.focus()
      return
    }
    try {
      const input = { name, shortName, color, kind, note }
      if (editing) {
        updatePartner(doc, actor, editing.id, input)
        onDone(name.trim(), editing.id)
      } else {
        onDone(name.trim(), addPartner(doc, actor, input))
      }
    } catch (caught) {
      setError(describeError(t, caught))
    }
  }

  const headingId = `${id}-heading`
  return (
    <form className="card partner-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{editing ? t('partners.editHeading', { name: editing.name }) : t('partners.addHeading')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('partners.name')}</label>
          <input
            ref={nameInput} id={`${id}-name`} type="text" value={name} maxLength={PARTNER_NAME_MAX} autoFocus
            aria-invalid={nameError || undefined} aria-describedby={nameError ? `${id}-name-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {nameError && <p className="form-error" id={`${id}-name-error`} role="alert">{t('error.partner-name-required')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-short`}>{t('partners.shortName')}</label>
          <input
            id={`${id}-short`} type="text" value={shortName} maxLength={PARTNER_SHORT_NAME_MAX}
            aria-describedby={`${id}-short-hint`} onChange={(event) => setShortName(event.target.value)}
          />
          <p className="field__hint" id={`${id}-short-hint`}>{t('partners.shortNameHint', { max: PARTNER_SHORT_NAME_MAX })}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('partners.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as PartnerKind)}>
            {PARTNER_KINDS.map((option) => <option key={option} value={option}>{t(`partnerKind.${option}`)}</option>)}
          </select>
        </div>
      </div>
      <fieldset className="choice-group">
        <legend>{t('partners.color')}</legend>
        <div className="palette">
          {PARTNER_PALETTE.map((option, index) => (
            <label key={option} className="choice">
              <input type="radio" name={`${id}-color`} value={option} checked={color === option} onChange={() => setColor(option)} />
              <span className="palette__swatch" style={{ backgroundColor: option }} aria-hidden="true" />
              <span>
                {t(PALETTE_NAMES[index]!)}
                {used.has(option) && <span className="palette__used"> ({t('partners.colorUsed')})</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('partners.note')}</label>
        <textarea id={`${id}-note`} value={note} maxLength={PARTNER_NOTE_MAX} rows={2} onChange={(event) => setNote(event.target.value)} />
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary">{editing ? t('partners.save') : t('partners.create')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('partners.cancel')}</button>
      </div>
    </form>
  )
}
