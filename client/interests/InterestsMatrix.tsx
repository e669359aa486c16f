/**
 * The matrix: groups × partners as a real table, the same data as the map (every card, its kind,
 * its partner, its group), for screen readers, projectors and phones. The last row holds the cards
 * in no group.
 */
import { memo, useMemo } from 'react'
import type { CardFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { partnerOf, type InterestsData } from './interests-data.ts'
import { groupKindLabel, KIND_ICON, kindLabel } from './labels.ts'

export const InterestsMatrix = memo(function InterestsMatrix({ data }: { data: InterestsData }) {
  const { t } = useI18n()
  const facilitation = t('interests.facilitation')
  const unknown = t('interests.unknownPartner')

  // Same shape as interestsMatrix() in shared/, computed from the already-read data.
  const { partners, rows } = useMemo(() => {
    const known = data.partners.map((p) => p.id)
    const extra = [...new Set(data.cards.map((c) => c.partnerId).filter((id) => !known.includes(id)))]
    const partners = [...known, ...extra].map((id) => partnerOf(data, id, facilitation, unknown))
    const groupIds = new Set(data.groups.map((g) => g.id))
    const cellsFor = (belongs: (card: CardFields) => boolean) =>
      new Map(partners.map((p) => [p.id, data.cards.filter((card) => card.partnerId === p.id && belongs(card))]))
    const rows = [
      ...data.groups.map((group) => ({ group, cells: cellsFor((card) => card.groupId === group.id) })),
      { group: null, cells: cellsFor((card) => !groupIds.has(card.groupId)) },
    ]
    return { partners, rows }
  }, [data, facilitation, unknown])

  const partnerName = (id: string) => partnerOf(data, id, facilitation, unknown).name

  return (
    <div className="matrix-scroll" tabIndex={0} role="region" aria-labelledby="interests-matrix-caption">
      <table className="interests-matrix" data-testid="interests-matrix">
        <caption id="interests-matrix-caption">{t('interests.matrix.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('interests.matrix.groupColumn')}</th>
            {partners.map((p) => (
              <th scope="col" key={p.id} data-partner-id={p.id}>
                <span className="partner-chip" style={{ '--partner': p.color } as React.CSSProperties}>
                  <span className="partner-chip__dot" aria-hidden="true" />{p.label}
                </span>
                {p.label !== p.name && <span className="visually-hidden"> ({p.name})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ group, cells }) => (
            <tr key={group?.id ?? 'ungrouped'} data-group-id={group?.id ?? ''} className={group ? `matrix-row--${group.kind}` : 'matrix-row--ungrouped'}>
              <th scope="row">
                {group ? (
                  <>
                    <span className="matrix__group-name">{group.name}</span>
                    <span className={`group-kind group-kind--${group.kind}`}>{groupKindLabel(t, group, partnerName)}</span>
                  </>
                ) : (
                  <span className="matrix__group-name">{t('interests.matrix.ungrouped')}</span>
                )}
              </th>
              {partners.map((p) => {
                const cards = cells.get(p.id) ?? []
                return (
                  <td key={p.id} data-partner-id={p.id}>
                    {/* Phones stack the table (phone.css): each cell then says whose it is; the header says it to screen readers. */}
                    <span className="matrix__cell-partner" aria-hidden="true" style={{ '--partner': p.color } as React.CSSProperties}>{p.label}</span>
                    {cards.length === 0 ? (
                      <span className="matrix__none"><span aria-hidden="true">—</span><span className="visually-hidden">{t('interests.matrix.none')}</span></span>
                    ) : (
                      <ul className="matrix__cards">
                        {cards.map((card) => (
                          <li key={card.id} className={`matrix-card matrix-card--${card.kind}`} data-card-id={card.id} style={{ '--partner': p.color } as React.CSSProperties}>
                            <span className="matrix-card__kind"><span aria-hidden="true">{KIND_ICON[card.kind]} </span>{kindLabel(t, card.kind)}<span className="visually-hidden">:</span></span>{' '}
                            <span className="matrix-card__text">{card.text}</span>
                            {card.author?.name && <span className="matrix-card__author"> — {card.author.name}</span>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
