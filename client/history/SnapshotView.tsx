/**
 * One iteration (or snapshot), read-only, with the same content as the live board: the session it
 * closes, the charter (the shared Tiptap schema, not editable), values with every partner's stance,
 * the interests map as its matrix (groups × partners), and the partners. Built from the snapshot's
 * BoardJson: nothing here can write to the live board.
 */
import { EditorContent, useEditor } from '@tiptap/react'
import { useId } from 'react'
import type { BoardJson } from '../../shared/board/board-json.ts'
import type { SessionView } from '../../shared/board/sessions.ts'
import type { PartnerFields } from '../../shared/board/schema.ts'
import { charterExtensions } from '../../shared/editor/extensions.ts'
import { BOARD_TERMS, formatDay } from '../../shared/i18n/board-terms.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PartnerTag } from '../partners/PartnerTag.tsx'
import { DecisionItem } from '../sessions/Decisions.tsx'

function ReadOnlyCharter({ charter, label }: { charter: BoardJson['charter']; label: string }) {
  const { t } = useI18n()
  const editor = useEditor({
    extensions: charterExtensions(),
    content: charter,
    editable: false,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        class: 'charter__content hist-charter',
        'aria-label': t('history.charterOf', { label }),
        'aria-readonly': 'true',
        role: 'textbox',
        'aria-multiline': 'true',
      },
    },
  }, [charter])
  return <div className="charter__page"><EditorContent editor={editor} /></div>
}

/** The record of one session: kind, phase, date, attendance by partner, agenda, decisions. */
export function SessionRecord({ session, partners }: { session: SessionView; partners: readonly PartnerFields[] }) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const present = session.attendance.filter((a) => a.present)
  const byPartner = [...new Set(present.map((a) => a.partnerId))]
  return (
    <div className="hist-session">
      <dl className="iter-facts">
        <div><dt>{t('session.kind')}</dt><dd>{terms.sessionKind[session.kind]}</dd></div>
        <div><dt>{t('session.date')}</dt><dd>{formatDay(session.date, language)}</dd></div>
        <div><dt>{t('session.phase')}</dt><dd>{terms.phase[session.phase]}</dd></div>
      </dl>
      <h4>{t('session.attendance')}</h4>
      {present.length === 0 ? <p className="muted">{t('history.nobody')}</p> : (
        <ul className="hist-attendance">
          {byPartner.map((partnerId) => (
            <li key={partnerId || 'none'}>
              {partnerId ? <PartnerTag partners={partners} partnerId={partnerId} /> : <span className="muted">{t('session.noPartner')}</span>}
              {' '}{present.filter((a) => a.partnerId === partnerId).map((a) => a.name).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('session.agenda')}</h4>
      {session.agenda.length === 0 ? <p className="muted">{t('session.agendaEmpty')}</p> : (
        <ol>{session.agenda.map((item, i) => <li key={i}>{item}</li>)}</ol>
      )}
      <h4>{t('decision.heading')}</h4>
      {session.decisions.length === 0 ? <p className="muted">{t('decision.empty')}</p> : (
        <ul className="sess-decisions__list">{session.decisions.map((d) => <DecisionItem key={d.id} decision={d} partners={partners} />)}</ul>
      )}
    </div>
  )
}

export function SnapshotView({ board, label, sessionId }: { board: BoardJson; label: string; sessionId: string | null }) {
  const { t, language } = useI18n()
  const terms = BOARD_TERMS[language]
  const id = useId()
  const partners = board.partners
  const session = sessionId ? board.sessions.find((s) => s.id === sessionId) ?? null : null
  const groupName = (groupId: string) => board.groups.find((g) => g.id === groupId)?.name ?? ''
  const groupIds = new Set(board.groups.map((g) => g.id))
  const rows = [...board.groups.map((g) => ({ id: g.id, name: g.name, kind: terms.groupKind[g.kind] })), { id: '', name: t('history.ungrouped'), kind: '' }]

  return (
    <div className="hist-view">
      {session && (
        <section className="card" aria-labelledby={`${id}-session`}>
          <h3 id={`${id}-session`}>{t('history.sessionOf', { title: session.title })}</h3>
          <SessionRecord session={session} partners={partners} />
        </section>
      )}
      <section className="card" aria-labelledby={`${id}-charter`}>
        <h3 id={`${id}-charter`}>{t('charter.heading')}</h3>
        <ReadOnlyCharter charter={board.charter} label={label} />
      </section>
      <section className="card" aria-labelledby={`${id}-values`}>
        <h3 id={`${id}-values`}>{t('section.values')}</h3>
        {board.values.length === 0 ? <p className="muted">{t('history.noValues')}</p> : (
          <ul className="hist-values">
            {board.values.map((value) => (
              <li key={value.id} className="hist-value" data-status={value.status}>
                <p className="hist-value__text"><strong>{value.text}</strong>{' '}
                  <span className={`iter-badge hist-status--${value.status}`}>{terms.valueStatus[value.status]}</span></p>
                {value.explanation && <p className="muted">{value.explanation}</p>}
                <ul className="hist-stances">
                  {partners.map((p) => {
                    const stance = value.stances[p.id]
                    return (
                      <li key={p.id}>
                        <PartnerTag partners={partners} partnerId={p.id} short />{' '}
                        {terms.stance[stance?.kind ?? 'undecided']}
                        {stance?.text && <span className="muted"> — {stance.text}</span>}
                      </li>
                    )
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby={`${id}-interests`}>
        <h3 id={`${id}-interests`}>{t('section.interests')}</h3>
        {board.interests.length === 0 ? <p className="muted">{t('history.noInterests')}</p> : (
          <div className="hist-matrix-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-interests`}>
            <table className="hist-matrix">
              <thead>
                <tr>
                  <th scope="col">{t('history.group')}</th>
                  {partners.map((p) => <th key={p.id} scope="col"><PartnerTag partners={partners} partnerId={p.id} short /></th>)}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const cards = board.interests.filter((c) => (row.id ? c.groupId === row.id : !groupIds.has(c.groupId)))
                  if (!row.id && cards.length === 0) return null
                  return (
                    <tr key={row.id || 'none'}>
                      <th scope="row">{row.name || groupName(row.id)}{row.kind && <><br /><span className="muted">{row.kind}</span></>}</th>
                      {partners.map((p) => (
                        <td key={p.id}>
                          <ul>{cards.filter((c) => c.partnerId === p.id).map((c) => <li key={c.id}>{c.text}</li>)}</ul>
                        </td>
                      ))}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby={`${id}-partners`}>
        <h3 id={`${id}-partners`}>{t('section.partners')}</h3>
        {partners.length === 0 ? <p className="muted">{t('history.noPartners')}</p> : (
          <ul className="hist-partners">
            {partners.map((p) => <li key={p.id}><PartnerTag partners={partners} partnerId={p.id} /> <span className="muted">{terms.partnerKind[p.kind]}</span></li>)}
          </ul>
        )}
      </section>
    </div>
  )
}
