/**
 * Writes a card: an interest / expectation, or what the partner brings. The facilitator writes on a
 * partner's behalf (what is said in the room); everyone else writes for the partner they speak for.
 * While a private-writing round is open, the card is a draft sent to the server (`drafts`), never
 * written to the shared document.
 */
import { useId, useState } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import { FACILITATION, type Actor } from '../../shared/board/actor.ts'
import { addCard, CARD_TEXT_MAX, freePosition } from '../../shared/board/interests.ts'
import type { CardFields, CardKind } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Drafts } from '../rounds/useDrafts.ts'
import type { GroupView } from '../../shared/board/interests.ts'
import type { PartnerInfo } from './interests-data.ts'
import { errorText, KIND_ICON } from './labels.ts'

interface Props {
  doc: Y.Doc
  actor: Actor
  partners: PartnerInfo[]
  cards: CardFields[]
  groups: GroupView[]
  announce(message: string): void
  /** Set while a private-writing round is open: the card becomes one of my drafts. */
  drafts: Drafts | null
}

export function CardComposer({ doc, actor, partners, cards, groups, announce, drafts }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState('')
  const [kind, setKind] = useState<CardKind>('interest')
  const onBehalf = can(actor.role, 'board.speak-for-any-partner')
  const ownPartner = partners.some((p) => p.id === actor.partnerId) ? actor.partnerId : ''
  const [partnerId, setPartnerId] = useState('')
  const chosenPartner = onBehalf ? (partners.some((p) => p.id === partnerId) ? partnerId : ownPartner || partners[0]?.id || '') : actor.partnerId
  const [error, setError] = useState('')

  if (onBehalf && partners.length === 0) return <p className="notice">{t('interests.composer.noPartners')}</p>

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    try {
      const partner = partners.find((p) => p.id === chosenPartner)
      if (drafts) {
        drafts.write({ text, kind, partnerId: chosenPartner || undefined })
        announce(t('interests.announce.draftKept', { partner: partner?.name ?? t('interests.facilitation') }))
      } else {
        const at = freePosition(partners.map((p) => p.id), cards, chosenPartner, groups)
        addCard(doc, actor, { text, kind, partnerId: onBehalf ? chosenPartner : undefined, ...at })
        announce(t('interests.announce.cardAdded', { partner: partner?.name ?? t('interests.facilitation') }))
      }
      setText('')
      setError('')
    } catch (caught) {
      setError(errorText(t, caught))
    }
  }

  return (
    <form className="card-composer" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="card-composer__heading">{t('interests.composer.heading')}</h3>
      <div className="card-composer__row">
        <fieldset className="kind-choice">
          <legend>{t('interests.composer.kind')}</legend>
          {(['interest', 'brings'] as const).map((value) => (
            <label key={value} className={`kind-choice__option kind-choice__option--${value}`}>
              <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span aria-hidden="true" className="kind-choice__icon">{KIND_ICON[value]}</span>
              {t(value === 'brings' ? 'interests.kind.bringsLong' : 'interests.kind.interestLong')}
            </label>
          ))}
        </fieldset>
        {onBehalf && (
          <div className="field card-composer__partner">
            <label htmlFor={`${id}-partner`}>{t('interests.composer.partner')}</label>
            <select id={`${id}-partner`} value={chosenPartner} onChange={(event) => setPartnerId(event.target.value)}>
              {partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="card-composer__row card-composer__row--text">
        <div className="field card-composer__text">
          <label htmlFor={`${id}-text`}>{t(kind === 'brings' ? 'interests.composer.textBrings' : 'interests.composer.textInterest')}</label>
          <input
            id={`${id}-text`}
            type="text"
            value={text}
            maxLength={CARD_TEXT_MAX}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary">{t('interests.composer.submit')}</button>
      </div>
      {error && <p id={`${id}-error`} className="form-error" role="alert">{error}</p>}
      {!onBehalf && actor.partnerId === FACILITATION && <p className="muted">{t('interests.composer.asFacilitation')}</p>}
    </form>
  )
}
