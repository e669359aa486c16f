/**
 * What a compte rendu says of the follow-up (phases 4 and 5 of the method): the session's decisions
 * and actions with where each action stands, the actions of earlier sessions it followed up, and
 * the partners' deliberations (with the resolution each board adopted) when the session calls for
 * them. A session that does not call for deliberation says so, and lists nothing as pending.
 *
 * Statuses and deliberations are read from the board now (`now`): they are recorded after the
 * meeting; each action's status is the one that session reports (shared/board/actions.ts).
 */
import { carriedOverActions, sessionActions, type TrackedAction } from '../../shared/board/actions.ts'
import type { BoardJson } from '../../shared/board/board-json.ts'
import { iterationCallsForDeliberation } from '../../shared/board/deliberations.ts'
import type { SessionView } from '../../shared/board/sessions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import type { Language } from '../../shared/i18n/language.ts'
import type { SnapshotRecord } from '../store/board-store.ts'
import { heading, paragraph, type Block } from './report-model.ts'
import { REPORT_STRINGS } from './report-strings.ts'

interface FollowUp {
  /** The session as the board holds it now (null: the snapshot is tied to no session). */
  session: SessionView | null
  /** The board now (deliberations, status changes and the session's record come after the iteration). */
  now: BoardJson
  language: Language
  partnerName: (id: string) => string
}

const day = (date: string, language: Language) => (date ? formatDay(date, language) : '')

/** "Faite (Anne Martin, 9 avril 2026)": the status and who set it when; "À faire" when never changed. */
function statusText(tracked: TrackedAction, language: Language): string {
  const word = BOARD_TERMS[language].actionStatus[tracked.status]
  const change = tracked.lastChange
  if (!change) return word
  return `${word} (${[change.by.name, day(change.at.slice(0, 10), language)].filter(Boolean).join(', ')})`
}

/** The session's decisions and actions: text, partners concerned, owner, due date, and each action's status. */
export function decisionBlocks({ session, now, language, partnerName }: FollowUp): Block[] {
  const s = REPORT_STRINGS[language]
  if (!session || session.decisions.length === 0) return [paragraph(s.none)]
  const statuses = new Map(sessionActions(now.sessions, now.actionLog ?? [], session.id).map((tracked) => [tracked.action.id, tracked]))
  return [{
    type: 'table', header: ['', s.text, s.concerned, s.owner, s.due, s.status], widths: [1.1, 3.2, 1.8, 2, 1.6, 2.1],
    rows: session.decisions.map((d) => {
      const tracked = statuses.get(d.id)
      return [
        d.kind === 'decision' ? s.decision : s.action, d.text, d.partnerIds.map(partnerName).join(', '), d.owner, day(d.dueDate, language),
        tracked ? statusText(tracked, language) : '',
      ]
    }),
  }]
}

/** The actions of earlier sessions this one followed up: still open when it began, or closed during it. */
export function carriedOverBlocks({ session, now, language }: FollowUp): Block[] {
  const s = REPORT_STRINGS[language]
  if (!session) return []
  const carried = carriedOverActions(now.sessions, now.actionLog ?? [], session.id)
  const blocks: Block[] = [heading(2, s.carriedOver)]
  if (carried.length === 0) return [...blocks, paragraph(s.none)]
  blocks.push({
    type: 'table', header: [s.action, s.decidedAt, s.owner, s.due, s.status], widths: [3.2, 2.4, 2, 1.5, 2.4],
    rows: carried.map((tracked) => [
      tracked.action.text, `${tracked.origin.title}, ${day(tracked.origin.date, language)}`, tracked.action.owner,
      day(tracked.action.dueDate, language), statusText(tracked, language),
    ]),
  })
  return blocks
}

interface Deliberations extends FollowUp {
  record: SnapshotRecord
  /** The board as the iteration kept it: its partners are those asked to deliberate. */
  board: BoardJson
  previous: { record: SnapshotRecord } | null
  /** Every iteration before this one, newest first. */
  earlier: SnapshotRecord[]
}

/**
 * The partners' deliberations: on this iteration (each partner's status, body, date, note, then the
 * resolutions adopted), on the one before, and the earlier iterations still awaiting some. Only
 * iterations whose session calls for deliberation are waited for.
 */
export function deliberationBlocks({ record, board, now, session, previous, earlier, language }: Deliberations): Block[] {
  const s = REPORT_STRINGS[language]
  const terms = BOARD_TERMS[language]
  const deliberationOf = (snapshotId: string, partnerId: string) =>
    now.deliberations.find((x) => x.snapshotId === snapshotId && x.partnerId === partnerId)
  const calledFor = (snapshotId: string) => iterationCallsForDeliberation(now.sessions, snapshotId)
  const table = (snapshotId: string, partners: BoardJson['partners']): Block => ({
    type: 'table', header: [s.partner, s.status, s.body, s.date, s.note], widths: [2.5, 2, 2, 1.5, 3],
    rows: partners.map((partner) => {
      const d = deliberationOf(snapshotId, partner.id)
      return [partner.name, terms.deliberation[d?.status ?? 'pending'], d?.body ?? '', day(d?.date ?? '', language), d?.note ?? '']
    }),
  })
  const resolutions = (snapshotId: string): Block[] => {
    const adopted = board.partners.flatMap((partner) => {
      const d = deliberationOf(snapshotId, partner.id)
      return d?.resolution?.trim() ? [{ partner, d }] : []
    })
    if (adopted.length === 0) return []
    return [heading(3, s.resolutions), ...adopted.flatMap(({ partner, d }) => [
      paragraph([partner.name, [d.body, day(d.date, language)].filter(Boolean).join(', ')].filter(Boolean).join(' — '), { bold: true }),
      lines(d.resolution!),
    ])]
  }

  const blocks: Block[] = [heading(2, s.deliberations)]
  if (session && !session.callsForDeliberation) {
    // Said once, and nothing listed as pending: only what partners did record, on this iteration
    // (a board that deliberated anyway) and on the one before.
    blocks.push(paragraph(s.noDeliberation))
    const recorded = (snapshotId: string) => board.partners.filter((partner) => deliberationOf(snapshotId, partner.id))
    if (recorded(record.id).length > 0) blocks.push(table(record.id, recorded(record.id)), ...resolutions(record.id))
    if (previous && calledFor(previous.record.id) && recorded(previous.record.id).length > 0) {
      blocks.push(heading(3, previous.record.label), table(previous.record.id, recorded(previous.record.id)))
    }
    return blocks
  }
  blocks.push(heading(3, `${s.thisIteration}${s.colon}${record.label}`))
  blocks.push(board.partners.length > 0 ? table(record.id, board.partners) : paragraph(s.none))
  blocks.push(...resolutions(record.id))
  // The iteration this session started from, in full, when its partners were asked to deliberate.
  if (previous && board.partners.length > 0 && calledFor(previous.record.id)) {
    blocks.push(heading(3, previous.record.label))
    blocks.push(table(previous.record.id, board.partners))
  }
  const pendingEarlier = earlier.filter((iteration) => iteration.id !== previous?.record.id && calledFor(iteration.id)).flatMap((iteration) => {
    // Partners that were on the board when that iteration was kept.
    const pending = board.partners.filter((partner) => (!partner.createdAt || partner.createdAt <= iteration.createdAt) && !deliberationOf(iteration.id, partner.id))
    return pending.length > 0 ? [[iteration.label, pending.map((partner) => partner.name).join(', ')]] : []
  })
  if (pendingEarlier.length > 0) {
    blocks.push(heading(3, s.earlierPending))
    blocks.push({ type: 'table', header: [s.iteration, s.pendingPartners], rows: pendingEarlier, widths: [2, 3] })
  }
  return blocks
}

/** Text typed over several lines, one paragraph each. */
function lines(text: string): Block {
  const parts = text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim())
  return { type: 'paragraph', runs: parts.flatMap((line, i) => (i === 0 ? [{ text: line }] : [{ text: `\n${line}` }])) }
}
