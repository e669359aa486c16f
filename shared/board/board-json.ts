/**
 * The whole board as plain JSON: what a snapshot's `board` field holds, what reports and compare read,
 * and what the archive carries. Derived facts (statuses, group kinds) are included for readers.
 */
import type * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { listCards, listGroups, type GroupView } from './interests.ts'
import { listPartners } from './partners.ts'
import { listRounds, voteResults, type RoundView } from './rounds.ts'
import { charterOf, deliberationsOf, metaOf, type CardFields, type Deliberation, type PartnerFields } from './schema.ts'
import { listSessions, type SessionView } from './sessions.ts'
import { listValues, type ValueView } from './values.ts'

export const BOARD_JSON_VERSION = 1

export interface BoardJson {
  version: number
  language: string
  charter: JSONContent
  partners: PartnerFields[]
  values: ValueView[]
  interests: CardFields[]
  groups: GroupView[]
  rounds: (RoundView & { results: { targetId: string; votes: number }[] })[]
  sessions: SessionView[]
  deliberations: Deliberation[]
}

/** Reads everything, with every card visible (a snapshot or a report is not a private view). */
export function readBoard(doc: Y.Doc): BoardJson {
  return {
    version: BOARD_JSON_VERSION,
    language: String(metaOf(doc).get('language') ?? 'fr'),
    charter: yXmlFragmentToProsemirrorJSON(charterOf(doc)) as JSONContent,
    partners: listPartners(doc),
    values: listValues(doc),
    interests: listCards(doc),
    groups: listGroups(doc),
    rounds: listRounds(doc).map((round) => ({ ...round, results: round.status === 'closed' ? voteResults(round) : [] })),
    sessions: listSessions(doc),
    deliberations: [...deliberationsOf(doc).values()],
  }
}
