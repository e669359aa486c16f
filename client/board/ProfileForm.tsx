/** Name and organisation: asked once when joining, editable later from the board header. */
import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PROFILE_FIELD_MAX, randomColor, type Profile } from '../storage/profile.ts'

interface Props {
  initial: Profile | null
  submitLabel: string
  onSubmit(profile: Profile): void
  onCancel?(): void
}

export function ProfileForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [name, setName] = useState(initial?.name ?? '')
  const [organisation, setOrganisation] = useState(initial?.organisation ?? '')
  const [errors, setErrors] = useState<{ name?: string; organisation?: string }>({})

  const check = (value: string, emptyMessage: string): string | undefined => {
    if (value.trim() === '') return emptyMessage
    if (value.trim().length > PROFILE_FIELD_MAX) return t('join.errorTooLong', { max: PROFILE_FIELD_MAX })
    return undefined
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next = { name: check(name, t('join.errorName')), organisation: check(organisation, t('join.errorOrganisation')) }
    setErrors(next)
    if (next.name) return document.getElementById(`${id}-name`)?.focus()
    if (next.organisation) return document.getElementById(`${id}-org`)?.focus()
    onSubmit({ name: name.trim(), organisation: organisation.trim(), color: initial?.color ?? randomColor() })
  }

  return (
    <form className="profile-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('join.name')}</label>
        <input
          id={`${id}-name`}
          name="name"
          type="text"
          autoComplete="name"
          value={name}
          maxLength={PROFILE_FIELD_MAX}
          autoFocus
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {errors.name && <p className="form-error" id={`${id}-name-error`} role="alert">{errors.name}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('join.organisation')}</label>
        <input
          id={`${id}-org`}
          name="organisation"
          type="text"
          autoComplete="organization"
          value={organisation}
          maxLength={PROFILE_FIELD_MAX}
          aria-invalid={errors.organisation ? true : undefined}
          aria-describedby={`${id}-org-hint${errors.organisation ? ` ${id}-org-error` : ''}`}
          onChange={(event) => setOrganisation(event.target.value)}
        />
        <p className="field__hint" id={`${id}-org-hint`}>{t('join.organisationHint')}</p>
        {errors.organisation && <p className="form-error" id={`${id}-org-error`} role="alert">{errors.organisation}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">{submitLabel}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel}>{t('join.cancel')}</button>}
      </div>
    </form>
  )
}
