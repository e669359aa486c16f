/**
 * The facilitator's rounds, as everyone sees them: a banner while a private-writing round or a dot
 * vote is open, the facilitator's controls to start and end them, the vote itself (targets, my
 * dots, votes left) and the results of past votes. Shown in the Interests section; the Values
 * section may mount it too (`context="values"` keeps only what concerns votes).
 */
import { useCallback, useId, useState } from 'react'
import type * as Y from 'yjs'
import { can } from '../../shared/auth/roles.ts'
import { FACILITATION, type Actor } from '../../shared/board/actor.ts'
import { listGroups } from '../../shared/board/interests.ts'
import {
  castVote, closeRound, countedVotes, listRounds, MAX_VOTES_PER_VOTER, startDotVote, startPrivateWriting,
  voterOf, votesLeft, withdrawVote, type RoundView,
} from '../../shared/board/rounds.ts'
import type { VoteScope, VoteTarget } from '../../shared/board/schema.ts'
import { listValues } from '../../shared/board/values.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { errorText } from '../interests/labels.ts'
import { useDocValue } from '../live/useDocValue.ts'
import type { Drafts } from './useDrafts.ts'
import { VoteResults } from './VoteResults.tsx'
import './rounds.css'

interface Props {
  doc: Y.Doc
  actor: Actor
  /** My drafts and the count of the others' in the open private-writing round (Interests only). */
  drafts?: Drafts | null
  context: 'interests' | 'values'
}

export interface RoundsData {
  rounds: RoundView[]
  groups: { id: string; name: string }[]
  values: { id: string; name: string }[]
}

export function readRounds(doc: Y.Doc, viewerPersonId: string): RoundsData {
  return {
    rounds: listRounds(doc),
    groups: listGroups(doc).map((g) => ({ id: g.id, name: g.name })),
    values: listValues(doc).map((v) => ({ id: v.id, name: v.text })),
  }
}

export function RoundsPanel({ doc, actor, drafts = null, context }: Props) {
  const { t } = useI18n()
  const read = useCallback((d: Y.Doc) => readRounds(d, actor.personId), [actor.personId])
  const data = useDocValue(doc, read)
  const facilitator = can(actor.role, 'board.facilitate')
  const [error, setError] = useState('')
  const privateRound = data.rounds.find((r) => r.kind === 'private-writing' && r.status === 'open') ?? null
  const vote = data.rounds.find((r) => r.kind === 'dot-vote' && r.status === 'open') ?? null
  const past = data.rounds.filter((r) => r.kind === 'dot-vote' && r.status === 'closed')

  const run = (action: () => void) => {
    try {
      action()
      setError('')
    } catch (caught) {
      setError(errorText(t, caught))
    }
  }

  const hiddenCards = drafts?.others ?? 0
  // Revealing is the server's: it moves every draft in and closes the round in one change.
  const reveal = async (send: () => Promise<{ ok: true } | { ok: false; kind: 'http'; message: string } | { ok: false; kind: 'network' }>) => {
    const result = await send()
    setError(result.ok ? '' : t('rounds.private.failed', { message: result.kind === 'http' ? result.message : 'offline' }))
  }

  const showPrivate = context === 'interests'
  const showVote = vote && (context === 'interests' || vote.target === 'values')

  return (
    <div className="rounds" data-testid="rounds-panel">
      {showPrivate && privateRound && (
        <section className="round-banner round-banner--private" aria-labelledby="round-private-heading" data-testid="private-round-banner">
          <h3 id="round-private-heading" className="round-banner__title">
            <span aria-hidden="true">✎ </span>{t('rounds.private.open')}{privateRound.title && ` — ${privateRound.title}`}
          </h3>
          <p className="round-banner__explain">{t(privateRound.mode === 'controlled' ? 'rounds.private.explainControlled' : 'rounds.private.explain')}</p>
          <p role="status" data-testid="hidden-count">
            {hiddenCards > 0 ? t(hiddenCards === 1 ? 'rounds.private.hiddenOne' : 'rounds.private.hidden', { count: hiddenCards }) : t('rounds.private.hiddenNone')}
          </p>
          {facilitator && drafts?.inbox && (
            <div className="round-inbox-wrap" data-testid="round-inbox">
              <h4>{t('rounds.private.inbox', { count: drafts.inbox.length })}</h4>
              {drafts.inbox.length === 0 ? <p className="muted">{t('rounds.private.inboxEmpty')}</p> : (
                <ul className="round-inbox">
                  {drafts.inbox.map((draft) => (
                    <li key={draft.id} className="round-inbox__item" data-draft-id={draft.id}>
                      <span className="round-inbox__text">{draft.text} <span className="muted">— {draft.author.name}</span></span>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('rounds.private.revealOneLabel', { text: draft.text })}
                        onClick={() => void reveal(() => drafts.revealOne(draft.id))}
                      >
                        {t('rounds.private.revealOne')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {facilitator && drafts && (
            <button type="button" className="button button--primary" onClick={() => void reveal(() => drafts.revealAll())}>
              {t('rounds.private.reveal')}
            </button>
          )}
        </section>
      )}

      {showVote && vote && <OpenVote doc={doc} actor={actor} round={vote} data={data} onError={setError} />}

      {facilitator && (
        <details className="round-controls">
          <summary>{t('rounds.controls.summary')}</summary>
          <div className="round-controls__body">
            {showPrivate && !privateRound && (
              <div className="round-controls__part">
                <p className="muted">{t('rounds.private.startHint')} {t('rounds.private.startControlledHint')}</p>
                <div className="round-start-choices">
                  <button type="button" className="button" onClick={() => run(() => startPrivateWriting(doc, actor))}>
                    {t('rounds.private.start')}
                  </button>
                  <button type="button" className="button" onClick={() => run(() => startPrivateWriting(doc, actor, { mode: 'controlled' }))}>
                    {t('rounds.private.startControlled')}
                  </button>
                </div>
              </div>
            )}
            {vote ? (
              <p className="muted">{t('rounds.vote.oneAtATime')}</p>
            ) : (
              <StartVote defaultTarget={context === 'values' ? 'values' : 'groups'} onStart={(input) => run(() => startDotVote(doc, actor, input))} />
            )}
          </div>
        </details>
      )}

      {error && <p className="form-error" role="alert">{error}</p>}

      {past.length > 0 && (
        <details className="round-history" data-testid="round-history" open={past.length > 0 && Date.now() - Date.parse(past[0]!.closedAt) < 10 * 60_000}>
          <summary>{t('rounds.history.summary', { count: past.length })}</summary>
          {past.map((round) => <VoteResults key={round.id} round={round} data={data} />)}
        </details>
      )}
    </div>
  )
}

function OpenVote({ doc, actor, round, data, onError }: { doc: Y.Doc; actor: Actor; round: RoundView; data: RoundsData; onError(message: string): void }) {
  const { t } = useI18n()
  const id = useId()
  const facilitator = can(actor.role, 'board.facilitate')
  // Per partner, a vote is the partner's formal act: only a link bound to it casts it (auth/roles.ts 'vote.cast').
  const canVote = can(actor.role, 'vote.cast') && (round.scope === 'person' || (actor.partnerBound === true && actor.partnerId !== FACILITATION))
  const left = votesLeft(round, actor)
  const voter = voterOf(actor, round.scope)
  const mine = countedVotes(round).filter((v) => v.voter === voter)
  const targets = round.target === 'values' ? data.values : data.groups
  const total = countedVotes(round).length

  const act = (action: () => void) => {
    try {
      action()
      onError('')
    } catch (caught) {
      onError(errorText(t, caught))
    }
  }

  return (
    <section className="round-banner round-banner--vote" aria-labelledby={`${id}-heading`} data-testid="vote-banner">
      <h3 id={`${id}-heading`} className="round-banner__title">
        <span aria-hidden="true">● </span>{t('rounds.vote.open')}{round.title && ` — ${round.title}`}
      </h3>
      <p className="round-banner__explain">
        {t(round.target === 'values' ? 'rounds.vote.onValues' : 'rounds.vote.onGroups')}{' '}
        {t(round.scope === 'partner' ? 'rounds.vote.perPartner' : 'rounds.vote.perPerson', { count: round.votesPerVoter })}{' '}
        {t('rounds.vote.hiddenUntilClosed')}
      </p>
      {canVote ? (
        <p className="round-banner__left" role="status" data-testid="votes-left">
          {t(left === 1 ? 'rounds.vote.leftOne' : 'rounds.vote.left', { count: left })}
        </p>
      ) : (
        <p className="muted">{t(can(actor.role, 'board.edit') ? 'rounds.vote.partnersVote' : 'rounds.vote.viewOnly')}</p>
      )}
      {targets.length === 0 ? (
        <p className="muted">{t(round.target === 'values' ? 'rounds.vote.noValues' : 'rounds.vote.noGroups')}</p>
      ) : (
        <ul className="vote-targets">
          {targets.map((target) => {
            const count = mine.filter((v) => v.targetId === target.id).length
            return (
              <li key={target.id} className="vote-target" data-target-id={target.id}>
                <span className="vote-target__name">{target.name}</span>
                <span className="vote-target__dots">
                  <span className="visually-hidden">{t('rounds.vote.myDots', { count })}</span>
                  {Array.from({ length: count }, (_, i) => <span key={i} className="vote-dot" aria-hidden="true" />)}
                  {count === 0 && <span className="muted" aria-hidden="true">0</span>}
                </span>
                {canVote && (
                  <span className="vote-target__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={left === 0}
                      aria-label={t('rounds.vote.addLabel', { name: target.name })}
                      onClick={() => act(() => castVote(doc, actor, round.id, target.id))}
                    >
                      {t('rounds.vote.add')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={count === 0}
                      aria-label={t('rounds.vote.withdrawLabel', { name: target.name })}
                      onClick={() => act(() => withdrawVote(doc, actor, round.id, target.id))}
                    >
                      {t('rounds.vote.withdraw')}
                    </button>
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <p className="muted">{t('rounds.vote.total', { count: total })}</p>
      {facilitator && (
        <button type="button" className="button button--primary" onClick={() => act(() => closeRound(doc, actor, round.id))}>
          {t('rounds.vote.close')}
        </button>
      )}
    </section>
  )
}

function StartVote({ defaultTarget, onStart }: { defaultTarget: VoteTarget; onStart(input: { title: string; votesPerVoter: number; scope: VoteScope; target: VoteTarget }): void }) {
  const { t } = useI18n()
  const id = useId()
  const [title, setTitle] = useState('')
  const [votes, setVotes] = useState('3')
  const [scope, setScope] = useState<VoteScope>('person')
  const [target, setTarget] = useState<VoteTarget>(defaultTarget)
  return (
    <form
      className="round-controls__part start-vote"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault()
        onStart({ title, votesPerVoter: Number(votes), scope, target })
      }}
    >
      <h4 id={`${id}-heading`}>{t('rounds.vote.startHeading')}</h4>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('rounds.vote.title')}</label>
        <input id={`${id}-title`} type="text" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="start-vote__row">
        <div className="field">
          <label htmlFor={`${id}-votes`}>{t('rounds.vote.count')}</label>
          <input id={`${id}-votes`} type="number" min={1} max={MAX_VOTES_PER_VOTER} value={votes} onChange={(event) => setVotes(event.target.value)} />
        </div>
        <fieldset>
          <legend>{t('rounds.vote.scope')}</legend>
          <label><input type="radio" name={`${id}-scope`} checked={scope === 'person'} onChange={() => setScope('person')} /> {t('rounds.vote.scopePerson')}</label>
          <label><input type="radio" name={`${id}-scope`} checked={scope === 'partner'} onChange={() => setScope('partner')} /> {t('rounds.vote.scopePartner')}</label>
        </fieldset>
        <fieldset>
          <legend>{t('rounds.vote.target')}</legend>
          <label><input type="radio" name={`${id}-target`} checked={target === 'groups'} onChange={() => setTarget('groups')} /> {t('rounds.vote.targetGroups')}</label>
          <label><input type="radio" name={`${id}-target`} checked={target === 'values'} onChange={() => setTarget('values')} /> {t('rounds.vote.targetValues')}</label>
        </fieldset>
      </div>
      <button type="submit" className="button button--primary">{t('rounds.vote.start')}</button>
    </form>
  )
}
