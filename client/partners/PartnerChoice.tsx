/**
 * "Which partner do you speak for on this board?": one of the board's partners (live list),
 * facilitation, or — for whoever may edit partners — a new partner with my organisation's name.
 */
import { useId, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import { FACILITATION, type Actor } from '../../shared/board/actor.ts'
import { addPartner, mayEditPartners } from '../../shared/board/partners.ts'
import { describeError } from '../board/board-errors.ts'
import { NOT_CHOSEN } from '../board/useActor.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useDocValue } from '../live/useDocValue.ts'
import { usePartners } from './usePartners.ts'

const ADD_NEW = '__new__'

interface Props {
  doc: Y.Doc
  actor: Actor
  organisation: string
  onChosen(partnerId: string): void
  onCancel?(): void
}

export function PartnerChoice({ doc, actor, organisation, onChosen, onCancel }: Props) {
  const { t } = useI18n()
  const id = useId()
  const partners = usePartners(doc)
  const mayAdd = useDocValue(doc, (d) => mayEditPartners(d, actor))
  const guess = (): string => {
    if (actor.partnerId !== NOT_CHOSEN) return actor.partnerId
    const same = partners.find((p) => p.name.trim().toLowerCase() === organisation.trim().toLowerCase() ||
      (p.shortName !== '' && p.shortName.trim().toLowerCase() === organisation.trim().toLowerCase()))
    if (same) return same.id
    return actor.role === 'facilitator' ? FACILITATION : ''
  }
  const [choice, setChoice] = useState(guess)
  const [newName, setNewName] = useState(organisation)
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (choice === '') return setError(t('speaksFor.pickOne'))
    if (choice !== ADD_NEW) return onChosen(choice)
    try {
      onChosen(addPartner(doc, actor, { name: newName }))
    } catch (caught) {
      setError(describeError(t, caught))
    }
  }

  const options = [
    ...partners.map((p) => ({ value: p.id, label: p.shortName && p.shortName !== p.name ? `${p.name} (${p.shortName})` : p.name, color: p.color })),
    { value: FACILITATION, label: t('speaksFor.facilitation'), color: null },
  ]

  return (
    <form className="partner-choice" onSubmit={submit} noValidate>
      <fieldset className="choice-group">
        <legend>{t('speaksFor.question')}</legend>
        {partners.length === 0 && <p className="field__hint">{mayAdd ? t('speaksFor.noPartnersYet') : t('speaksFor.noPartnersLocked')}</p>}
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name={`${id}-partner`} value={option.value} checked={choice === option.value} onChange={() => setChoice(option.value)} />
            {option.color
              ? <span className="partner-tag__swatch" style={{ backgroundColor: option.color }} aria-hidden="true" />
              : <span className="partner-tag__swatch partner-tag__swatch--facilitation" aria-hidden="true" />}
            <span>{option.label}</span>
          </label>
        ))}
        {mayAdd && (
          <label className="choice">
            <input type="radio" name={`${id}-partner`} value={ADD_NEW} checked={choice === ADD_NEW} onChange={() => setChoice(ADD_NEW)} />
            <span>{t('speaksFor.addMine')}</span>
          </label>
        )}
      </fieldset>
      {choice === ADD_NEW && (
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('speaksFor.newName')}</label>
          <input id={`${id}-new`} type="text" value={newName} maxLength={120} onChange={(event) => setNewName(event.target.value)} />
          <p className="field__hint">{t('speaksFor.newHint')}</p>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary">{t('speaksFor.confirm')}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel}>{t('join.cancel')}</button>}
      </div>
    </form>
  )
}
