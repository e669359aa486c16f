/**
 * What changed between two states of the board, as the server computes it (shared/board/compare.ts):
 * the charter as a word diff per section, values, stances per partner, interests and groups,
 * decisions. Insertions and deletions are <ins>/<del> with a text marker, never colour alone.
 */
import { useId, type ReactNode } from 'react'
import type { BoardDiff, TextPart } from '../../shared/board/compare.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { BOARD_TERMS } from '../../shared/i18n/board-terms.ts'
import { methodChangeLines, METHOD_CHANGE_WORDS } from '../../shared/i18n/method-changes.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'

export function DiffText({ parts }: { parts: TextPart[] }) {
  const { t } = useI18n()
  const colon = t('text.colon')
  return (
    <p className="cmp-text">
      {parts.map((part, i) => part.kind === 'added' ? (
        <ins key={i}><span className="visually-hidden">[{t('compare.inserted')}{colon}</span>{part.text}<span className="visually-hidden">]</span></ins>
      ) : part.kind === 'removed' ? (
        <del key={i}><span className="visually-hidden">[{t('compare.deleted')}{colon}</span>{part.text}<span className="visually-hidden">]</span></del>
      ) : <span key={i}>{part.text}</span>)}
    </p>
  )
}

function Group({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const id = useId()
  if (count === 0) return null
  return (
    <section className="cmp-group" aria-labelledby={id}>
      <h4 id={id}>{title} <span className="muted">({count})</span></h4>
      <ul className="cmp-list">{children}</ul>
    </section>
  )
}

const Mark = ({ kind }: { kind: 'added' | 'removed' | 'changed' }) => (
  <span className={`cmp-mark cmp-mark--${kind}`} aria-hidden="true">{kind === 'added' ? '+' : kind === 'removed' ? '−' : '~'}</span>
)

export function CompareView({ diff, fromLabel, toLabel, partners, groupNames }: {
  diff: BoardDiff; fromLabel: string; toLabel: string; partners: readonly PartnerFields[]; groupNames: ReadonlyMap<string, string>
}) {
  const { t, language } = useI18n()
  const colon = t('text.colon')
  const terms = BOARD_TERMS[language]
  const id = useId()
  const changedSections = diff.charter.filter((s) => s.change !== 'same')
  const same = diff.charter.filter((s) => s.change === 'same')
  const group = (groupId: string) => (groupId ? groupNames.get(groupId) ?? t('history.removedGroup') : t('history.ungrouped'))
  const tag = (partnerId: string) => <PartnerTag partners={partners} partnerId={partnerId} short />
  const v = diff.values
  const n = diff.interests
  const g = diff.groups
  const partnerName = (partnerId: string) => partners.find((p) => p.id === partnerId)?.name ?? partnerId
  // Actions whose status moved on between the two (absent from a diff made before statuses existed).
  const actionMoves = diff.decisions.statusChanged ?? []
  const methodLines = diff.method ? methodChangeLines(diff.method, language, partnerName, (groupId) => groupNames.get(groupId) ?? t('history.removedGroup')) : []

  return (
    <section className="card cmp" aria-labelledby={`${id}-heading`} data-testid="compare">
      <h3 id={`${id}-heading`}>{t('compare.heading', { from: fromLabel, to: toLabel })}</h3>
      <p className="cmp-legend muted">
        {t('compare.legend')} <ins>{t('compare.inserted')}</ins> <del>{t('compare.deleted')}</del>
      </p>
      {diff.unchanged ? <p className="cmp-empty" role="status">{t('compare.nothing')}</p> : (
        <>
          <section className="cmp-group" aria-labelledby={`${id}-charter`}>
            <h4 id={`${id}-charter`}>{t('charter.heading')}</h4>
            {changedSections.length === 0 ? <p className="muted">{t('compare.charterSame')}</p> : changedSections.map((section, i) => (
              <article key={`${section.title}-${i}`} className={`cmp-section cmp-section--${section.change}`}>
                <h5><Mark kind={section.change as 'added' | 'removed' | 'changed'} /> {section.title || t('compare.untitled')}{' '}
                  <span className="iter-badge">{t(`compare.section.${section.change as 'added' | 'removed' | 'changed'}`)}</span></h5>
                <DiffText parts={section.parts} />
              </article>
            ))}
            {same.length > 0 && changedSections.length > 0 && (
              <p className="muted">{t('compare.sameSections', { list: same.map((s) => s.title).filter(Boolean).join(', ') })}</p>
            )}
          </section>

          <Group title={t('compare.partners')} count={diff.partners.added.length + diff.partners.removed.length + diff.partners.renamed.length}>
            {diff.partners.added.map((p) => <li key={p.id}><Mark kind="added" /> {t('compare.added')}{colon}{tag(p.id)}</li>)}
            {diff.partners.removed.map((p) => <li key={p.id}><Mark kind="removed" /> {t('compare.removed')}{colon}{tag(p.id)}</li>)}
            {diff.partners.renamed.map((p) => <li key={p.id}><Mark kind="changed" /> {t('compare.renamed')}{colon}<del>{p.before}</del> → <ins>{p.after}</ins></li>)}
          </Group>

          <Group title={t('section.values')} count={v.added.length + v.removed.length + v.reworded.length + v.statusChanged.length + v.stanceChanged.length}>
            {v.added.map((x) => <li key={`a${x.id}`}><Mark kind="added" /> {t('compare.added')}{colon}<strong>{x.text}</strong> {tag(x.partnerId)}</li>)}
            {v.removed.map((x) => <li key={`r${x.id}`}><Mark kind="removed" /> {t('compare.removed')}{colon}<del>{x.text}</del></li>)}
            {v.reworded.map((x) => <li key={`w${x.id}`}><Mark kind="changed" /> {t('compare.reworded')}{colon}<del>{x.before}</del> → <ins>{x.after}</ins></li>)}
            {v.statusChanged.map((x) => <li key={`s${x.id}`}><Mark kind="changed" /> <strong>{x.text}</strong>: {terms.valueStatus[x.before]} → {terms.valueStatus[x.after]}</li>)}
            {v.stanceChanged.map((x) => (
              <li key={`p${x.id}-${x.partnerId}`}><Mark kind="changed" /> <strong>{x.text}</strong> — {tag(x.partnerId)}{' '}
                {x.before ? terms.stance[x.before] : t('compare.noStance')} → {x.after ? terms.stance[x.after] : t('compare.noStance')}
                {x.afterText && <span className="muted"> ({x.afterText})</span>}
              </li>
            ))}
          </Group>

          <Group title={t('section.interests')} count={n.added.length + n.removed.length + n.reworded.length + n.regrouped.length}>
            {n.added.map((c) => <li key={`a${c.id}`}><Mark kind="added" /> {t('compare.added')}{colon}{c.text} {tag(c.partnerId)}</li>)}
            {n.removed.map((c) => <li key={`r${c.id}`}><Mark kind="removed" /> {t('compare.removed')}{colon}<del>{c.text}</del> {tag(c.partnerId)}</li>)}
            {n.reworded.map((c) => <li key={`w${c.id}`}><Mark kind="changed" /> {t('compare.reworded')}{colon}<del>{c.before}</del> → <ins>{c.after}</ins></li>)}
            {n.regrouped.map((c) => <li key={`g${c.id}`}><Mark kind="changed" /> {t('compare.moved', { text: c.text, from: group(c.fromGroup), to: group(c.toGroup) })} {tag(c.partnerId)}</li>)}
          </Group>

          <Group title={t('compare.groups')} count={g.added.length + g.removed.length + g.renamed.length + g.kindChanged.length}>
            {g.added.map((x) => <li key={`a${x.id}`}><Mark kind="added" /> {t('compare.added')}{colon}<strong>{x.name}</strong> ({terms.groupKind[x.kind]})</li>)}
            {g.removed.map((x) => <li key={`r${x.id}`}><Mark kind="removed" /> {t('compare.removed')}{colon}<del>{x.name}</del></li>)}
            {g.renamed.map((x) => <li key={`n${x.id}`}><Mark kind="changed" /> {t('compare.renamed')}{colon}<del>{x.before}</del> → <ins>{x.after}</ins></li>)}
            {g.kindChanged.map((x) => <li key={`k${x.id}`}><Mark kind="changed" /> <strong>{x.name}</strong>: {terms.groupKind[x.before]} → {terms.groupKind[x.after]}</li>)}
          </Group>

          <Group title={METHOD_CHANGE_WORDS[language].heading} count={methodLines.length}>
            {methodLines.map((line, i) => <li key={i} data-method-change=""><Mark kind="changed" /> {line}</li>)}
          </Group>

          <Group title={t('decision.heading')} count={diff.decisions.added.length + actionMoves.length}>
            {diff.decisions.added.map((d) => (
              <li key={d.id}><Mark kind="added" /> {t(d.kind === 'action' ? 'decision.kind.action' : 'decision.kind.decision')}{colon}{d.text}{' '}
                <span className="muted">({d.sessionTitle})</span> {d.partnerIds.map((p) => <span key={p}>{tag(p)} </span>)}</li>
            ))}
            {actionMoves.map((a) => (
              <li key={`s${a.id}`} data-action-status={a.after}><Mark kind="changed" /> {a.text} <span className="muted">({a.sessionTitle})</span>{colon}
                {terms.actionStatus[a.before]} → <strong>{terms.actionStatus[a.after]}</strong>{a.by && <span className="muted"> — {a.by}</span>}</li>
            ))}
          </Group>
        </>
      )}
    </section>
  )
}
