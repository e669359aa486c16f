/**
 * The method's vocabulary in both languages, for what the server writes (iteration names, reports,
 * exports) and what the client shows: one place, so a report and the screen use the same words.
 */
import type { Language } from './language.ts'
import type { DeliberationStatus, PartnerKind, Phase, SessionKind, StanceKind, ValueStatus } from '../board/schema.ts'
import type { GroupKind } from '../board/interests.ts'

interface Terms {
  sessionKind: Record<SessionKind, string>
  phase: Record<Phase, string>
  valueStatus: Record<ValueStatus, string>
  stance: Record<StanceKind, string>
  groupKind: Record<GroupKind, string>
  deliberation: Record<DeliberationStatus, string>
  partnerKind: Record<PartnerKind, string>
  iteration: (number: number, kind: string, date: string) => string
  restorePoint: (label: string) => string
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
    stance: { agree: 'D’accord', reservation: 'D’accord avec réserve', object: 'Objection', undecided: 'Pas encore décidé' },
    groupKind: { convergent: 'Intérêt convergent', complementary: 'Complémentarité', specific: 'Logique propre', empty: 'Vide' },
    deliberation: {
      pending: 'En attente',
      approved: 'Approuvée',
      'approved-with-reservations': 'Approuvée avec réserves',
      'amendments-requested': 'Amendements demandés',
      rejected: 'Rejetée',
    },
    partnerKind: {
      association: 'Association', establishment: 'Établissement ou service', federation: 'Fédération',
      'public-body': 'Collectivité ou organisme public', funder: 'Financeur', other: 'Autre',
    },
    iteration: (number, kind, date) => `Itération ${number} — ${kind}, ${date}`,
    restorePoint: (label) => `Avant le retour à « ${label} »`,
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
    stance: { agree: 'Agree', reservation: 'Agree with a reservation', object: 'Object', undecided: 'Not yet decided' },
    groupKind: { convergent: 'Convergent interest', complementary: 'Complementarity', specific: 'Own logic', empty: 'Empty' },
    deliberation: {
      pending: 'Pending',
      approved: 'Approved',
      'approved-with-reservations': 'Approved with reservations',
      'amendments-requested': 'Amendments requested',
      rejected: 'Rejected',
    },
    partnerKind: {
      association: 'Association', establishment: 'Establishment or service', federation: 'Federation',
      'public-body': 'Public body', funder: 'Funder', other: 'Other',
    },
    iteration: (number, kind, date) => `Iteration ${number} — ${kind}, ${date}`,
    restorePoint: (label) => `Before restoring “${label}”`,
    facilitation: 'Facilitation',
  },
}

/** A YYYY-MM-DD date as people write it ("12 mars 2026", "12 March 2026"). */
export function formatDay(date: string, language: Language): string {
  const parsed = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed)
}
