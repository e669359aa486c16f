/** The board's partners, live, and how to name and colour whoever a contribution belongs to. */
import type * as Y from 'yjs'
import { FACILITATION } from '../../shared/board/actor.ts'
import { FACILITATION_COLOR, listPartners, partnerLabel } from '../../shared/board/partners.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { useDocValue } from '../live/useDocValue.ts'

export function usePartners(doc: Y.Doc): PartnerFields[] {
  return useDocValue(doc, listPartners)
}

/** Name, short label and colour of a partner id (a partner, facilitation, or unknown). */
export interface PartnerLook {
  id: string
  name: string
  label: string
  color: string
  kind: 'partner' | 'facilitation' | 'unknown'
}

export function lookOf(partners: readonly PartnerFields[], partnerId: string, names: { facilitation: string; unknown: string }): PartnerLook {
  if (partnerId === FACILITATION) return { id: partnerId, name: names.facilitation, label: names.facilitation, color: FACILITATION_COLOR, kind: 'facilitation' }
  const partner = partners.find((p) => p.id === partnerId)
  if (!partner) return { id: partnerId, name: names.unknown, label: names.unknown, color: '#6b7380', kind: 'unknown' }
  return { id: partner.id, name: partner.name, label: partnerLabel(partner), color: partner.color, kind: 'partner' }
}
