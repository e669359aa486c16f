/**
 * The method's vocabulary in both languages, for what the server writes (iteration names, reports,
 * exports) and what the client shows: one place, so a report and the screen use the same words.
 * The UI's dictionaries (client/i18n/en.ts, fr.ts) take statuses, stances and kinds of groups from
 * here. French typography: a no-break space inside « » and before :, a narrow one before ; ? !.
 */
import type { Language } from './language.ts'
import type { DeliberationStatus, PartnerKind, Phase, SessionKind, StanceKind, ValueStatus } from '../board/schema.ts'
import type { GroupKind } from '../board/interests.ts'
import type { ActionStatus } from '../board/actions.ts'

interface Terms {
  sessionKind: Record<SessionKind, string>
  phase: Record<Phase, string>
  valueStatus: Record<ValueStatus, string>
  stance: Record<StanceKind, string>
  groupKind: Record<GroupKind, string>
  deliberation: Record<DeliberationStatus, string>
  /** Where an action stands (phase 5's follow-up, actions.ts). */
  actionStatus: Record<ActionStatus, string>
  partnerKind: Record<PartnerKind, string>
  iteration: (number: number, kind: string, date: string) => string
  restorePoint: (label: string) => string
  /** A partner's reservation on a value, as the charter states it under the value. */
  reservationBy: (partner: string, text: string) => string
  facilitation: string
}

export const BOARD_TERMS: Record<Language, Terms> = {
  fr: {
    sessionKind: { 'steering-committee': 'Comité de pilotage', 'project-group': 'Groupe projet', other: 'Autre réunion' },
    phase: {
      1: 'Phase 1 — Information et lancement',
      2: 'Phase 2 — Étude d’opportunité',
      3: 'Phase 3 — Étude de faisabilité',
      4: 'Phase 4 — Mise en œuvre',
      5: 'Phase 5 — Suivi',
    },
    valueStatus: { open: 'En discussion', adopted: 'Adoptée', contested: 'Contestée' },
    stance: { agree: 'D’accord', reservation: 'D’accord avec une réserve', object: 'S’oppose', undecided: 'Pas encore décidé' },
    groupKind: { convergent: 'Intérêt convergent', complementary: 'Complémentarité', specific: 'Logique propre', empty: 'Pas encore de carte' },
    deliberation: {
      pending: 'En attente',
      approved: 'Approuvée',
      'approved-with-reservations': 'Approuvée avec réserves',
      'amendments-requested': 'Amendements demandés',
      rejected: 'Rejetée',
    },
    actionStatus: { todo: 'À faire', 'in-progress': 'En cours', done: 'Faite', dropped: 'Abandonnée' },
    partnerKind: {
      association: 'Association', establishment: 'Établissement ou service', federation: 'Fédération ou réseau',
      'public-body': 'Collectivité ou organisme public', funder: 'Financeur', other: 'Autre',
    },
    iteration: (number, kind, date) => `Itération ${number} — ${kind}, ${date}`,
    restorePoint: (label) => `Avant le retour à «\u00a0${label}\u00a0»`,
    reservationBy: (partner, text) => `Réserve de ${partner}\u00a0: ${text}`,
    facilitation: 'Animation',
  },
  en: {
    sessionKind: { 'steering-committee': 'Steering committee', 'project-group': 'Project group', other: 'Other meeting' },
    phase: {
      1: 'Phase 1 — Information and launch',
      2: 'Phase 2 — Opportunity study',
      3: 'Phase 3 — Feasibility study',
      4: 'Phase 4 — Implementation',
      5: 'Phase 5 — Follow-up',
    },
    valueStatus: { open: 'Under discussion', adopted: 'Adopted', contested: 'Contested' },
    stance: { agree: 'Agrees', reservation: 'Agrees with a reservation', object: 'Objects', undecided: 'Not yet decided' },
    groupKind: { convergent: 'Convergent interest', complementary: 'Complementarity', specific: 'Own logic', empty: 'No card yet' },
    deliberation: {
      pending: 'Pending',
      approved: 'Approved',
      'approved-with-reservations': 'Approved with reservations',
      'amendments-requested': 'Amendments requested',
      rejected: 'Rejected',
    },
    actionStatus: { todo: 'To do', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' },
    partnerKind: {
      association: 'Association', establishment: 'Establishment or service', federation: 'Federation or network',
      'public-body': 'Public body', funder: 'Funder', other: 'Other',
    },
    iteration: (number, kind, date) => `Iteration ${number} — ${kind}, ${date}`,
    restorePoint: (label) => `Before restoring “${label}”`,
    reservationBy: (partner, text) => `Reservation of ${partner}: ${text}`,
    facilitation: 'Facilitation',
  },
}

/** A YYYY-MM-DD date as people write it ("12 mars 2026", "1er décembre 2026", "12 March 2026"). */
export function formatDay(date: string, language: Language): string {
  const parsed = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  return formatDate(new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), parsed, language)
}

/** Formats a date; in French the first of the month is written "1er" (Intl writes "1 décembre"). */
export function formatDate(format: Intl.DateTimeFormat, date: Date, language: Language): string {
  if (language !== 'fr') return format.format(date)
  return format.formatToParts(date).map((part) => (part.type === 'day' && Number(part.value) === 1 ? '1er' : part.value)).join('')
}
