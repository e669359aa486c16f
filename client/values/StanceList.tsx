/**
 * Each partner's stance on one value. A person changes only the stance of the partner they speak
 * for; the facilitator records any partner's (what is said in the room).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { mayActFor } from '../../shared/board/permissions.ts'
import type { PartnerFields, Stance, StanceKind } from '../../shared/board/schema.ts'
import { isOutdated, setStance, STANCE_TEXT_MAX, type ValueView } from '../../shared/board/values.ts'
import { describeError } from '../board/board-errors.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { STANCE_ICON, STANCE_KINDS, STANCE_TEXT } from './labels.ts'

interface Props {
  doc: Y.Doc
  actor: Actor
  value: ValueView
  partners: readonly PartnerFields[]
  onRecorded(message: string): void
}

export function StanceList({ doc, actor, value, partners, onRecorded }: Props) {
  const { t } = useI18n()
  const [editing, setEditing] = useState<string | null>(null)
  // Once a stance is recorded or the form left (Esc, Cancel), focus goes back to that partner's button.
  const list = useRef<HTMLUListElement>(null)
  const [returnFocus, setReturnFocus] = useState<string | null>(null)
  const close = (partnerId: string) => {
    setEditing(null)
    setReturnFocus(partnerId)
  }
  useEffect(() => {
    if (editing !== null || returnFocus === null) return
    list.current?.querySelector<HTMLElement>(`[data-stance-change="${CSS.escape(returnFocus)}"]`)?.focus()
    setReturnFocus(null)
  }, [editing, returnFocus])

  if (partners.length === 0) return <p className="muted stances__none">{t('values.noPartners')}</p>
  return (
    <ul className="stances" aria-label={t('values.stances')} ref={list}>
      {partners.map((partner) => {
        const stance = value.stances[partner.id]
        // A stance given on an earlier wording counts as not yet decided (values.ts).
        const outdated = stance !== undefined && isOutdated(stance, value.text)
        const kind: StanceKind = outdated ? 'undecided' : stance?.kind ?? 'undecided'
        const mine = mayActFor(actor, partner.id)
        const label = t('stance.changeLabel', { partner: partner.name, value: value.text })
        return (
          <li key={partner.id} className={`stance stance--${kind}`} data-partner={partner.id} data-stance={kind} style={{ ['--partner-color' as string]: partner.color }}>
            <div className="stance__row">
              <PartnerTag partners={partners} partnerId={partner.id} />
              <span className="stance__kind">
                <span className="stance__icon" aria-hidden="true">{STANCE_ICON[kind]}</span>
                {t(STANCE_TEXT[kind])}
              </span>
              {mine && editing !== partner.id && (
                <button
                  type="button" className="button button--small stance__change" data-stance-change={partner.id}
                  aria-label={`${stance ? t('stance.change') : t('stance.set')} — ${label}`}
                  onClick={() => setEditing(partner.id)}
                >
                  {stance ? t('stance.change') : t('stance.set')}
                </button>
              )}
            </div>
            {stance?.text && (
              <p className="stance__text">
                <strong>{kind === 'object' ? t('stance.objectText') : t('stance.reservationText')}</strong> {stance.text}
              </p>
            )}
            {stance && outdated && (
              <p className="stance__outdated">{t('stance.outdated', { stance: t(STANCE_TEXT[stance.kind]) })}</p>
            )}
            {stance && (
              <p className="stance__by">{t(stance.onBehalf ? 'stance.byOnBehalf' : 'stance.by', { name: stance.by.name, partner: partner.name })}</p>
            )}
            {editing === partner.id && (
              <StanceForm
                partnerName={partner.name} current={stance} legend={label}
                onCancel={() => close(partner.id)}
                onSave={(next, text) => {
                  setStance(doc, actor, value.id, partner.id, next, text)
                  close(partner.id)
                  onRecorded(t('stance.recorded', { partner: partner.name, stance: t(STANCE_TEXT[next]) }))
                }}
              />
            )}
          </li>
        )
      })}
    </ul>
  )
}

function StanceForm({ partnerName, current, legend, onSave, onCancel }: {
  partnerName: string
  current: Stance | undefined
  legend: string
  onSave(kind: StanceKind, text: string): void
  onCancel(): void
}) {
  const { t } = useI18n()
  const id = useId()
  const [kind, setKind] = useState<StanceKind>(current?.kind ?? 'agree')
  const [text, setText] = useState(current?.text ?? '')
  const [error, setError] = useState<string | null>(null)
  const needsText = kind === 'reservation' || kind === 'object'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      onSave(kind, needsText ? text : '')
    } catch (caught) {
      setError(describeError(t, caught))
      document.getElementById(`${id}-text`)?.focus()
    }
  }

  return (
    <form className="stance-form" onSubmit={submit} noValidate onKeyDown={(event) => { if (event.key === 'Escape') onCancel() }}>
      <fieldset className="choice-group">
        <legend>{legend}</legend>
        <div className="stance-form__kinds">
          {STANCE_KINDS.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${id}-kind`} value={option} checked={kind === option} autoFocus={kind === option} onChange={() => setKind(option)} />
              <span aria-hidden="true" className="stance__icon">{STANCE_ICON[option]}</span>
              <span>{t(STANCE_TEXT[option])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {needsText && (
        <div className="field">
          <label htmlFor={`${id}-text`}>{kind === 'object' ? t('stance.objectField', { partner: partnerName }) : t('stance.reservationField')}</label>
          <textarea
            id={`${id}-text`} value={text} maxLength={STANCE_TEXT_MAX} rows={2}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      {error && <p className="form-error" id={`${id}-error`} role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small">{t('stance.save')}</button>
        <button type="button" className="button button--small" onClick={onCancel}>{t('stance.cancel')}</button>
      </div>
    </form>
  )
}
