/**
 * The board document: one Y.Doc per board, synced live and stored as Yjs updates.
 *
 * Top-level names (never spell them elsewhere: use the accessors below):
 *
 *   charter    Y.XmlFragment   the partnership charter, Tiptap/ProseMirror content (see editor/extensions.ts)
 *   partners   Y.Map<Y.Map>    partnerId → { name, shortName?, color, kind?, note?, createdAt }
 *   values     Y.Array<Y.Map>  { id, text, explanation?, partnerId, author?, status, createdAt,
 *                                endorsements: Y.Map partnerId → stance }
 *   interests  Y.Array<Y.Map>  { id, text, kind: 'interest' | 'brings', partnerId, author?, createdAt, … }
 *   meta       Y.Map           board-level facts written once by the server: { language, templateVersion }
 *
 * Rules that keep concurrent edits safe:
 * - Items carry their own `id` (random, never reused), so two people adding at once both survive and
 *   references survive reordering.
 * - Nested values are Y types (Y.Map), never plain objects, so two partners taking a stance on the
 *   same value at once both survive.
 * - `status` of a value is derived from its endorsements (see the board operations), never typed.
 */
import * as Y from 'yjs'

export const BoardKey = {
  Charter: 'charter',
  Partners: 'partners',
  Values: 'values',
  Interests: 'interests',
  Meta: 'meta',
} as const

export type PartnerKind = 'association' | 'establishment' | 'federation' | 'public-body' | 'funder' | 'other'

export interface PartnerFields {
  name: string
  shortName?: string
  color: string
  kind?: PartnerKind
  note?: string
  createdAt: string
}

export type Stance =
  | { kind: 'agree' }
  | { kind: 'reservation'; text: string }
  | { kind: 'object'; reason: string }
  | { kind: 'undecided' }

export type ValueStatus = 'open' | 'adopted' | 'contested'

export interface ValueFields {
  id: string
  text: string
  explanation?: string
  partnerId: string
  author?: string
  status: ValueStatus
  createdAt: string
}

export type InterestKind = 'interest' | 'brings'

export interface InterestFields {
  id: string
  text: string
  kind: InterestKind
  partnerId: string
  author?: string
  createdAt: string
}

export interface MetaFields {
  language: string
  /** Bumped when the charter template changes; tells which template a board started from. */
  templateVersion: number
}

/**
 * Items are Y.Maps (so concurrent edits to different fields of one item merge). Their fields are
 * described by the *Fields interfaces above; read them through the board operations.
 */
export type PartnerMap = Y.Map<unknown>
export type ValueMap = Y.Map<unknown>
export type InterestMap = Y.Map<unknown>

export const charterOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(BoardKey.Charter)
export const partnersOf = (doc: Y.Doc): Y.Map<PartnerMap> => doc.getMap(BoardKey.Partners)
export const valuesOf = (doc: Y.Doc): Y.Array<ValueMap> => doc.getArray(BoardKey.Values)
export const interestsOf = (doc: Y.Doc): Y.Array<InterestMap> => doc.getArray(BoardKey.Interests)
export const metaOf = (doc: Y.Doc): Y.Map<MetaFields[keyof MetaFields]> => doc.getMap(BoardKey.Meta)
