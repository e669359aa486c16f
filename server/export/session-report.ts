/**
 * The session report (compte rendu) of an iteration, built from the stored snapshot: session,
 * attendance by partner, agenda, decisions and actions, the charter as of that iteration, values
 * with every partner's stance, convergent interests, deliberations, and what changed since the
 * previous iteration.
 */
import type { BoardJson } from '../../shared/board/board-json.ts'
import { compareBoards } from '../../shared/board/compare.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { isLanguage, type Language } from '../../shared/i18n/language.ts'
import type { SnapshotRecord } from '../store/board-store.ts'
import { charterBlocks } from './charter-blocks.ts'
import { heading, paragraph, type Block, type ReportDocument } from './report-model.ts'
import { REPORT_STRINGS } from './report-strings.ts'

export interface ReportInput {
  boardTitle: string
  record: SnapshotRecord
  board: BoardJson
  /** The iteration before this one, if any. */
  previous: { record: SnapshotRecord; board: BoardJson } | null
}

export function sessionReport({ boardTitle, record, board, previous }: ReportInput): ReportDocument {
  const language: Language = isLanguage(board.language) ? board.language : 'fr'
  const s = REPORT_STRINGS[language]
  const terms = BOARD_TERMS[language]
  const partnerName = (id: string) => board.partners.find((p) => p.id === id)?.name ?? (id === 'facilitation' ? terms.facilitation : id)
  const blocks: Block[] = []

  blocks.push(heading(1, `${s.report} — ${record.label}`))
  blocks.push(paragraph(`${s.board}${s.colon}${boardTitle}`))

  const session = board.sessions.find((candidate) => candidate.id === record.sessionId) ?? null
  blocks.push(heading(2, s.session))
  if (session) {
    blocks.push({
      type: 'table', header: [s.kind, s.phase, s.date],
      rows: [[terms.sessionKind[session.kind], terms.phase[session.phase], formatDay(session.date, language)]],
    })
    blocks.push(paragraph(session.title, { bold: true }))
  } else {
    blocks.push(paragraph(s.noSession))
  }

  blocks.push(heading(2, s.attendance))
  const present = session?.attendance.filter((a) => a.present) ?? []
  blocks.push({
    type: 'table', header: [s.partner, s.represented, s.present],
    rows: [
      ...board.partners.map((partner) => {
        const people = present.filter((a) => a.partnerId === partner.id).map((a) => a.name)
        return [partner.name, people.length > 0 ? s.yes : s.no, people.join(', ')]
      }),
      ...(present.some((a) => a.partnerId === 'facilitation')
        ? [[terms.facilitation, s.yes, present.filter((a) => a.partnerId === 'facilitation').map((a) => a.name).join(', ')]]
        : []),
    ],
  })

  blocks.push(heading(2, s.agenda))
  if (session && session.agenda.length > 0) blocks.push({ type: 'list', ordered: true, items: session.agenda.map((item) => ({ runs: [{ text: item }], depth: 0 })) })
  else blocks.push(paragraph(s.none))

  blocks.push(heading(2, s.decisions))
  if (session && session.decisions.length > 0) {
    blocks.push({
      type: 'table', header: ['', s.text, s.concerned, s.owner, s.due],
      rows: session.decisions.map((d) => [
        d.kind === 'decision' ? s.decision : s.action, d.text, d.partnerIds.map(partnerName).join(', '), d.owner,
        d.dueDate ? formatDay(d.dueDate, language) : '',
      ]),
    })
  } else {
    blocks.push(paragraph(s.none))
  }

  blocks.push(heading(2, s.charter))
  blocks.push(...charterBlocks(board.charter, { shiftHeadings: 1 }))

  blocks.push(heading(2, s.values))
  if (board.values.length > 0) {
    blocks.push({
      type: 'table', header: [s.value, s.status, ...board.partners.map((p) => p.name)],
      rows: board.values.map((value) => [
        value.text,
        terms.valueStatus[value.status],
        ...board.partners.map((partner) => {
          const stance = value.stances[partner.id]
          if (!stance) return terms.stance.undecided
          return stance.text ? `${terms.stance[stance.kind]}${s.colon}${stance.text}` : terms.stance[stance.kind]
        }),
      ]),
    })
  } else {
    blocks.push(paragraph(s.none))
  }

  blocks.push(heading(2, s.interests))
  const shared = board.groups.filter((g) => g.kind === 'convergent' || g.kind === 'complementary')
  if (shared.length > 0) {
    for (const group of shared) {
      blocks.push(heading(3, `${group.name} — ${terms.groupKind[group.kind]}`))
      blocks.push({
        type: 'list', ordered: false,
        items: board.interests.filter((card) => card.groupId === group.id)
          .map((card) => ({ runs: [{ text: `${partnerName(card.partnerId)}${s.colon}`, bold: true }, { text: card.text }], depth: 0 })),
      })
    }
  } else {
    blocks.push(paragraph(s.none))
  }

  // What each partner's own board decided: on this iteration, and on the one this session started from.
  const deliberationTable = (snapshotId: string): Block => ({
    type: 'table', header: [s.partner, s.status, s.body, s.date, s.note],
    rows: board.partners.map((partner) => {
      const d = board.deliberations.find((x) => x.snapshotId === snapshotId && x.partnerId === partner.id)
      return [partner.name, terms.deliberation[d?.status ?? 'pending'], d?.body ?? '', d?.date ? formatDay(d.date, language) : '', d?.note ?? '']
    }),
  })
  blocks.push(heading(2, s.deliberations))
  blocks.push(heading(3, record.label))
  blocks.push(deliberationTable(record.id))
  if (previous) {
    blocks.push(heading(3, previous.record.label))
    blocks.push(deliberationTable(previous.record.id))
  }

  blocks.push(heading(2, s.changes))
  blocks.push(...(previous ? changeBlocks(previous.board, board, language, partnerName) : [paragraph(s.firstIteration)]))

  blocks.push(paragraph(`${s.generated} ${formatDay(new Date().toISOString().slice(0, 10), language)}.`, { italic: true }))
  return { title: `${s.report} — ${record.label}`, language, blocks }
}

function changeBlocks(before: BoardJson, after: BoardJson, language: Language, partnerName: (id: string) => string): Block[] {
  const s = REPORT_STRINGS[language]
  const terms = BOARD_TERMS[language]
  const diff = compareBoards(before, after)
  if (diff.unchanged) return [paragraph(s.nothingChanged)]
  const blocks: Block[] = []
  const list = (title: string, lines: string[]) => {
    if (lines.length === 0) return
    blocks.push(heading(3, title))
    blocks.push({ type: 'list', ordered: false, items: lines.map((line) => ({ runs: [{ text: line }], depth: 0 })) })
  }
  const groupName = (id: string) => after.groups.find((g) => g.id === id)?.name ?? before.groups.find((g) => g.id === id)?.name ?? s.noGroup
  list(s.charterChanged, diff.charter.filter((c) => c.change !== 'same').map((c) =>
    `${c.title || '—'} (${c.change === 'added' ? s.sectionAdded : c.change === 'removed' ? s.sectionRemoved : s.sectionChanged})`))
  list(s.valuesAdded, diff.values.added.map((v) => v.text))
  list(s.valuesRemoved, diff.values.removed.map((v) => v.text))
  list(s.valuesReworded, diff.values.reworded.map((v) => `${v.before} → ${v.after}`))
  list(s.statusChanges, diff.values.statusChanged.map((v) => `${v.text}${s.colon}${terms.valueStatus[v.before]} → ${terms.valueStatus[v.after]}`))
  list(s.stanceChanges, diff.values.stanceChanged.map((c) =>
    `${c.text} — ${partnerName(c.partnerId)}${s.colon}${c.before ? terms.stance[c.before] : '—'} → ${c.after ? terms.stance[c.after] : '—'}${c.afterText ? ` (${c.afterText})` : ''}`))
  list(s.cardsAdded, diff.interests.added.map((c) => `${partnerName(c.partnerId)}${s.colon}${c.text}`))
  list(s.cardsRemoved, diff.interests.removed.map((c) => `${partnerName(c.partnerId)}${s.colon}${c.text}`))
  list(s.cardsMoved, diff.interests.regrouped.map((c) => `${c.text}${s.colon}${groupName(c.fromGroup)} → ${groupName(c.toGroup)}`))
  list(s.groupsAdded, diff.groups.added.map((g) => `${g.name} (${terms.groupKind[g.kind]})`))
  list(s.decisionsAdded, diff.decisions.added.map((d) => `${d.kind === 'decision' ? s.decision : s.action}${s.colon}${d.text}`))
  return blocks
}

/** The charter alone, for signature. */
export function charterDocument(boardTitle: string, board: BoardJson): ReportDocument {
  const language: Language = isLanguage(board.language) ? board.language : 'fr'
  return { title: `${REPORT_STRINGS[language].charterTitle} — ${boardTitle}`, language, blocks: charterBlocks(board.charter) }
}
