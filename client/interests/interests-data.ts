/**
 * What the interests section reads from the board, in one pass per transaction, with identity kept
 * per item: a card object stays the same object while its fields are unchanged, so memoised card
 * components skip re-rendering when another card moves (300 cards, one drag: one card re-renders).
 */
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { FACILITATION } from '../../shared/board/actor.ts'
import { groupsOfCards, listCards, type GroupView } from '../../shared/board/interests.ts'
import { openRound } from '../../shared/board/rounds.ts'
import { FACILITATION_COLOR, listPartners, partnerLabel } from '../../shared/board/partners.ts'
import type { CardFields } from '../../shared/board/schema.ts'
import { sameData, useDocValue } from '../live/useDocValue.ts'

export interface PartnerInfo {
  id: string
  name: string
  label: string
  color: string
}

export interface InterestsData {
  cards: CardFields[]
  cardsById: Map<string, CardFields>
  groups: GroupView[]
  partners: PartnerInfo[]
  partnersById: Map<string, PartnerInfo>
  /** The open private-writing round ('' when none): the composer writes drafts while it is open. */
  privateRoundId: string
}

/** Keeps the previous object of an item while it is structurally equal. */
function reuse<T extends { id: string }>(previous: Map<string, T>, fresh: T[]): { list: T[]; byId: Map<string, T>; changed: boolean } {
  const byId = new Map<string, T>()
  let changed = previous.size !== fresh.length
  const list = fresh.map((item) => {
    const old = previous.get(item.id)
    const kept = old && sameData(old, item) ? old : item
    if (kept !== old) changed = true
    byId.set(item.id, kept)
    return kept
  })
  return { list, byId, changed }
}

/** A reader for useDocValue with its own per-item cache (one per mounted section). */
function makeReader(): (doc: Y.Doc) => InterestsData {
  let last: InterestsData | null = null
  return (doc) => {
    const partners = listPartners(doc).map<PartnerInfo>((p) => ({ id: p.id, name: p.name, label: partnerLabel(p), color: p.color }))
    // Cards read once; groups derive from them.
    const visible = listCards(doc)
    const cards = reuse(last?.cardsById ?? new Map(), visible)
    const groups = reuse(new Map((last?.groups ?? []).map((g) => [g.id, g])), groupsOfCards(doc, visible))
    const partnersSame = last && sameData(last.partners, partners)
    const privateRoundId = openRound(doc, 'private-writing')?.id ?? ''
    if (last && !cards.changed && !groups.changed && partnersSame && cards.list.every((c, i) => c === last!.cards[i]) &&
      privateRoundId === last.privateRoundId) {
      return last
    }
    const partnerList = partnersSame ? last!.partners : partners
    last = {
      cards: cards.list,
      cardsById: cards.byId,
      groups: groups.list,
      partners: partnerList,
      partnersById: partnersSame ? last!.partnersById : new Map(partnerList.map((p) => [p.id, p])),
      privateRoundId,
    }
    return last
  }
}

export function useInterestsData(doc: Y.Doc): InterestsData {
  const read = useMemo(() => makeReader(), [doc]) // eslint-disable-line react-hooks/exhaustive-deps
  return useDocValue(doc, read)
}

/** A partner for display, also for cards of facilitation or of a partner removed meanwhile. */
export function partnerOf(data: Pick<InterestsData, 'partnersById'>, partnerId: string, facilitationLabel: string, unknownLabel: string): PartnerInfo {
  const known = data.partnersById.get(partnerId)
  if (known) return known
  const label = partnerId === FACILITATION ? facilitationLabel : unknownLabel
  return { id: partnerId, name: label, label, color: FACILITATION_COLOR }
}
