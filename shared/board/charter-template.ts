/**
 * The charter a new board starts from, drawn from the method (../DOMAIN.md): the sections of the
 * partnership charter in the Uniopss example, each with a short prompt for the partners. The server
 * writes it once, when the board is created.
 *
 * A prompt is guidance for the partners, not charter text: exports leave out any paragraph that is
 * still, word for word, a prompt of some template version (isTemplatePrompt), and the shared-values
 * section holds no value until the partners adopt one (version 1 listed two as already "validated":
 * inserting the adopted values then wrote them twice).
 */
import type { JSONContent } from '@tiptap/core'
import type { Language } from '../i18n/language.ts'

export const CHARTER_TEMPLATE_VERSION = 2

interface Section { title: string; prompt: string; items?: string[] }

const SECTIONS: Record<Language, { heading: (title: string) => string; sections: Section[] }> = {
  fr: {
    heading: (title) => `Charte de partenariat — ${title}`,
    sections: [
      { title: 'Préambule', prompt: 'Pourquoi nos associations choisissent de coopérer\u00a0: le contexte, les besoins du territoire, ce que nous voulons mieux faire ensemble.' },
      { title: 'Les partenaires', prompt: 'Chaque partenaire se présente\u00a0: son projet associatif, ses établissements et services, ce qu’il apporte. Chacun garde son identité.' },
      { title: 'Nos valeurs partagées', prompt: 'Les valeurs que tous les partenaires ont adoptées, insérées depuis la section Valeurs avec leurs réserves. Par exemple\u00a0: placer l’usager au cœur du dispositif, être capables de nous remettre en question.' },
      { title: 'Nos principes', prompt: 'Les principes qui guident notre coopération.', items: ['Transparence et confiance.', 'Reconnaissance de l’autre et de ses spécificités.', 'Partage des compétences plutôt que rapports de force.', 'Partenariat non exclusif.', 'Efficience.'] },
      { title: 'Nos finalités', prompt: 'Ce que nous faisons ensemble\u00a0: veille et réflexion communes, services gérés en commun, fonctions support mutualisées, moyens partagés.' },
      { title: 'Notre gouvernance', prompt: 'Comment nous décidons ensemble.', items: ['Comité de pilotage\u00a0: administrateurs et dirigeants de chaque partenaire\u202f; il fixe et suit le programme de travail, évalue et fait évoluer la charte, décide de la communication.', 'Groupe projet\u00a0: les personnes mandatées pour conduire les travaux, de tous les niveaux de nos organisations.'] },
      { title: 'Nos activités communes', prompt: 'Par exemple\u00a0: veille juridique, formations communes, rencontres entre administrateurs.' },
      { title: 'Évaluation et évolution de la charte', prompt: 'Quand et comment nous évaluons notre coopération et faisons évoluer cette charte\u202f; comment chaque conseil d’administration en délibère.' },
    ],
  },
  en: {
    heading: (title) => `Partnership charter — ${title}`,
    sections: [
      { title: 'Preamble', prompt: 'Why our associations choose to cooperate: the context, the needs of the territory, what we want to do better together.' },
      { title: 'The partners', prompt: 'Each partner introduces itself: its associative project, its establishments and services, what it brings. Each keeps its own identity.' },
      { title: 'Our shared values', prompt: 'The values every partner has adopted, inserted from the Values section with their reservations. For example: put the service user at the heart of the system, be able to question ourselves.' },
      { title: 'Our principles', prompt: 'The principles that guide our cooperation.', items: ['Transparency and trust.', 'Recognition of the other and of its specificities.', 'Sharing skills rather than power struggles.', 'A non-exclusive partnership.', 'Efficiency.'] },
      { title: 'Our purposes', prompt: 'What we do together: joint watch and reflection, jointly run services, pooled support functions, shared means.' },
      { title: 'Our governance', prompt: 'How we decide together.', items: ['Steering committee: board members and managers of every partner; it sets and follows the work programme, evaluates and evolves the charter, decides communication.', 'Project group: the people mandated to do the work, from every level of our organisations.'] },
      { title: 'Our joint activities', prompt: 'For example: legal watch, joint training, meetings between board members.' },
      { title: 'Evaluation and evolution of the charter', prompt: 'When and how we evaluate our cooperation and evolve this charter; how each board of directors deliberates on it.' },
    ],
  },
}

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })

export function charterTemplate(language: Language, boardTitle: string): JSONContent {
  const { heading, sections } = SECTIONS[language]
  const content: JSONContent[] = [{ type: 'heading', attrs: { level: 1 }, content: [text(heading(boardTitle))] }]
  for (const section of sections) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(section.title)] })
    content.push(paragraph(section.prompt))
    if (section.items) {
      content.push({
        type: 'bulletList',
        content: section.items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
      })
    }
  }
  return { type: 'doc', content }
}

/** Prompts of earlier template versions, still in the charters of boards created then. */
const EARLIER_PROMPTS = ['Les valeurs que chaque partenaire a validées.', 'The values every partner has endorsed.']

const normalizeSpaces = (value: string) => value.replace(/[\s\u00a0\u202f]+/g, ' ').trim()
const PROMPTS = new Set([
  ...Object.values(SECTIONS).flatMap(({ sections }) => sections.map((section) => section.prompt)),
  ...EARLIER_PROMPTS,
].map(normalizeSpaces))

/** Whether a paragraph's text is a template prompt, as the template wrote it (guidance, never exported). */
export const isTemplatePrompt = (text: string): boolean => PROMPTS.has(normalizeSpaces(text))

/** The section titles, in order, for a language (tests and the values section lookup use them). */
export const charterSectionTitles = (language: Language): string[] => SECTIONS[language].sections.map((s) => s.title)
