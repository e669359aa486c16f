/** The partner organisations of a board. */
import * as Y from 'yjs'
import { can } from '../auth/roles.ts'
import { type Actor, authorOf, FACILITATION } from './actor.ts'
import { BoardError } from './board-error.ts'
import { assertFacilitator } from './permissions.ts'
import { newId } from './ids.ts'
import { fieldsOf, itemMap, metaOf, partnersOf, PARTNER_KINDS, type PartnerFields, type PartnerKind } from './schema.ts'

/**
 * Distinct colours that keep a 4.5:1 contrast with white text and stay apart for the common colour
 * blindnesses (Okabe–Ito based, darkened). Partners are also named everywhere, never by colour alone.
 */
export const PARTNER_PALETTE = [
  '#0b5fa5', // blue
  '#b34700', // orange
  '#08735a', // bluish green
  '#a3316f', // reddish purple
  '#6b5a00', // olive
  '#5b3fa6', // violet
  '#a12a2a', // red
  '#1f6f8b', // teal
  '#4d4d4d', // grey
  '#7a4a12', // brown
] as const

/** The colour of facilitation (not a partner). */
export const FACILITATION_COLOR = '#333333'

export interface PartnerInput {
  name: string
  shortName?: string
  color?: string
  kind?: PartnerKind
  note?: string
}

export const PARTNER_NAME_MAX = 120
export const PARTNER_SHORT_NAME_MAX = 16
export const PARTNER_NOTE_MAX = 1000

export function listPartners(doc: Y.Doc): PartnerFields[] {
  // A board stored before the write guard may hold anything under `partners`: only maps are partners.
  return [...partnersOf(doc).values()]
    .filter((item) => item instanceof Y.Map)
    .map((item) => fieldsOf<PartnerFields>(item))
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || String(a.id).localeCompare(String(b.id)))
}

export function partnerById(doc: Y.Doc, partnerId: string): PartnerFields | null {
  const item = partnersOf(doc).get(partnerId)
  return item ? fieldsOf<PartnerFields>(item) : null
}

/** Whether this person may add or edit partners (participants unless the facilitator turned it off). */
export function mayEditPartners(doc: Y.Doc, actor: Actor): boolean {
  if (can(actor.role, 'board.facilitate')) return true
  return can(actor.role, 'board.edit') && metaOf(doc).get('participantsEditPartners') !== false
}

export function setParticipantsEditPartners(doc: Y.Doc, actor: Actor, allowed: boolean): void {
  assertFacilitator(actor)
  metaOf(doc).set('participantsEditPartners', allowed)
}

/** The first palette colour no partner uses yet (then they repeat, distinguished by name). */
export function nextPartnerColor(doc: Y.Doc): string {
  const used = new Set(listPartners(doc).map((p) => p.color))
  return PARTNER_PALETTE.find((color) => !used.has(color)) ?? PARTNER_PALETTE[used.size % PARTNER_PALETTE.length]!
}

function cleanInput(input: PartnerInput): Required<Omit<PartnerInput, 'color'>> & { color?: string } {
  const name = input.name.trim()
  if (!name) throw new BoardError('invalid', 'error.partner-name-required', 'A partner needs a name')
  if (name.length > PARTNER_NAME_MAX) throw new BoardError('invalid', 'error.too-long', `At most ${PARTNER_NAME_MAX} characters`, { max: PARTNER_NAME_MAX })
  const shortName = (input.shortName ?? '').trim()
  if (shortName.length > PARTNER_SHORT_NAME_MAX) throw new BoardError('invalid', 'error.too-long', `At most ${PARTNER_SHORT_NAME_MAX} characters`, { max: PARTNER_SHORT_NAME_MAX })
  const note = (input.note ?? '').trim()
  if (note.length > PARTNER_NOTE_MAX) throw new BoardError('invalid', 'error.too-long', `At most ${PARTNER_NOTE_MAX} characters`, { max: PARTNER_NOTE_MAX })
  const kind = input.kind ?? 'association'
  if (!PARTNER_KINDS.includes(kind)) throw new BoardError('invalid', 'error.invalid', 'Unknown kind of partner')
  if (input.color !== undefined && !(PARTNER_PALETTE as readonly string[]).includes(input.color)) {
    throw new BoardError('invalid', 'error.partner-color', 'Pick a colour from the palette')
  }
  return { name, shortName, note, kind, color: input.color }
}

export function addPartner(doc: Y.Doc, actor: Actor, input: PartnerInput): string {
  if (!mayEditPartners(doc, actor)) throw new BoardError('forbidden', 'error.partners-locked', 'The facilitator has locked the list of partners')
  const clean = cleanInput(input)
  const id = newId()
  doc.transact(() => {
    const fields: PartnerFields = {
      id,
      name: clean.name,
      shortName: clean.shortName,
      color: clean.color ?? nextPartnerColor(doc),
      kind: clean.kind,
      note: clean.note,
      createdAt: new Date().toISOString(),
      createdBy: authorOf(actor),
    }
    partnersOf(doc).set(id, itemMap(fields))
  })
  return id
}

export function updatePartner(doc: Y.Doc, actor: Actor, partnerId: string, input: Partial<PartnerInput>): void {
  if (!mayEditPartners(doc, actor)) throw new BoardError('forbidden', 'error.partners-locked', 'The facilitator has locked the list of partners')
  const item = partnersOf(doc).get(partnerId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  const current = fieldsOf<PartnerFields>(item)
  const clean = cleanInput({ ...current, ...input })
  doc.transact(() => {
    // Only the fields that changed, so two people editing different fields both win.
    for (const key of ['name', 'shortName', 'kind', 'note', 'color'] as const) {
      if (clean[key] !== undefined && clean[key] !== current[key]) item.set(key, clean[key])
    }
  })
}

/** Short label for tight places (map cards, matrix headers). */
export const partnerLabel = (partner: Pick<PartnerFields, 'name' | 'shortName'>): string => partner.shortName || partner.name

/** The partner an actor speaks for, when it is one of the board's partners. */
export function actorPartner(doc: Y.Doc, actor: Actor): PartnerFields | null {
  return actor.partnerId === FACILITATION ? null : partnerById(doc, actor.partnerId)
}
