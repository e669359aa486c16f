/** The groups as a list: name, derived kind, partners, and rename / remove. */
import { useId, useState } from 'react'
import type * as Y from 'yjs'
import type { Actor } from '../../shared/board/actor.ts'
import { GROUP_NAME_MAX, removeGroup, renameGroup, type GroupView } from '../../shared/board/interests.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { partnerOf, type InterestsData } from './interests-data.ts'
import { errorText, groupKindLabel } from './labels.ts'

interface Props {
  doc: Y.Doc
  actor: Actor
  data: InterestsData
  canEdit: boolean
  announce(message: string): void
}

export function GroupsList({ doc, actor, data, canEdit, announce }: Props) {
  const { t } = useI18n()
  const id = useId()
  if (data.groups.length === 0) return null
  return (
    <section className="groups-list" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('interests.groups.heading', { count: data.groups.length })}</h3>
      <ul>
        {data.groups.map((group) => <GroupItem key={group.id} doc={doc} actor={actor} data={data} group={group} canEdit={canEdit} announce={announce} />)}
      </ul>
    </section>
  )
}

function GroupItem({ doc, actor, data, group, canEdit, announce }: Props & { group: GroupView }) {
  const { t } = useI18n()
  const id = useId()
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(group.name)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState('')
  const partnerName = (partnerId: string) => partnerOf(data, partnerId, t('interests.facilitation'), t('interests.unknownPartner')).name

  const save = (event: React.FormEvent) => {
    event.preventDefault()
    try {
      renameGroup(doc, actor, group.id, name)
      setRenaming(false)
      setError('')
      announce(t('interests.announce.groupRenamed', { name: name.trim() }))
    } catch (caught) {
      setError(errorText(t, caught))
    }
  }

  return (
    <li className={`groups-list__item groups-list__item--${group.kind}`} data-group-id={group.id}>
      {renaming ? (
        <form onSubmit={save} className="groups-list__rename">
          <label htmlFor={`${id}-name`} className="visually-hidden">{t('interests.groups.newName', { name: group.name })}</label>
          <input id={`${id}-name`} type="text" value={name} maxLength={GROUP_NAME_MAX} autoFocus onChange={(event) => setName(event.target.value)} />
          <button type="submit" className="button button--small button--primary">{t('interests.selection.save')}</button>
          <button type="button" className="button button--small" onClick={() => setRenaming(false)}>{t('interests.selection.cancel')}</button>
          {error && <p className="form-error" role="alert">{error}</p>}
        </form>
      ) : (
        <>
          <span className="groups-list__name">{group.name}</span>
          <span className={`group-kind group-kind--${group.kind}`}>{groupKindLabel(t, group, partnerName)}</span>
          <span className="groups-list__meta">
            {t(group.cardIds.length === 1 ? 'interests.group.countOne' : 'interests.group.count', { count: group.cardIds.length })}
            {group.partnerIds.length > 0 && ` · ${group.partnerIds.map(partnerName).join(', ')}`}
          </span>
          {canEdit && (
            <span className="groups-list__actions">
              <button type="button" className="button button--small" aria-label={t('interests.groups.renameLabel', { name: group.name })} onClick={() => { setName(group.name); setRenaming(true) }}>
                {t('interests.groups.rename')}
              </button>
              {confirming ? (
                <>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => {
                      try {
                        removeGroup(doc, actor, group.id)
                        announce(t('interests.announce.groupRemoved', { name: group.name }))
                      } catch (caught) {
                        announce(errorText(t, caught))
                      }
                    }}
                  >
                    {t('interests.groups.confirmRemove', { name: group.name })}
                  </button>
                  <button type="button" className="button button--small" onClick={() => setConfirming(false)}>{t('interests.selection.cancel')}</button>
                </>
              ) : (
                <button type="button" className="button button--small" aria-label={t('interests.groups.removeLabel', { name: group.name })} onClick={() => setConfirming(true)}>
                  {t('interests.groups.remove')}
                </button>
              )}
            </span>
          )}
        </>
      )}
    </li>
  )
}
