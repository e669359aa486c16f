/** A closed vote's results: targets by votes, as a list with proportional bars (the numbers are written). */
import { voteResults, type RoundView } from '../../shared/board/rounds.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { RoundsData } from './RoundsPanel.tsx'

export function VoteResults({ round, data }: { round: RoundView; data: RoundsData }) {
  const { t, formatDate } = useI18n()
  const results = voteResults(round)
  const names = new Map((round.target === 'values' ? data.values : data.groups).map((target) => [target.id, target.name]))
  const max = Math.max(1, ...results.map((r) => r.votes))
  const voters = new Set(round.votes.map((v) => v.voter)).size
  return (
    <article className="vote-results" data-round-id={round.id} data-testid="vote-results">
      <h3 className="vote-results__title">
        {round.title || t(round.target === 'values' ? 'rounds.history.untitledValues' : 'rounds.history.untitledGroups')}
      </h3>
      <p className="muted vote-results__meta">
        {t('rounds.history.meta', {
          date: formatDate(round.closedAt),
          target: t(round.target === 'values' ? 'rounds.vote.targetValues' : 'rounds.vote.targetGroups'),
          scope: t(round.scope === 'partner' ? 'rounds.vote.scopePartner' : 'rounds.vote.scopePerson'),
          perVoter: t('rounds.history.perVoter', { count: round.votesPerVoter }),
          voters: t('rounds.history.voters', { count: voters }),
        })}
      </p>
      {results.length === 0 ? (
        <p className="muted">{t('rounds.history.noVotes')}</p>
      ) : (
        <ol className="vote-results__list">
          {results.map((result) => (
            <li key={result.targetId} className="vote-result">
              <span className="vote-result__name">{names.get(result.targetId) ?? t('rounds.history.removed')}</span>
              <span className="vote-result__bar" aria-hidden="true" style={{ inlineSize: `${(result.votes / max) * 100}%` }} />
              <span className="vote-result__count">{t('rounds.history.votes', { count: result.votes })}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  )
}
