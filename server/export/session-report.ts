/**
 * The session report (compte rendu) of an iteration, built from the stored snapshot: session,
 * attendance by partner, agenda, decisions and actions, the charter as of that iteration, values
 * with every partner's stance, convergent interests, deliberations, and what changed since the
 * previous iteration.
 */
import type { BoardJson } from '../../shared/board/board-json.ts'
import { diffArrays } from 'diff'
import { isTemplatePrompt } from '../../shared/board/charter-template.ts'
import { charterSections } from '../../shared/board/charter-text.ts'
import { compareBoards } from '../../shared/board/compare.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { isLanguage, type Language } from '../../shared/i18n/language.ts'
import type { SnapshotRecord } from '../store/board-store.ts'
import { charterBlocks } from './charter-blocks.ts'
import { frenchTypography } from '../../shared/i18n/french-typography.ts'
import { heading, paragraph, type Block, type ReportDocument, type Run } from './report-model.ts'
import { methodBlocks, methodChangeBlocks } from './method-report.ts'
import { REPORT_STRINGS } from './report-strings.ts'
import { carriedOverBlocks, decisionBlocks, deliberationBlocks } from './follow-up-report.ts'

export interface ReportInput {
  boardTitle: string
  record: SnapshotRecord
  /** The board as the iteration kept it. */
  board: BoardJson
  /** The iteration before this one, if any. */
  previous: { record: SnapshotRecord; board: BoardJson } | null
  /**
   * The board now, when the report is made after the iteration: the partners' deliberations on it
   * are recorded later, and the session's minutes (notes, place, next meeting…) may be completed
   * after the meeting. Without it, what the snapshot holds.
   */
  live?: BoardJson
  /** Every iteration before this one, newest first: their deliberations still pending stay visible. */
  earlier?: SnapshotRecord[]
}

/** 14:30 as French prints it (14 h 30), or as is. */
export function formatTime(time: string, language: Language): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match || language !== 'fr') return time
  return `${Number(match[1])}\u00a0h${match[2] === '00' ? '' : `\u00a0${match[2]}`}`
}

export function sessionReport({ boardTitle, record, board, previous, live, earlier = [] }: ReportInput): ReportDocument {
  const language: Language = isLanguage(board.language) ? board.language : 'fr'
  const s = REPORT_STRINGS[language]
  const terms = BOARD_TERMS[language]
  const now = live ?? board
  const partnerName = (id: string) => board.partners.find((p) => p.id === id)?.name ?? now.partners.find((p) => p.id === id)?.name ?? (id === 'facilitation' ? terms.facilitation : id)
  const day = (date: string) => (date ? formatDay(date, language) : '')
  const blocks: Block[] = []

  blocks.push(heading(1, `${s.report} — ${record.label}`))
  blocks.push(paragraph(`${s.board}${s.colon}${boardTitle}`))

  // The session's record as it is now (minutes are often completed after the meeting), else as kept.
  const session = now.sessions.find((candidate) => candidate.id === record.sessionId)
    ?? board.sessions.find((candidate) => candidate.id === record.sessionId) ?? null
  blocks.push(heading(2, s.session))
  if (session) {
    const hours = [session.startTime, session.endTime].filter(Boolean).map((time) => formatTime(time, language)).join(' – ')
    blocks.push({
      type: 'table', header: [s.kind, s.phase, s.date, s.hours], widths: [2, 3, 2, 2],
      rows: [[terms.sessionKind[session.kind], terms.phase[session.phase], day(session.date), hours]],
    })
    blocks.push(paragraph(session.title, { bold: true }))
    if (session.place.trim()) blocks.push({ type: 'paragraph', runs: [{ text: `${s.place}${s.colon}`, bold: true }, { text: session.place }] })
    if (session.recipients.trim()) {
      blocks.push(heading(3, s.recipients))
      blocks.push(lines(session.recipients))
    }
  } else {
    blocks.push(paragraph(s.noSession))
  }

  blocks.push(heading(2, s.attendance))
  blocks.push(...attendanceBlocks(board, session, language))

  if (session?.previousApproval) {
    blocks.push(heading(2, s.previousApproval))
    blocks.push(paragraph(s[session.previousApproval]))
    if (session.previousApprovalNote.trim()) blocks.push(lines(session.previousApprovalNote))
  }

  blocks.push(heading(2, s.agenda))
  if (session && session.agenda.length > 0) {
    session.agenda.forEach((item, index) => {
      blocks.push(heading(3, `${index + 1}. ${item}`))
      const note = session.notes[item]?.trim()
      blocks.push(note ? lines(note) : paragraph(s.noNotes, { italic: true }))
    })
  } else {
    blocks.push(paragraph(s.none))
  }

  blocks.push(heading(2, s.decisions))
  const followUp = { session, now, language, partnerName }
  blocks.push(...decisionBlocks(followUp))
  blocks.push(...carriedOverBlocks(followUp))

  if (session && (session.nextDate || session.nextTime || session.nextPlace)) {
    blocks.push(heading(2, s.nextMeeting))
    const when = [day(session.nextDate), formatTime(session.nextTime, language)].filter(Boolean).join(', ')
    blocks.push(paragraph([when, session.nextPlace].filter(Boolean).join(' — ')))
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

  blocks.push(...interestBlocks(board, language, partnerName))
  blocks.push(...methodBlocks({ board, live, sessionPhase: session?.phase ?? null, language, partnerName }))

  // What each partner's own board decided on this iteration (recorded after it: read from the board now),
  // and the earlier iterations some partners have still to deliberate on, when the session calls for it.
  blocks.push(...deliberationBlocks({ ...followUp, record, board, previous, earlier }))

  blocks.push(heading(2, s.changes))
  blocks.push(...(previous ? changeBlocks(previous.board, board, language, partnerName) : [paragraph(s.firstIteration)]))

  blocks.push(paragraph(`${s.generated} ${formatDay(new Date().toISOString().slice(0, 10), language)}.`, { italic: true }))
  return typeset({ title: `${s.report} — ${record.label}`, language, blocks, header: boardTitle, pageLabel: { page: s.page, of: s.pageOf } })
}

/** Text typed over several lines, one paragraph each. */
function lines(text: string): Block {
  const parts = text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim())
  return { type: 'paragraph', runs: parts.flatMap((line, i) => (i === 0 ? [{ text: line }] : [{ text: `\n${line}` }])) }
}

/** Attendance by partner: each person with their role and whether present, excused or absent; people of no partner too. */
function attendanceBlocks(board: BoardJson, session: BoardJson['sessions'][number] | null, language: Language): Block[] {
  const s = REPORT_STRINGS[language]
  const people = session?.attendance ?? []
  const statusText = { present: s.attendancePresent, excused: s.attendanceExcused, absent: s.attendanceAbsent } as const
  const known = new Set(board.partners.map((p) => p.id))
  const rows: string[][] = []
  let represented = 0
  for (const partner of board.partners) {
    const theirs = people.filter((a) => a.partnerId === partner.id)
    if (theirs.some((a) => a.status === 'present')) represented++
    if (theirs.length === 0) rows.push([partner.name, '—', '', s.notRepresented])
    theirs.forEach((a, i) => rows.push([i === 0 ? partner.name : '', a.name, a.role, statusText[a.status]]))
  }
  // The facilitation, the network's own staff, anyone whose partner is gone: never dropped.
  const others = people.filter((a) => !known.has(a.partnerId))
  others.forEach((a, i) => rows.push([i === 0 ? s.noPartner : '', a.name, a.role, statusText[a.status]]))
  return [
    paragraph(`${s.representedCount}${s.colon}${represented} ${s.outOf} ${board.partners.length}`),
    { type: 'table', header: [s.partner, s.person, s.role, s.attendanceStatus], rows, widths: [3, 3, 2.5, 1.5] },
  ]
}

/** Convergent and complementary groups, groups specific to one partner, ungrouped cards, dot-vote results. */
function interestBlocks(board: BoardJson, language: Language, partnerName: (id: string) => string): Block[] {
  const s = REPORT_STRINGS[language]
  const terms = BOARD_TERMS[language]
  const blocks: Block[] = []
  const cardList = (cards: BoardJson['interests']): Block => ({
    type: 'list', ordered: false,
    items: cards.map((card) => ({ runs: [{ text: `${partnerName(card.partnerId)}${s.colon}`, bold: true }, { text: card.text }], depth: 0 })),
  })
  const groupSection = (groups: BoardJson['groups']) => {
    for (const group of groups) {
      blocks.push(heading(3, `${group.name} — ${terms.groupKind[group.kind]}`))
      blocks.push(cardList(board.interests.filter((card) => card.groupId === group.id)))
    }
  }
  blocks.push(heading(2, s.interests))
  const shared = board.groups.filter((g) => g.kind === 'convergent' || g.kind === 'complementary')
  if (shared.length > 0) groupSection(shared)
  else blocks.push(paragraph(s.none))

  const specific = board.groups.filter((g) => g.kind === 'specific')
  const groupIds = new Set(board.groups.map((g) => g.id))
  const ungrouped = board.interests.filter((card) => !card.groupId || !groupIds.has(card.groupId))
  if (specific.length > 0 || ungrouped.length > 0) {
    blocks.push(heading(2, s.specific))
    blocks.push(paragraph(s.specificIntro, { italic: true }))
    groupSection(specific)
    if (ungrouped.length > 0) {
      blocks.push(heading(3, s.ungrouped))
      blocks.push(cardList(ungrouped))
    }
  }

  const votes = board.rounds.filter((round) => round.kind === 'dot-vote' && round.status === 'closed')
  if (votes.length > 0) {
    blocks.push(heading(2, s.votes))
    const targetName = (round: BoardJson['rounds'][number], id: string) =>
      round.target === 'values' ? board.values.find((v) => v.id === id)?.text ?? id : board.groups.find((g) => g.id === id)?.name ?? id
    for (const round of votes) {
      blocks.push(heading(3, `${round.title || s.votesRound}${round.closedAt ? ` — ${formatDay(round.closedAt.slice(0, 10), language)}` : ''}`))
      const results = [...round.results].sort((a, b) => b.votes - a.votes)
      if (results.length > 0) blocks.push({ type: 'table', header: [s.option, s.votesFor], rows: results.map((r) => [targetName(round, r.targetId), String(r.votes)]), widths: [5, 1] })
      else blocks.push(paragraph(s.none))
    }
  }
  return blocks
}

/** French typography on every word of a French document (shared/i18n/french-typography.ts); links untouched. */
export function typeset(document: ReportDocument): ReportDocument {
  if (document.language !== 'fr') return document
  const t = frenchTypography
  const runs = (list: Run[]) => list.map((run) => ({ ...run, text: t(run.text) }))
  return {
    ...document,
    title: t(document.title),
    header: document.header === undefined ? undefined : t(document.header),
    blocks: document.blocks.map((block): Block => {
      switch (block.type) {
        case 'heading': return { ...block, text: t(block.text) }
        case 'paragraph': return { ...block, runs: runs(block.runs) }
        case 'list': return { ...block, items: block.items.map((item) => ({ ...item, runs: runs(item.runs) })) }
        case 'table': return { ...block, header: block.header.map(t), rows: block.rows.map((row) => row.map(t)) }
      }
    }),
  }
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
  // Rewritten paragraphs side by side, before and after, rather than interleaved words.
  const rewritten = rewrittenPassages(before, after)
  if (rewritten.length > 0) {
    blocks.push(heading(3, s.rewritten))
    blocks.push({ type: 'table', header: ['', s.before, s.after], widths: [1.4, 3, 3], rows: rewritten.map((r) => [r.title || '—', r.before, r.after]) })
  }
  list(s.valuesAdded, diff.values.added.map((v) => v.text))
  list(s.valuesRemoved, diff.values.removed.map((v) => v.text))
  list(s.valuesReworded, diff.values.reworded.map((v) => `${v.before} → ${v.after}`))
  list(s.statusChanges, diff.values.statusChanged.map((v) => `${v.text}${s.colon}${terms.valueStatus[v.before]} → ${terms.valueStatus[v.after]}`))
  list(s.objectionsLifted, diff.values.stanceChanged.filter((c) => c.before === 'object' && c.after !== 'object').map((c) =>
    `${c.text} — ${partnerName(c.partnerId)}${s.colon}${c.after ? terms.stance[c.after] : terms.stance.undecided}${c.afterText ? ` (${c.afterText})` : ''}`))
  list(s.stanceChanges, diff.values.stanceChanged.map((c) =>
    `${c.text} — ${partnerName(c.partnerId)}${s.colon}${c.before ? terms.stance[c.before] : '—'} → ${c.after ? terms.stance[c.after] : '—'}${c.afterText ? ` (${c.afterText})` : ''}`))
  list(s.cardsAdded, diff.interests.added.map((c) => `${partnerName(c.partnerId)}${s.colon}${c.text}`))
  list(s.cardsRemoved, diff.interests.removed.map((c) => `${partnerName(c.partnerId)}${s.colon}${c.text}`))
  list(s.cardsMoved, diff.interests.regrouped.map((c) => `${c.text}${s.colon}${groupName(c.fromGroup)} → ${groupName(c.toGroup)}`))
  list(s.groupsAdded, diff.groups.added.map((g) => `${g.name} (${terms.groupKind[g.kind]})`))
  list(s.decisionsAdded, diff.decisions.added.map((d) => `${d.kind === 'decision' ? s.decision : s.action}${s.colon}${d.text}`))
  list(s.actionsMoved, diff.decisions.statusChanged.map((a) => `${a.text} (${a.sessionTitle})${s.colon}${terms.actionStatus[a.before]} → ${terms.actionStatus[a.after]}`))
  blocks.push(...methodChangeBlocks(before, after, language, partnerName))
  return blocks
}

/**
 * The paragraphs of each charter section that changed, as a before/after pair per run of changed
 * paragraphs (template prompts left out: they are not charter text).
 */
export function rewrittenPassages(before: BoardJson, after: BoardJson): { title: string; before: string; after: string }[] {
  const sections = (board: BoardJson) => new Map(charterSections(board.charter).map((section) => [
    section.title.trim().toLowerCase(), { title: section.title, lines: section.lines.filter((line) => line.trim() && !isTemplatePrompt(line)) },
  ]))
  const old = sections(before)
  const passages: { title: string; before: string; after: string }[] = []
  for (const [key, section] of sections(after)) {
    const previous = old.get(key)
    if (!previous) continue
    const chunks = diffArrays(previous.lines, section.lines)
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!
      if (!chunk.added && !chunk.removed) continue
      const next = chunks[i + 1]
      const removed = chunk.removed ? chunk.value : []
      const added = chunk.added ? chunk.value : next?.added ? next.value : []
      if (chunk.removed && next?.added) i++
      passages.push({ title: section.title, before: removed.join('\n'), after: added.join('\n') })
    }
  }
  return passages
}

export interface CharterVersion {
  /** The iteration whose charter this is (the text the partners' boards deliberated on); null: the charter now. */
  record: SnapshotRecord | null
}

/**
 * The charter for signature: the charter as of a chosen iteration (or now), its version, and a
 * signature block per partner.
 */
export function charterDocument(boardTitle: string, board: BoardJson, { record }: CharterVersion = { record: null }): ReportDocument {
  const language: Language = isLanguage(board.language) ? board.language : 'fr'
  const s = REPORT_STRINGS[language]
  const title = `${s.charterTitle} — ${boardTitle}`
  const blocks: Block[] = []
  const version = record
    ? `${s.version}${s.colon}${record.label}`
    : `${s.versionLive} ${formatDay(new Date().toISOString().slice(0, 10), language)}`
  blocks.push(paragraph(version, { italic: true }))
  if (record?.kind === 'iteration') blocks.push(paragraph(s.deliberatedOn, { italic: true }))
  blocks.push(...charterBlocks(board.charter))
  if (board.partners.length > 0) {
    blocks.push(heading(2, s.signatures))
    for (const partner of board.partners) {
      blocks.push({ type: 'table', header: [partner.name, ''], rows: [[s.signatory, ''], [s.signedAt, ''], [s.signature, '']], widths: [2, 3], tall: true })
    }
  }
  return typeset({ title, language, blocks, header: `${title} — ${record ? record.label : version}`, pageLabel: { page: s.page, of: s.pageOf } })
}
