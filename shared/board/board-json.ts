/**
 * The whole board as plain JSON: what a snapshot's `board` field holds, what reports and compare read,
 * and what the archive carries. Derived facts (statuses, group kinds) are included for readers.
 *
 * Whatever the stored document holds, reading it never throws and every field has its declared type
 * (board-json-repair.ts): a section whose items a client wrote with the wrong shapes is read again
 * from a repaired copy of the document, and as a last resort comes out empty.
 */
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { listCards, listGroups, type GroupView } from './interests.ts'
import { listPartners } from './partners.ts'
import { listRounds, voteResults, type RoundView } from './rounds.ts'
import {
  charterOf, deliberationsOf, fieldsOf, groupsOf, interestsOf, metaOf, partnersOf, roundsOf, sessionsOf, valuesOf,
  type CardFields, type Deliberation, type PartnerFields,
} from './schema.ts'
import { listSessions, type SessionView } from './sessions.ts'
import { listValues, type ValueView } from './values.ts'
import { readMethod, type MethodView } from './method.ts'
import { listActionLog, type ActionChange } from './actions.ts'
import { attendee, decision, isObject, mergedValue, repairBoardJson, repairCharter, stance, str, vote } from './board-json-repair.ts'

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
  /** The method's guide (method.ts). Absent on boards stored before it: read as EMPTY_METHOD. */
  method?: MethodView
  /** Every change of an action's status, oldest first (actions.ts). Absent on boards stored before it: none. */
  actionLog?: ActionChange[]
}

type Sections = Omit<BoardJson, 'version' | 'language' | 'charter' | 'method' | 'actionLog'>

const READERS: { [K in keyof Sections]: (doc: Y.Doc) => unknown[] } = {
  partners: listPartners,
  values: listValues,
  interests: listCards,
  groups: listGroups,
  rounds: (doc) => listRounds(doc).map((round) => ({ ...round, results: round.status === 'closed' ? voteResults(round) : [] })),
  sessions: listSessions,
  deliberations: (doc) => [...deliberationsOf(doc).values()],
}

/** Reads everything, with every card visible (a snapshot or a report is not a private view). */
export function readBoard(doc: Y.Doc): BoardJson {
  const raw: Partial<Record<keyof BoardJson, unknown>> = { version: BOARD_JSON_VERSION }
  let repaired: Y.Doc | null = null
  try {
    raw.language = metaOf(doc).get('language')
  } catch {
    raw.language = 'fr'
  }
  try {
    raw.charter = yXmlFragmentToProsemirrorJSON(charterOf(doc))
  } catch {
    raw.charter = charterText(doc)
  }
  for (const key of Object.keys(READERS) as (keyof Sections)[]) {
    try {
      raw[key] = READERS[key](doc)
    } catch {
      try {
        repaired ??= repairedCopy(doc)
        raw[key] = READERS[key](repaired)
      } catch {
        raw[key] = []
      }
    }
  }
  try {
    raw.actionLog = listActionLog(doc)
  } catch {
    raw.actionLog = []
  }
  try {
    raw.method = readMethod(doc, (raw.partners as { id: string }[]).map((p) => p.id))
  } catch {
    raw.method = undefined
  }
  repaired?.destroy()
  return repairBoardJson(raw)
}

/** Nested containers each collection's items hold (board operations read them as such). */
const CONTAINERS: Record<string, Record<string, typeof Y.Map | typeof Y.Array>> = {
  values: { endorsements: Y.Map, mergedFrom: Y.Array },
  rounds: { votes: Y.Map },
  sessions: { agenda: Y.Array, attendance: Y.Map, decisions: Y.Array, notes: Y.Map },
}

/** Replaces each entry of a map by its repaired value, or removes it (undefined). */
function repairEntries(map: Y.Map<unknown>, repair: (value: unknown) => unknown): void {
  for (const [key, value] of [...map.entries()]) {
    const fixed = repair(value)
    if (fixed === undefined) map.delete(key)
    else if (fixed !== value && JSON.stringify(fixed) !== JSON.stringify(value)) map.set(key, fixed)
  }
}

/** The same for an array's elements. */
function repairElements(array: Y.Array<unknown>, repair: (value: unknown) => unknown): void {
  for (let i = array.length - 1; i >= 0; i--) {
    const value = array.get(i)
    const fixed = repair(value)
    if (fixed === value) continue
    if (fixed !== undefined && JSON.stringify(fixed) === JSON.stringify(value)) continue
    array.delete(i, 1)
    if (fixed !== undefined) array.insert(i, [fixed])
  }
}

/** Keys of the views that the list functions compute, not fields of the stored items. */
const DERIVED = new Set(['stances', 'mergedFrom', 'status', 'votes', 'results', 'cardIds', 'partnerIds', 'agenda', 'attendance', 'decisions', 'notes'])

/**
 * A copy of the document that the board's list functions can read: items that are not maps are
 * removed, nested containers of the wrong kind replaced by empty ones, plain fields of the wrong
 * type replaced by their repaired value. Only ever read, then thrown away.
 */
function repairedCopy(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const fixItem = (collection: string, item: Y.Map<unknown>) => {
    for (const [key, Type] of Object.entries(CONTAINERS[collection] ?? {})) {
      if (!(item.get(key) instanceof Type)) item.set(key, new Type())
    }
    if (collection === 'values') {
      repairEntries(item.get('endorsements') as Y.Map<unknown>, (v) => stance(v))
      repairElements(item.get('mergedFrom') as Y.Array<unknown>, (v) => (isObject(v) ? mergedValue(v) : undefined))
    }
    if (collection === 'rounds') repairEntries(item.get('votes') as Y.Map<unknown>, (v) => (isObject(v) ? vote(v) : undefined))
    if (collection === 'sessions') {
      repairEntries(item.get('attendance') as Y.Map<unknown>, (v) => (isObject(v) ? attendee(v) : undefined))
      repairElements(item.get('agenda') as Y.Array<unknown>, (v) => str(v))
      repairEntries(item.get('notes') as Y.Map<unknown>, (v) => (typeof v === 'string' ? v : undefined))
      repairElements(item.get('decisions') as Y.Array<unknown>, (v) => {
        if (!(v instanceof Y.Map)) return undefined
        const fields = fieldsOf<Record<string, unknown>>(v)
        for (const [key, value] of Object.entries(decision(fields))) {
          if (JSON.stringify(value) !== JSON.stringify(fields[key])) v.set(key, value)
        }
        return v
      })
    }
    const fields = fieldsOf<Record<string, unknown>>(item)
    const fixed = repairBoardJson({ [collection]: [fields] })[collection as keyof Sections][0] as unknown as Record<string, unknown>
    for (const [key, value] of Object.entries(fixed)) {
      if (DERIVED.has(key) || item.get(key) instanceof Y.AbstractType) continue
      if (JSON.stringify(value) !== JSON.stringify(fields[key])) item.set(key, value)
    }
  }
  copy.transact(() => {
    for (const [collection, map] of [['partners', partnersOf(copy)], ['groups', groupsOf(copy)], ['rounds', roundsOf(copy)], ['sessions', sessionsOf(copy)]] as const) {
      for (const [key, item] of [...map.entries()]) {
        if (item instanceof Y.Map) fixItem(collection, item)
        else map.delete(key)
      }
    }
    for (const [collection, array] of [['values', valuesOf(copy)], ['interests', interestsOf(copy)]] as const) {
      for (let i = array.length - 1; i >= 0; i--) {
        const item = array.get(i)
        if (item instanceof Y.Map) fixItem(collection, item)
        else array.delete(i, 1)
      }
    }
  })
  return copy
}

/** The charter's text as paragraphs, when its structure cannot be read as Tiptap JSON. */
function charterText(doc: Y.Doc): JSONContent {
  const paragraphs: JSONContent[] = []
  const walk: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = [...charterOf(doc).toArray()].reverse()
  while (walk.length > 0) {
    const node = walk.pop()!
    if (node instanceof Y.XmlText) {
      const text = node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('')
      if (text) paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text }] })
    } else if (node instanceof Y.XmlElement) {
      walk.push(...[...node.toArray()].reverse())
    }
  }
  return repairCharter({ type: 'doc', content: paragraphs })
}
