/** "My details" from the board header: a native modal dialog (focus trap and Escape for free). */
import { Dialog } from '../app/Dialog.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { Profile } from '../storage/profile.ts'
import { ProfileForm } from './ProfileForm.tsx'

export function ProfileDialog({ profile, onSave, onClose }: { profile: Profile; onSave(profile: Profile): void; onClose(): void }) {
  const { t } = useI18n()

  return (
    <Dialog labelledBy="profile-dialog-heading" onClose={onClose}>
      <h2 id="profile-dialog-heading">{t('join.editHeading')}</h2>
      <ProfileForm
        initial={profile}
        submitLabel={t('join.save')}
        onSubmit={(next) => { onSave(next); onClose() }}
        onCancel={onClose}
      />
    </Dialog>
  )
}
