/**
 * The interests map on the room display: not the spatial canvas (spread over partners' columns it
 * fits a 1920 px screen at about 1×, 12 px text that nobody reads from 4 m), but the same map as a
 * presentation: each group a tile (its name, its kind: convergent, complementary or one partner's
 * own logic, with the map's frame styles; its cards, each with its partner's colour and label and
 * its kind), then the cards in no group, flowing down columns.
 *
 * Card text is never smaller than 1/80 of the screen's width nor 18 px (24 px at 1920×1080, 18 px
 * at 1280×720), and as large as fits one page up to 1.75× that. What doesn't fit at the smallest
 * size goes on further pages, turned every PAGE_SECONDS (hold, previous and next for whoever stands
 * at the projector's computer), "Page 1 of 3" always in sight: nothing silently shrinks or drops.
 * Each possible layout (text size × columns) is measured in a hidden copy, once per content and
 * screen size, then laid out by projected-map-pages.ts. Positions on the canvas play no part: a
 * card or group dragged on someone's map moves nothing here (and re-measures nothing).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { GroupKind } from '../../shared/board/interests.ts'
import type { CardFields } from '../../shared/board/schema.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { partnerOf, type InterestsData, type PartnerInfo } from '../interests/interests-data.ts'
import { groupKindLabel, KIND_ICON, kindLabel } from '../interests/labels.ts'
import { candidates, chooseLayout, type Candidate, type Choice, type MeasuredTile, type Piece } from './projected-map-pages.ts'
import './projected-map.css'

/** Turn the page every so often when there are several. */
export const PAGE_SECONDS = 20
/** Columns between these widths, in em of the card text (about 2 characters per em). */
const MIN_COLUMN_EM = 11
const MAX_COLUMN_EM = 26
/** Larger text tried first, as factors of the smallest. */
const SCALES = [1.75, 1.5, 1.3, 1.15] as const
/** Measured a little narrower than the real columns: a rounding never wraps a line more than measured. */
const MEASURE_SLACK_PX = 1
const SPACING = { gapEm: 0.35, tileGapEm: 0.6 }
const COLUMN_GAP_EM = 0.6

/** The smallest card text for a screen `width` CSS px wide: 24 px at 1920, never under 18. */
export const minTextPx = (width: number) => Math.max(18, width / 80)

type TileKind = GroupKind | 'ungrouped'

interface ShowCard { card: CardFields; partner: PartnerInfo }
interface Tile {
  id: string
  name: string
  kind: TileKind
  kindText: string
  countText: string
  cards: ShowCard[]
}

const UNGROUPED = '~ungrouped'

/**
 * Groups in the board's order (the order they were made: stable while people drag them around),
 * then the cards in no group; cards by partner, then in the board's order.
 */
function useTiles(data: InterestsData): { tiles: Tile[]; partners: PartnerInfo[] } {
  const { t } = useI18n()
  // What is shown, without places: moves on the canvas change nothing here.
  const shown = JSON.stringify([
    data.cards.map((c) => [c.id, c.text, c.kind, c.partnerId, c.groupId]),
    data.groups.map((g) => [g.id, g.name, g.kind, g.partnerIds]),
    data.partners,
  ])
  const latest = useRef(data)
  latest.current = data
  return useMemo(() => {
    const data = latest.current
    const facilitation = t('interests.facilitation')
    const unknown = t('interests.unknownPartner')
    const partner = (id: string) => partnerOf(data, id, facilitation, unknown)
    const rank = new Map(data.partners.map((p, i) => [p.id, i]))
    const byPartner = (a: CardFields, b: CardFields) => (rank.get(a.partnerId) ?? 1e9) - (rank.get(b.partnerId) ?? 1e9)
    const count = (n: number) => t(n === 1 ? 'interests.group.countOne' : 'interests.group.count', { count: n })
    const groupIds = new Set(data.groups.map((g) => g.id))
    const show = (cards: CardFields[]) => cards.map((card) => ({ card, partner: partner(card.partnerId) }))
    const tiles: Tile[] = data.groups
      .map((group) => {
        const cards = data.cards.filter((c) => c.groupId === group.id).sort(byPartner)
        return {
          id: group.id, name: group.name, kind: group.kind,
          kindText: groupKindLabel(t, group, (id) => partner(id).name), countText: count(cards.length), cards: show(cards),
        }
      })
    const loose = data.cards.filter((c) => !groupIds.has(c.groupId)).sort(byPartner)
    if (loose.length > 0) {
      tiles.push({ id: UNGROUPED, name: t('interests.matrix.ungrouped'), kind: 'ungrouped', kindText: '', countText: count(loose.length), cards: show(loose) })
    }
    // The legend: the board's partners, and whoever else wrote a card (facilitation, a removed partner).
    const known = new Set(data.partners.map((p) => p.id))
    const extra = [...new Set(data.cards.map((c) => c.partnerId).filter((id) => !known.has(id)))].map(partner)
    return { tiles, partners: [...data.partners, ...extra] }
  }, [shown, t]) // eslint-disable-line react-hooks/exhaustive-deps
}

const ShowCardItem = memo(function ShowCardItem({ card, partner }: ShowCard) {
  const { t } = useI18n()
  return (
    // One flow: the partner's label, the kind's mark (its word in the legend above and for screen
    // readers), the text. A line saved per card: a third more cards on a screen.
    <li className={`show-card show-card--${card.kind}`} style={{ '--partner': partner.color } as React.CSSProperties} data-card-id={card.id} data-partner-id={card.partnerId} data-kind={card.kind}>
      <span className="show-card__partner">{partner.label}</span>{' '}
      <span className="show-card__kind"><span aria-hidden="true">{KIND_ICON[card.kind]}</span><span className="visually-hidden">{kindLabel(t, card.kind)}:</span></span>{' '}
      <span className="show-card__text">{card.text}</span>
    </li>
  )
})

interface TileProps {
  tile: Tile
  cards: ShowCard[]
  continued: boolean
  /** The heading's id; none in the hidden measuring copy. */
  headingId?: string
}

function TileView({ tile, cards, continued, headingId }: TileProps) {
  const { t } = useI18n()
  return (
    // A group of cards, named by its heading (not a landmark: a page may hold two parts of one tile).
    <div role="group" className={`show-tile show-tile--${tile.kind}`} aria-labelledby={headingId} data-tile-id={tile.id}>
      <h3 className="show-tile__name" id={headingId}>
        {tile.name}{continued && <span className="show-tile__continued"> {t('display.map.continued')}</span>}
      </h3>
      <p className="show-tile__kind">
        {tile.kindText && <span className={`show-tile__kind-label show-tile__kind-label--${tile.kind}`}>{tile.kindText}</span>}
        {tile.kindText && ' · '}{tile.countText}
      </p>
      {cards.length > 0 && (
        <ul className="show-tile__cards">
          {cards.map((c) => <ShowCardItem key={c.card.id} card={c.card} partner={c.partner} />)}
        </ul>
      )}
    </div>
  )
}

/** Heights of every tile and card in the hidden copies (one per candidate, in order), in em of its text. */
function measure(layer: HTMLElement, list: readonly Candidate[]): { candidate: Candidate; tiles: MeasuredTile[] }[] {
  return [...layer.children].map((copy, index) => {
    const candidate = list[index]!
    const em = (element: Element) => element.getBoundingClientRect().height / candidate.textPx
    const tiles = [...copy.children].map((pair): MeasuredTile => {
      const [whole, continuedHead] = [...pair.children] as [HTMLElement, HTMLElement]
      const cards = [...whole.querySelectorAll<HTMLElement>('[data-card-id]')].map((li) => ({ id: li.dataset.cardId!, heightEm: em(li) }))
      const headEm = em(whole) - cards.reduce((sum, c) => sum + SPACING.gapEm + c.heightEm, 0)
      return { id: whole.dataset.tileId!, headEm, continuedHeadEm: Math.max(headEm, em(continuedHead)), cards, loose: whole.dataset.tileId === UNGROUPED }
    })
    return { candidate, tiles }
  })
}

/** `headingId`: the section's heading, drawn here in the top row (the section names itself by it). */
export function ProjectedMap({ data, headingId }: { data: InterestsData; headingId: string }) {
  const { t } = useI18n()
  const { tiles, partners } = useTiles(data)
  const frame = useRef<HTMLDivElement>(null)
  const layer = useRef<HTMLDivElement>(null)
  const [room, setRoom] = useState({ width: 0, height: 0, screen: 0 })
  const list = useMemo(() => candidates({
    width: room.width, minTextPx: minTextPx(room.screen), scales: SCALES, columnGapEm: COLUMN_GAP_EM, minColumnEm: MIN_COLUMN_EM, maxColumnEm: MAX_COLUMN_EM,
  }), [room.width, room.screen])
  const [measured, setMeasured] = useState<{ list: readonly Candidate[]; tiles: readonly Tile[]; result: ReturnType<typeof measure> } | null>(null)

  // Measure again when the content or the screen changes, and once the web font has loaded.
  const remeasure = useCallback(() => { if (layer.current) setMeasured({ list, tiles, result: measure(layer.current, list) }) }, [list, tiles])
  useLayoutEffect(remeasure, [remeasure])
  useEffect(() => {
    let live = true
    void document.fonts?.ready.then(() => { if (live) remeasure() })
    return () => { live = false }
  }, [remeasure])
  useLayoutEffect(() => {
    const element = frame.current
    if (!element) return
    const read = () => setRoom({ width: element.clientWidth, height: element.clientHeight, screen: window.innerWidth })
    read()
    const observer = new ResizeObserver(read)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // Only a measure of what is on screen now (never a stale one while the next is on its way).
  const measuredNow = measured && measured.list === list && measured.tiles === tiles ? measured.result : null
  const choice: Choice | null = useMemo(() => measuredNow && chooseLayout(measuredNow, room.height, SPACING), [measuredNow, room.height])

  const pageCount = choice?.pages.length ?? 0
  const [pageIndex, setPageIndex] = useState(0)
  const [paused, setPaused] = useState(false)
  const page = pageCount > 0 ? Math.min(pageIndex, pageCount - 1) : 0
  const turn = useCallback((by: number) => setPageIndex((p) => (pageCount > 0 ? (Math.min(p, pageCount - 1) + by + pageCount) % pageCount : 0)), [pageCount])
  useEffect(() => {
    if (pageCount < 2 || paused) return
    const timer = setInterval(() => turn(1), PAGE_SECONDS * 1000)
    return () => clearInterval(timer)
  }, [pageCount, paused, turn, page])

  // Made again only when the content or the screen changes (a re-render for a move elsewhere skips them).
  const copies = useMemo(() => list.map((candidate) => (
    <div
      key={`${candidate.textPx}:${candidate.columns}`}
      style={{ width: `${candidate.columnPx - MEASURE_SLACK_PX}px`, fontSize: `${candidate.textPx}px`, '--gap': `${SPACING.gapEm}em` } as React.CSSProperties}
    >
      {tiles.map((tile) => (
        <div key={tile.id}>
          <TileView tile={tile} cards={tile.cards} continued={false} />
          <TileView tile={tile} cards={[]} continued />
        </div>
      ))}
    </div>
  )), [list, tiles])

  const tilesById = useMemo(() => new Map(tiles.map((tile) => [tile.id, tile])), [tiles])
  const cardsOf = (tile: Tile, piece: Piece) => {
    const ids = new Set(piece.cardIds)
    return tile.cards.filter((c) => ids.has(c.card.id))
  }
  const current = choice?.pages[page] ?? []

  return (
    <div
      className="projected-map"
      role="region"
      aria-label={t('interests.map.label', { cards: data.cards.length, groups: data.groups.length })}
      data-testid="projected-map"
      data-page={page + 1}
      data-pages={pageCount}
      data-text-px={choice ? choice.textPx.toFixed(1) : ''}
      data-columns={choice?.columns ?? 0}
    >
      <div className="projected-map__top">
        <h2 id={headingId} className="projected-map__heading">{t('interests.heading')}</h2>
        <ul className="projected-map__legend" aria-label={t('display.map.partners')}>
          {partners.map((p) => (
            <li key={p.id} className="projected-map__partner" style={{ '--partner': p.color } as React.CSSProperties}>
              <span className="projected-map__dot" aria-hidden="true" />
              {p.label}{p.label !== p.name && <span className="projected-map__partner-name"> ({p.name})</span>}
            </li>
          ))}
        </ul>
        <ul className="projected-map__legend projected-map__kinds" aria-label={t('display.map.kinds')}>
          {(['interest', 'brings'] as const).map((kind) => (
            <li key={kind} className={`projected-map__kind projected-map__kind--${kind}`}>
              <span className="projected-map__kind-mark" aria-hidden="true">{KIND_ICON[kind]}</span> {kindLabel(t, kind)}
            </li>
          ))}
        </ul>
        {pageCount > 1 && (
          <div className="projected-map__pager" role="group" aria-label={t('display.map.pages')}>
            <span className="projected-map__page-number" data-testid="projected-map-page">{t('display.map.page', { page: page + 1, pages: pageCount })}</span>
            <button type="button" className="button button--small" onClick={() => turn(-1)}>{t('display.map.previous')}</button>
            <button type="button" className="button button--small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>{t('display.map.pause')}</button>
            <button type="button" className="button button--small" onClick={() => turn(1)}>{t('display.map.next')}</button>
          </div>
        )}
      </div>
      <div ref={frame} className="projected-map__frame">
        {data.cards.length === 0 && data.groups.length === 0 ? (
          <p className="projected-map__empty">{t('display.map.empty')}</p>
        ) : choice && (
          <div
            className="projected-map__page"
            style={{ fontSize: `${choice.textPx}px`, gridTemplateColumns: `repeat(${choice.columns}, minmax(0, 1fr))`, columnGap: `${COLUMN_GAP_EM}em`, '--gap': `${SPACING.gapEm}em`, '--tile-gap': `${SPACING.tileGapEm}em` } as React.CSSProperties}
          >
            {current.map((column, c) => (
              <div key={c} className="projected-map__column">
                {column.map((piece, i) => {
                  const tile = tilesById.get(piece.tileId)
                  return tile ? <TileView key={`${piece.tileId}:${i}`} tile={tile} cards={cardsOf(tile, piece)} continued={piece.continued} headingId={`show-${page}-${c}-${i}`} /> : null
                })}
              </div>
            ))}
          </div>
        )}
        {/* The measuring copies: never seen, never read (each tile whole, and its head as a later part's). */}
        <div ref={layer} className="projected-map__measure" aria-hidden="true" inert>
          {copies}
        </div>
      </div>
    </div>
  )
}
