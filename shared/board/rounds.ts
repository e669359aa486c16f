/**
 * Facilitated rounds: private writing and dot voting (N votes per person or per partner on groups
 * or values; results shown when the round closes, and kept with the round).
 *
 * Private writing is private for real: while the round is open, what people write are drafts kept
 * by the server, outside this document (server/rounds/draft-service.ts), so no socket receives
 * another person's draft. Revealing (the facilitator asks the server) adds the drafts here as cards
 * and closes the round in one change (`revealDrafts`), which every client receives at once.
 */
import * as Y from 'yjs'
import { type Actor, type Author, authorOf, FACILITATION } from './actor.ts'
import { BoardError } from './board-error.ts'
import { newId } from './ids.ts'
import { freePosition, listCards, listGroups } from './interests.ts'
import { listPartners } from './partners.ts'
import { assertCanEdit, assertFacilitator, cleanText } from './permissions.ts'
import {
  fieldsOf, interestsOf, itemMap, roundsOf,
  type CardFields, type CardKind, type ItemMap, type RoundFields, type RoundKind, type RoundMode, type Vote, type VoteScope, type VoteTarget,
} from './schema.ts'

export const MAX_VOTES_PER_VOTER = 20
export const ROUND_TITLE_MAX = 200

export interface RoundView extends RoundFields {
  votes: (Vote & { id: string })[]
}

const votesOf = (item: ItemMap) => item.get('votes') as Y.Map<Vote>

export function listRounds(doc: Y.Doc): RoundView[] {
  return [...roundsOf(doc).values()]
    .map((item) => ({
      ...fieldsOf<RoundFields>(item),
      ...(item.get('kind') === 'private-writing' ? { mode: item.get('mode') === 'controlled' ? 'controlled' as const : 'open' as const } : {}),
      votes: [...(votesOf(item)?.entries() ?? [])].map(([id, vote]) => ({ ...vote, id })),
    }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id))
}

/** The open round of a kind, if any (the most recent, should two facilitators open one at once). */
export function openRound(doc: Y.Doc, kind: RoundKind): RoundView | null {
  return listRounds(doc).find((round) => round.kind === kind && round.status === 'open') ?? null
}

function findRound(doc: Y.Doc, roundId: string): ItemMap {
  const item = roundsOf(doc).get(roundId)
  if (!item) throw new BoardError('not-found', 'error.not-found', 'It was removed meanwhile')
  return item
}

function startRound(doc: Y.Doc, actor: Actor, fields: Omit<RoundFields, 'id' | 'status' | 'startedAt' | 'startedBy' | 'closedAt'>): string {
  assertFacilitator(actor)
  if (openRound(doc, fields.kind)) throw new BoardError('conflict', 'error.round-open', 'A round of this kind is already open')
  const id = newId()
  const item = itemMap({ ...fields, id, status: 'open', startedAt: new Date().toISOString(), startedBy: authorOf(actor), closedAt: '' } satisfies RoundFields)
  if (fields.kind === 'dot-vote') item.set('votes', new Y.Map<Vote>())
  roundsOf(doc).set(id, item)
  return id
}

/** Opens private writing: from now on, the composer writes drafts through the server. */
export function startPrivateWriting(doc: Y.Doc, actor: Actor, options: { title?: string; mode?: RoundMode } = {}): string {
  const mode = options.mode ?? 'open'
  if (mode !== 'open' && mode !== 'controlled') throw new BoardError('invalid', 'error.invalid', 'Unknown mode')
  return startRound(doc, actor, {
    kind: 'private-writing', title: cleanText(options.title ?? '', ROUND_TITLE_MAX, { required: false }),
    votesPerVoter: 0, scope: 'person', target: 'groups', mode,
  })
}

export function startDotVote(doc: Y.Doc, actor: Actor, input: { title?: string; votesPerVoter: number; scope: VoteScope; target: VoteTarget }): string {
  if (!Number.isInteger(input.votesPerVoter) || input.votesPerVoter < 1 || input.votesPerVoter > MAX_VOTES_PER_VOTER) {
    throw new BoardError('invalid', 'error.votes-range', `Between 1 and ${MAX_VOTES_PER_VOTER} votes`, { max: MAX_VOTES_PER_VOTER })
  }
  if (input.scope !== 'person' && input.scope !== 'partner') throw new BoardError('invalid', 'error.invalid', 'Unknown scope')
  if (input.target !== 'groups' && input.target !== 'values') throw new BoardError('invalid', 'error.invalid', 'Unknown target')
  return startRound(doc, actor, {
    kind: 'dot-vote', title: cleanText(input.title ?? '', ROUND_TITLE_MAX, { required: false }),
    votesPerVoter: input.votesPerVoter, scope: input.scope, target: input.target,
  })
}

/**
 * Ends a dot vote: its results show. A private-writing round is ended by revealing it, which only
 * the server does (POST …/rounds/:roundId/reveal): its drafts aren't in this document.
 */
export function closeRound(doc: Y.Doc, actor: Actor, roundId: string): void {
  assertFacilitator(actor)
  const item = findRound(doc, roundId)
  if (item.get('status') === 'closed') return
  if (item.get('kind') === 'private-writing') {
    throw new BoardError('conflict', 'error.reveal-through-server', 'A private-writing round ends by revealing its drafts')
  }
  doc.transact(() => {
    item.set('status', 'closed')
    item.set('closedAt', new Date().toISOString())
  })
}

/** Who a vote counts for: the person, or the partner they speak for. */
export function voterOf(actor: Actor, scope: VoteScope): string {
  return scope === 'partner' ? actor.partnerId : actor.personId
}

/**
 * The votes that count: at most N per voter, the earliest first. Two devices of one partner
 * voting at the same instant offline can't overspend: the extra vote is simply not counted.
 */
export function countedVotes(round: RoundView): (Vote & { id: string })[] {
  const byVoter = new Map<string, (Vote & { id: string })[]>()
  for (const vote of [...round.votes].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    const list = byVoter.get(vote.voter) ?? []
    if (list.length < round.votesPerVoter) list.push(vote)
    byVoter.set(vote.voter, list)
  }
  return [...byVoter.values()].flat()
}

export function votesLeft(round: RoundView, actor: Actor): number {
  const voter = voterOf(actor, round.scope)
  return Math.max(0, round.votesPerVoter - countedVotes(round).filter((vote) => vote.voter === voter).length)
}

export function castVote(doc: Y.Doc, actor: Actor, roundId: string, targetId: string): void {
  assertCanEdit(actor)
  const item = findRound(doc, roundId)
  const round = listRounds(doc).find((r) => r.id === roundId)!
  if (round.kind !== 'dot-vote' || round.status !== 'open') throw new BoardError('conflict', 'error.round-closed', 'This vote is closed')
  if (round.scope === 'partner' && (actor.partnerId === FACILITATION || actor.partnerBound !== true)) {
    throw new BoardError('forbidden', 'error.partner-votes', 'In this round, partners vote')
  }
  if (votesLeft(round, actor) === 0) throw new BoardError('conflict', 'error.no-votes-left', 'No votes left')
  const vote: Vote = { voter: voterOf(actor, round.scope), targetId, by: authorOf(actor), at: new Date().toISOString() }
  votesOf(item).set(newId(), vote)
}

/** Takes back one of the actor's (or its partner's) votes on a target. */
export function withdrawVote(doc: Y.Doc, actor: Actor, roundId: string, targetId: string): void {
  assertCanEdit(actor)
  const item = findRound(doc, roundId)
  const round = listRounds(doc).find((r) => r.id === roundId)!
  if (round.status !== 'open') throw new BoardError('conflict', 'error.round-closed', 'This vote is closed')
  const voter = voterOf(actor, round.scope)
  const mine = round.votes.filter((vote) => vote.voter === voter && vote.targetId === targetId).sort((a, b) => b.at.localeCompare(a.at))
  if (mine[0]) votesOf(item).delete(mine[0].id)
}

/** Votes per target, most voted first; shown once the round is closed. */
export function voteResults(round: RoundView): { targetId: string; votes: number }[] {
  const counts = new Map<string, number>()
  for (const vote of countedVotes(round)) counts.set(vote.targetId, (counts.get(vote.targetId) ?? 0) + 1)
  return [...counts].map(([targetId, votes]) => ({ targetId, votes })).sort((a, b) => b.votes - a.votes || a.targetId.localeCompare(b.targetId))
}

/** A draft of a private-writing round, as the server keeps it until it is revealed. */
export type RevealedDraft = Pick<CardFields, 'id' | 'text' | 'kind' | 'partnerId' | 'author' | 'createdAt'>

/**
 * The server's side of revealing (on the facilitator's request): adds the drafts as cards of the
 * round (card id = draft id, so revealing twice adds nothing twice), each placed in its partner's
 * column, and with `close` ends the round, all in one transaction. Returns the ids of cards added.
 */
export function revealDrafts(doc: Y.Doc, roundId: string, drafts: readonly RevealedDraft[], { close }: { close: boolean }): string[] {
  const item = findRound(doc, roundId)
  if (item.get('kind') !== 'private-writing') throw new BoardError('conflict', 'error.invalid', 'Not a private-writing round')
  const cards: Pick<CardFields, 'id' | 'x' | 'y' | 'groupId'>[] = listCards(doc)
  const present = new Set(cards.map((card) => card.id))
  const partnerIds = listPartners(doc).map((partner) => partner.id)
  const groups = listGroups(doc)
  const added: string[] = []
  doc.transact(() => {
    for (const draft of [...drafts].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
      if (present.has(draft.id)) continue
      const at = freePosition(partnerIds, cards, draft.partnerId, groups)
      const fields: CardFields = {
        id: draft.id, text: draft.text, kind: draft.kind, partnerId: draft.partnerId, author: draft.author,
        createdAt: draft.createdAt, x: at.x, y: at.y, groupId: '', roundId,
      }
      interestsOf(doc).push([itemMap(fields)])
      cards.push(fields)
      present.add(draft.id)
      added.push(draft.id)
    }
    if (close && item.get('status') !== 'closed') {
      item.set('status', 'closed')
      item.set('closedAt', new Date().toISOString())
    }
  })
  return added
}
