/**
 * On a section's tab: who else has it open, discreetly (a coloured dot per person, three at most,
 * then "+n"), and in words for screen readers ("2 other people here", part of the link's name).
 */
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { PersonHere } from './presence-by-partner.ts'

const SHOWN = 3

export function SectionPeers({ people }: { people: readonly PersonHere[] | undefined }) {
  const { t } = useI18n()
  if (!people || people.length === 0) return null
  const names = people.map((p) => p.name).join(', ')
  return (
    <>
      <span className="section-peers" aria-hidden="true" title={names} data-count={people.length}>
        {people.slice(0, SHOWN).map((p) => <span key={p.key} className="section-peers__dot" style={{ backgroundColor: p.color }} />)}
        {people.length > SHOWN && <span className="section-peers__more">+{people.length - SHOWN}</span>}
      </span>
      <span className="visually-hidden"> ({t('presence.tabPeers', { count: people.length })})</span>
    </>
  )
}
