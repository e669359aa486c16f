/**
 * The method guide's vocabulary (shared/board/method.ts) in both languages: phase steps, diagnosis
 * fields, impact areas and levels, forms of cooperation. The screen and the exports read it here.
 * French typography as in board-terms.ts.
 */
import type { CooperationForm, DiagnosisField, ImpactArea, ImpactLevel } from '../board/method.ts'
import type { Language } from './language.ts'

interface MethodTerms {
  /** What each phase is for, one sentence (DOMAIN.md). */
  phaseAim: Record<1 | 2 | 3 | 4 | 5, string>
  step: Record<string, string>
  diagnosis: Record<DiagnosisField, string>
  area: Record<ImpactArea, string>
  level: Record<ImpactLevel, string>
  form: Record<CooperationForm, string>
}

export const METHOD_TERMS: Record<Language, MethodTerms> = {
  fr: {
    phaseAim: {
      1: 'Rencontrer les acteurs et présenter la démarche.',
      2: 'Un diagnostic stratégique dans chaque organisation, et la définition du champ de la coopération.',
      3: 'Mesurer l’impact sur les principaux domaines des organisations.',
      4: 'Chaque association délibère, de façon éclairée, sur la suite à donner, puis les actes et formalités sont accomplis.',
      5: 'Suivre la coopération dans une logique d’amélioration continue de la qualité.',
    },
    step: {
      'meet-actors': 'Rencontrer les acteurs de chaque partenaire',
      'present-approach': 'Présenter la démarche et son calendrier',
      'mandate-bodies': 'Constituer le comité de pilotage et mandater le groupe projet (tous les niveaux)',
      calendar: 'Fixer un calendrier réaliste',
      diagnosis: 'Diagnostic stratégique de chaque partenaire',
      'interests-map': 'Carte des intérêts (convergents, complémentaires, propres)',
      field: 'Définir le champ de la coopération',
      form: 'Choisir la forme de la coopération',
      'impact-grid': 'Grille d’impact de chaque partenaire',
      'impact-summary': 'Synthèse des impacts et des risques',
      'inform-staff': 'Informer les salariés et leurs représentants',
      'charter-draft': 'Projet de charte soumis aux instances',
      'informed-deliberation': 'Délibération éclairée de chaque partenaire',
      'charter-signed': 'Signature de la charte',
      'acts-formalities': 'Actes et formalités accomplis',
      'follow-actions': 'Suivre les actions d’une séance à l’autre',
      'charter-review': 'Revue périodique de la charte',
      indicators: 'Indicateurs choisis par les partenaires',
    },
    diagnosis: { project: 'Son projet', strengths: 'Ses atouts', constraints: 'Ses contraintes', expectations: 'Ses attentes' },
    area: {
      'associative-life': 'Vie associative',
      governance: 'Gouvernance',
      'human-resources': 'Ressources humaines',
      finances: 'Finances',
      'quality-of-service': 'Qualité du service rendu',
    },
    level: { 0: 'Aucun', 1: 'Faible', 2: 'Modéré', 3: 'Fort' },
    form: {
      '': 'Pas encore choisie',
      'informal-collective': 'Collectif informel',
      'partnership-charter': 'Partenariat avec charte',
      agreement: 'Convention',
      'joint-action': 'Action commune',
      pooling: 'Mutualisation',
      'new-association': 'Nouvelle association',
      'employers-group': 'Groupement d’employeurs',
      gcsms: 'GCSMS (groupement de coopération sociale et médico-sociale)',
      merger: 'Fusion',
      other: 'Autre',
    },
  },
  en: {
    phaseAim: {
      1: 'Meet the actors and present the approach.',
      2: 'A strategic diagnosis inside each organisation, and the field of cooperation defined.',
      3: 'Measure the impact on the organisations’ main areas.',
      4: 'Each association deliberates, in an informed way, on what to do next; then the acts and formalities are carried out.',
      5: 'Follow the cooperation in a logic of continuous quality improvement.',
    },
    step: {
      'meet-actors': 'Meet each partner’s actors',
      'present-approach': 'Present the approach and its calendar',
      'mandate-bodies': 'Form the steering committee and mandate the project group (every level)',
      calendar: 'Set a realistic calendar',
      diagnosis: 'Strategic diagnosis of each partner',
      'interests-map': 'Interests map (convergent, complementary, own logic)',
      field: 'Define the field of cooperation',
      form: 'Choose the form of cooperation',
      'impact-grid': 'Each partner’s impact grid',
      'impact-summary': 'Summary of impacts and risks',
      'inform-staff': 'Inform employees and their representatives',
      'charter-draft': 'Draft charter put to the boards',
      'informed-deliberation': 'Informed deliberation of each partner',
      'charter-signed': 'Charter signed',
      'acts-formalities': 'Acts and formalities carried out',
      'follow-actions': 'Follow actions from session to session',
      'charter-review': 'Periodic review of the charter',
      indicators: 'Indicators chosen by the partners',
    },
    diagnosis: { project: 'Its project', strengths: 'Its strengths', constraints: 'Its constraints', expectations: 'Its expectations' },
    area: {
      'associative-life': 'Associative life',
      governance: 'Governance',
      'human-resources': 'Human resources',
      finances: 'Finances',
      'quality-of-service': 'Quality of service',
    },
    level: { 0: 'None', 1: 'Low', 2: 'Moderate', 3: 'Strong' },
    form: {
      '': 'Not chosen yet',
      'informal-collective': 'Informal collective',
      'partnership-charter': 'Partnership with a charter',
      agreement: 'Agreement (convention)',
      'joint-action': 'Joint action',
      pooling: 'Pooling (mutualisation)',
      'new-association': 'New association',
      'employers-group': 'Employers’ group',
      gcsms: 'GCSMS (social and medico-social cooperation group)',
      merger: 'Merger',
      other: 'Other',
    },
  },
}
