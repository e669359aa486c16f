/**
 * What changed between two states of a board (two iterations, or an iteration and the live board):
 * the charter as a word diff per section, values, stances, interests, groups and decisions.
 */
import { diffArrays, diffWordsWithSpace } from 'diff'
import type { BoardJson } from './board-json.ts'
import { charterSections } from './charter-text.ts'
import type { CardFields, DecisionFields, PartnerFields, StanceKind, ValueStatus } from './schema.ts'
import type { GroupKind, GroupView } from './interests.ts'
import type { ValueView } from './values.ts'
import { compareMethod, type MethodDiff } from './method-compare.ts'
import type { ActionStatus } from './actions.ts'

export interface TextPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

export interface SectionDiff {
  title: string
  change: 'added' | 'removed' | 'changed' | 'same'
  parts: TextPart[]
}

export interface BoardDiff {
  charter: SectionDiff[]
  partners: { added: PartnerFields[]; removed: PartnerFields[]; renamed: { id: string; before: string; after: string }[] }
  values: {
    added: ValueView[]
    removed: ValueView[]
    reworded: { id: string; before: string; after: string }[]
    statusChanged: { id: string; text: string; before: ValueStatus; after: ValueStatus }[]
    stanceChanged: { id: string; text: string; partnerId: string; before: StanceKind | null; after: StanceKind | null; afterText?: string }[]
  }
  interests: {
    added: CardFields[]
    removed: CardFields[]
    reworded: { id: string; before: string; after: string }[]
    /** Moved between groups ('' = no group). */
    regrouped: { id: string; text: string; partnerId: string; fromGroup: string; toGroup: string }[]
  }
  groups: {
    added: GroupView[]
    removed: GroupView[]
    renamed: { id: string; before: string; after: string }[]
    kindChanged: { id: string; name: string; before: GroupKind; after: GroupKind }[]
  }
  decisions: {
    added: (DecisionFields & { sessionTitle: string })[]
    /** Actions whose status moved on (actions.ts): the last status recorded on each side ('todo' when none). */
    statusChanged: { id: string; text: string; sessionTitle: string; before: ActionStatus; after: ActionStatus; by: string }[]
  }
  /** The method's guide: phase, steps, field of cooperation, shared diagnoses, impacts, reviews (method-compare.ts). */
  method: MethodDiff
  /** True when nothing at all changed. */
  unchanged: boolean
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]))

function added<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const old = byId(before)
  return after.filter((item) => !old.has(item.id))
}

function pairs<T extends { id: string }>(before: readonly T[], after: readonly T[]): [T, T][] {
  const old = byId(before)
  return after.filter((item) => old.has(item.id)).map((item) => [old.get(item.id)!, item])
}

const normalizeTitle = (title: string) => title.trim().toLowerCase()

/**
 * Paragraphs first, then words inside the paragraphs that changed: a word diff over a whole long
 * section is quadratic in the number of edits (300 ms for 100,000 characters); this stays linear.
 */
function diffLinesThenWords(before: string[], after: string[]): TextPart[] {
  const parts: TextPart[] = []
  const push = (kind: TextPart['kind'], text: string) => {
    const last = parts.at(-1)
    if (last && last.kind === kind) last.text += text
    else if (text) parts.push({ kind, text })
  }
  const chunks = diffArrays(before, after)
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!
    const next = chunks[i + 1]
    if (chunk.removed && next?.added) {
      // A paragraph rewritten: show its words, not the whole paragraph twice.
      for (const change of diffWordsWithSpace(chunk.value.join('\n'), next.value.join('\n'))) {
        push(change.added ? 'added' : change.removed ? 'removed' : 'same', change.value)
      }
      push('same', '\n')
      i++
      continue
    }
    push(chunk.added ? 'added' : chunk.removed ? 'removed' : 'same', chunk.value.map((line) => `${line}\n`).join(''))
  }
  // No trailing newline after the section's last line.
  const last = parts.at(-1)
  if (last?.text.endsWith('\n')) last.text = last.text.slice(0, -1)
  if (last && !last.text) parts.pop()
  return parts
}

export function diffCharter(before: BoardJson['charter'], after: BoardJson['charter']): SectionDiff[] {
  const oldSections = charterSections(before)
  const newSections = charterSections(after)
  const oldByTitle = new Map(oldSections.map((s) => [normalizeTitle(s.title), s]))
  const used = new Set<string>()
  const result: SectionDiff[] = []
  for (const section of newSections) {
    const key = normalizeTitle(section.title)
    const previous = oldByTitle.get(key)
    const text = section.lines.join('\n')
    if (!previous || used.has(key)) {
      result.push({ title: section.title, change: 'added', parts: [{ kind: 'added', text }] })
      continue
    }
    used.add(key)
    const oldText = previous.lines.join('\n')
    if (oldText === text) {
      result.push({ title: section.title, change: 'same', parts: [{ kind: 'same', text }] })
      continue
    }
    result.push({ title: section.title, change: 'changed', parts: diffLinesThenWords(previous.lines, section.lines) })
  }
  // Removed sections go back where they stood, before the section that followed them.
  oldSections.forEach((section, index) => {
    const key = normalizeTitle(section.title)
    if (used.has(key) || newSections.some((s) => normalizeTitle(s.title) === key)) return
    const next = oldSections.slice(index + 1).find((s) => used.has(normalizeTitle(s.title)))
    const at = next ? result.findIndex((r) => normalizeTitle(r.title) === normalizeTitle(next.title)) : -1
    const entry: SectionDiff = { title: section.title, change: 'removed', parts: [{ kind: 'removed', text: section.lines.join('\n') }] }
    if (at === -1) result.push(entry)
    else result.splice(at, 0, entry)
  })
  return result
}

export function compareBoards(before: BoardJson, after: BoardJson): BoardDiff {
  const charter = diffCharter(before.charter, after.charter)

  const partners = {
    added: added(before.partners, after.partners),
    removed: added(after.partners, before.partners),
    renamed: pairs(before.partners, after.partners).filter(([a, b]) => a.name !== b.name).map(([a, b]) => ({ id: b.id, before: a.name, after: b.name })),
  }

  const partnerIds = [...new Set([...before.partners, ...after.partners].map((p) => p.id))]
  const valuePairs = pairs(before.values, after.values)
  const values: BoardDiff['values'] = {
    added: added(before.values, after.values),
    removed: added(after.values, before.values),
    reworded: valuePairs.filter(([a, b]) => a.text !== b.text).map(([a, b]) => ({ id: b.id, before: a.text, after: b.text })),
    statusChanged: valuePairs.filter(([a, b]) => a.status !== b.status).map(([a, b]) => ({ id: b.id, text: b.text, before: a.status, after: b.status })),
    stanceChanged: valuePairs.flatMap(([a, b]) => partnerIds.flatMap((partnerId) => {
      const old = a.stances[partnerId]
      const now = b.stances[partnerId]
      if ((old?.kind ?? null) === (now?.kind ?? null) && (old?.text ?? '') === (now?.text ?? '')) return []
      return [{ id: b.id, text: b.text, partnerId, before: old?.kind ?? null, after: now?.kind ?? null, ...(now?.text ? { afterText: now.text } : {}) }]
    })),
  }

  const cardPairs = pairs(before.interests, after.interests)
  const interests: BoardDiff['interests'] = {
    added: added(before.interests, after.interests),
    removed: added(after.interests, before.interests),
    reworded: cardPairs.filter(([a, b]) => a.text !== b.text).map(([a, b]) => ({ id: b.id, before: a.text, after: b.text })),
    regrouped: cardPairs.filter(([a, b]) => a.groupId !== b.groupId)
      .map(([a, b]) => ({ id: b.id, text: b.text, partnerId: b.partnerId, fromGroup: a.groupId, toGroup: b.groupId })),
  }

  const groupPairs = pairs(before.groups, after.groups)
  const groups: BoardDiff['groups'] = {
    added: added(before.groups, after.groups),
    removed: added(after.groups, before.groups),
    renamed: groupPairs.filter(([a, b]) => a.name !== b.name).map(([a, b]) => ({ id: b.id, before: a.name, after: b.name })),
    kindChanged: groupPairs.filter(([a, b]) => a.kind !== b.kind).map(([a, b]) => ({ id: b.id, name: b.name, before: a.kind, after: b.kind })),
  }

  const oldDecisions = new Set(before.sessions.flatMap((s) => s.decisions.map((d) => d.id)))
  const lastStatus = (board: BoardJson) => {
    const last = new Map<string, { status: ActionStatus; by: string }>()
    for (const change of [...(board.actionLog ?? [])].sort((a, b) => a.at.localeCompare(b.at))) last.set(change.actionId, { status: change.status, by: change.by.name })
    return last
  }
  const [statusBefore, statusAfter] = [lastStatus(before), lastStatus(after)]
  const decisions: BoardDiff['decisions'] = {
    added: after.sessions.flatMap((session) => session.decisions.filter((d) => !oldDecisions.has(d.id)).map((d) => ({ ...d, sessionTitle: session.title }))),
    statusChanged: after.sessions.flatMap((session) => session.decisions.filter((d) => d.kind === 'action').flatMap((d) => {
      const from = statusBefore.get(d.id)?.status ?? 'todo'
      const to = statusAfter.get(d.id)
      return to && to.status !== from ? [{ id: d.id, text: d.text, sessionTitle: session.title, before: from, after: to.status, by: to.by }] : []
    })),
  }

  const method = compareMethod(before.method, after.method)
  const unchanged = charter.every((s) => s.change === 'same') && method.unchanged
    && [partners.added, partners.removed, partners.renamed, values.added, values.removed, values.reworded, values.statusChanged, values.stanceChanged,
      interests.added, interests.removed, interests.reworded, interests.regrouped, groups.added, groups.removed, groups.renamed, groups.kindChanged, decisions.added,
      decisions.statusChanged]
      .every((list) => list.length === 0)
  return { charter, partners, values, interests, groups, decisions, method, unchanged }
}
