/** "My details" from the board header: a native modal dialog (focus trap and Escape for free). */
import { useEffect, useRef } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Profile } from '../storage/profile.ts'
import { ProfileForm } from './ProfileForm.tsx'

export function ProfileDialog({ profile, onSave, onClose }: { profile: Profile; onSave(profile: Profile): void; onClose(): void }) {
  const { t } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    element.showModal()
    return () => element.close()
  }, [])

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="profile-dialog-heading" onClose={onClose}>
      <h2 id="profile-dialog-heading">{t('join.editHeading')}</h2>
      <ProfileForm
        initial={profile}
        submitLabel={t('join.save')}
        onSubmit={(next) => { onSave(next); onClose() }}
        onCancel={onClose}
      />
    </dialog>
  )
}
