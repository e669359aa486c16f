/**
 * Who is here, by organisation: each partner of the board with the people speaking for it right
 * now (partners with nobody are kept, shown as not represented), the facilitation, and the others
 * (no partner chosen yet, or one the board no longer has). A quorum at a glance: how many partners
 * are represented, counting only people who may act for them (facilitators and participants: an
 * observer from a partner is shown under it but does not make it represented).
 * One person with two tabs (the same person id on two connections) is listed once, in each section
 * they have open.
 */
import { can, type Role } from '../../shared/auth/roles.ts'
import { FACILITATION } from '../../shared/board/actor.ts'
import type { Peer } from '../live/presence.ts'

export interface PersonHere {
  /** Stable per person: its person id, or its connection when it has none. */
  key: string
  name: string
  organisation: string
  color: string
  role: Role
  isMe: boolean
  /** The sections they have open, in the order of the peers. */
  sections: string[]
}

export interface PartnerPresence {
  partnerId: string
  people: PersonHere[]
  /** Someone who may act for it is here. */
  represented: boolean
}

export interface PresenceByPartner {
  /** Every partner of the board, in the order given. */
  partners: PartnerPresence[]
  facilitation: PersonHere[]
  /** No partner chosen, or a partner that isn't on the board. */
  others: PersonHere[]
  represented: number
  total: number
}

const PERSON_ID = /^[A-Za-z0-9_-]{8,64}$/

/** Merges a person's connections (tabs, devices) into one entry per group. */
function people(peers: readonly Peer[]): PersonHere[] {
  const byKey = new Map<string, PersonHere>()
  for (const peer of peers) {
    const key = PERSON_ID.test(peer.personId) ? peer.personId : `client:${peer.clientId}`
    const known = byKey.get(key)
    if (known) {
      known.isMe ||= peer.isMe
      if (peer.section && !known.sections.includes(peer.section)) known.sections.push(peer.section)
      continue
    }
    byKey.set(key, {
      key, name: peer.name, organisation: peer.organisation, color: peer.color, role: peer.role, isMe: peer.isMe,
      sections: peer.section ? [peer.section] : [],
    })
  }
  return [...byKey.values()]
}

export function presenceByPartner(peers: readonly Peer[], partnerIds: readonly string[]): PresenceByPartner {
  const known = new Set(partnerIds)
  const partners = partnerIds.map((partnerId): PartnerPresence => {
    const here = people(peers.filter((peer) => peer.partnerId === partnerId))
    return { partnerId, people: here, represented: here.some((person) => can(person.role, 'board.edit')) }
  })
  return {
    partners,
    facilitation: people(peers.filter((peer) => peer.partnerId === FACILITATION)),
    others: people(peers.filter((peer) => peer.partnerId !== FACILITATION && !known.has(peer.partnerId))),
    represented: partners.filter((partner) => partner.represented).length,
    total: partners.length,
  }
}

/** The people in each section, me (all my tabs) left out: I know where I am. By section id. */
export function othersBySection(peers: readonly Peer[]): Map<string, PersonHere[]> {
  const bySection = new Map<string, PersonHere[]>()
  for (const person of people(peers).filter((p) => !p.isMe)) {
    for (const section of person.sections) {
      const list = bySection.get(section)
      if (list) list.push(person)
      else bySection.set(section, [person])
    }
  }
  return bySection
}
