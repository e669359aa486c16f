/**
 * The write guard under fuzz over real sockets: raw `ws` sockets holding every kind of link (the
 * facilitator's, a generic and a partner-bound participant's, an observer's, the room display's)
 * send seeded hostile updates (byte mutations of what the board really relayed, dangling deletes,
 * clock gaps, deep nests, wrong kinds, unknown names and charter nodes, huge strings, mass
 * deletes, edits signed as someone else) while an honest stock client keeps writing marks and
 * counts those the server acknowledged (SavedThrough). The server is restarted (SIGTERM) and
 * killed (-9) along the way. What must hold:
 *   - the server process never dies on what a socket sends; sockets are only closed with the
 *     codes for bad input (never 1011);
 *   - every acknowledged mark, and every mark another client saw before a kill, is in the board
 *     after the restarts;
 *   - the board stays loadable and editable: a new client syncs, writes and is relayed, the
 *     charter is a document the editor's schema accepts, exports, snapshots and compare answer 2xx.
 *
 * SOCKET_FUZZ_SEED replays a run, SOCKET_FUZZ_CASES sets how many cases (3,000 unless told).
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { afterAll, describe, expect, it } from 'vitest'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { FACILITATION } from '../../shared/board/actor.ts'
import { addPartner } from '../../shared/board/partners.ts'
import { proposeValue } from '../../shared/board/values.ts'
import { addCard, createGroup } from '../../shared/board/interests.ts'
import { startDotVote, startPrivateWriting } from '../../shared/board/rounds.ts'
import { startSession } from '../../shared/board/sessions.ts'
import { charterOf, groupsOf } from '../../shared/board/schema.ts'
import { seeded } from '../../shared/board/test-support.ts'
import { charterSchema } from '../../shared/editor/extensions.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { personKeyOf, testActor } from '../helpers/actors.ts'
import { createBoard, createPartnerLink } from '../helpers/api.ts'
import { openRawSocket, updateFrame, type RawSocket } from '../helpers/raw-socket.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, waitSynced, type SyncClient } from '../helpers/sync-client.ts'
import { hasMark, marksOf } from '../helpers/probes.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { ackedMarks, type AckedMarks } from './acked-marks.ts'
import {
  chance, danglingDeletes, deepNest, freshClientId, honestEdit, hostileDelete, hugeString, int, mutateBytes, pick,
  recorded, scratchOf, unknownCharter, unknownTopLevel, wrongKind, type FuzzBoard, type Random,
} from './hostile-updates.ts'

const SEED = Number(process.env.SOCKET_FUZZ_SEED ?? 0x50c4e7)
const CASES = Number(process.env.SOCKET_FUZZ_CASES ?? 3_000)
/** The honest client writes a mark every this many cases, and waits for its acknowledgement. */
const MARK_EVERY = 20
/** Close codes a hostile socket may get: its input was bad, too big, or it fell out of sync; or the server restarted. */
const EXPECTED_CLOSES = new Set([
  CloseCode.ProtocolError.code, CloseCode.UnsupportedData.code, CloseCode.TooManyMessages.code, CloseCode.MessageTooBig.code,
  CloseCode.OutOfSync.code, CloseCode.GoingAway.code, 1005, 1006,
])

interface Attacker {
  label: string
  token: string
  personKey?: string
  raw: RawSocket | null
}

describe('write guard fuzz over real sockets', () => {
  const env = { CONNECT_ATTEMPTS_PER_ADDRESS: '0', COMPACT_AFTER_UPDATES: '40' }
  let server: TestServer
  const clients: SyncClient[] = []
  const attackers: Attacker[] = []
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const attacker of attackers) attacker.raw?.socket.terminate()
    await server?.kill()
  })
  const connect = (boardId: string, token: string, personKey?: string): SyncClient => {
    const client = connectClient(server.wsUrl, boardId, token, new Y.Doc(), personKey ? { personKey } : {})
    clients.push(client)
    return client
  }

  it(`survives ${CASES} hostile updates from sockets of every role, with restarts (seed ${SEED})`, { timeout: 900_000 }, async () => {
    const started = performance.now()
    const random: Random = seeded(SEED)
    server = await startServer({ env })
    const board = await createBoard(server.url, 'Fuzz par sockets')

    // A board in use: partners, values, cards, a group, an open dot vote and private writing, a session.
    const fannyKey = personKeyOf('fanny')
    const fanny = testActor('Fanny', FACILITATION, 'facilitator', fannyKey)
    const facilitator = connect(board.id, board.invites.facilitator, fannyKey)
    await waitSynced(facilitator)
    const doc = facilitator.doc
    const a = addPartner(doc, fanny, { name: 'Les Amis du Val', shortName: 'AV', kind: 'association' })
    const b = addPartner(doc, fanny, { name: 'Centre social Brel', shortName: 'CSB', kind: 'establishment' })
    proposeValue(doc, fanny, { text: 'Solidarité' })
    proposeValue(doc, fanny, { text: 'Transparence' })
    const card = addCard(doc, fanny, { text: 'Mutualiser un local', kind: 'interest' })
    createGroup(doc, fanny, { name: 'Locaux', cardIds: [card] })
    const vote = startDotVote(doc, fanny, { title: 'Priorités', votesPerVoter: 3, scope: 'person', target: 'groups' })
    const writing = startPrivateWriting(doc, fanny, { title: 'Idées' })
    const sessionId = startSession(doc, fanny, { kind: 'steering-committee', title: 'Comité', date: '2026-03-12', phase: 2, agenda: ['Accueil'] })
    const boundToA = await createPartnerLink(server.url, board.id, board.invites.facilitator, a)

    // The mirror sees what the board relays: the state hostile writers start from, and the corpus to mutate.
    const mirror = connect(board.id, board.invites.observer, personKeyOf('mirror'))
    await waitSynced(mirror)
    await waitFor(() => expect(mirror.doc.share.size).toBeGreaterThan(0))
    await waitFor(() => expect(Y.encodeStateVector(mirror.doc)).toEqual(Y.encodeStateVector(doc)))
    const corpus: Uint8Array[] = [Y.encodeStateAsUpdate(mirror.doc)]
    mirror.doc.on('update', (update: Uint8Array) => {
      corpus.push(update)
      if (corpus.length > 300) corpus.splice(1, 1)
    })
    // Attackers holding an editor's link may legitimately remove or rename any group, honest marks
    // included (RULES: group.edit). The mirror sees every change the server accepted: a mark it saw
    // removed or renamed was not lost, it was edited by someone allowed to.
    const editedAway = new Set<string>()
    let namesByKey = new Map<string, string>()
    mirror.doc.on('afterTransaction', () => {
      const now = new Map([...groupsOf(mirror.doc)].map(([key, group]) => [key, String(group.get('name'))]))
      for (const [key, name] of namesByKey) if (now.get(key) !== name && name.startsWith('honest-')) editedAway.add(name)
      namesByKey = now
    })
    const fuzzBoard = (): FuzzBoard => ({ doc: mirror.doc, partnerIds: [a, b], roundIds: [vote, writing], sessionId })

    const honest = connect(board.id, board.invites.participant)
    await waitSynced(honest)
    const marks: AckedMarks = ackedMarks(honest)

    attackers.push(
      { label: 'facilitator', token: board.invites.facilitator, personKey: personKeyOf('mallory'), raw: null },
      { label: 'participant', token: board.invites.participant, personKey: personKeyOf('mallory'), raw: null },
      { label: 'bound to A', token: boundToA, personKey: personKeyOf('mallet'), raw: null },
      { label: 'participant without person', token: board.invites.participant, raw: null },
      { label: 'observer', token: board.invites.observer, personKey: personKeyOf('oscar'), raw: null },
      { label: 'display', token: board.invites.display, raw: null },
    )
    const closes = new Map<number, number>()
    const unexpectedCloses: string[] = []
    const socketOf = async (attacker: Attacker): Promise<WebSocket | null> => {
      if (attacker.raw?.socket.readyState === WebSocket.OPEN) return attacker.raw.socket
      try {
        const raw = await openRawSocket(server.wsUrl, board.id, attacker.token, attacker.personKey)
        attacker.raw = raw
        void raw.closed.then(({ code, reason }) => {
          closes.set(code, (closes.get(code) ?? 0) + 1)
          if (!EXPECTED_CLOSES.has(code)) unexpectedCloses.push(`${attacker.label}: ${code} ${reason}`)
        })
        await waitFor(() => expect(raw.received.length).toBeGreaterThan(0)) // joined the room
        return raw.socket
      } catch {
        return null // the server is restarting: this case is lost, not the test
      }
    }

    const kinds = new Map<string, number>()
    const makeUpdate = (): { kind: string; update: Uint8Array } => {
      const roll = random()
      if (roll < 0.35) return { kind: 'mutated', update: mutateBytes(random, pick(random, corpus), corpus) }
      if (roll < 0.42) return { kind: 'dangling-deletes', update: danglingDeletes(random, mirror.doc) }
      const sv = Y.encodeStateVector(mirror.doc)
      const scratch = scratchOf(mirror.doc, random)
      try {
        if (roll < 0.48) {
          // A client's second change without its first.
          const updates = recorded(scratch, () => {
            createGroup(scratch, fanny, { name: 'gap-a' })
            deepNest(scratch, random, int(random, 1, 30), 'charter')
          })
          return { kind: 'gap', update: updates.at(-1)! }
        }
        let kind: string
        const hostile = random()
        try {
          if (hostile < 0.15) {
            const where = pick(random, ['charter', 'charter', 'map', 'array', 'xml-in-map'] as const)
            const depth = chance(random, 0.02) ? 3000 : int(random, 1, 120)
            deepNest(scratch, random, depth, where, chance(random, 0.3) ? [scratch.clientID, freshClientId(random, scratch)] : [])
            kind = `nest-${where}`
          } else if (hostile < 0.4) {
            wrongKind(scratch, random, fuzzBoard())
            kind = 'wrong-kind'
          } else if (hostile < 0.5) {
            unknownTopLevel(scratch, random)
            kind = 'unknown-top-level'
          } else if (hostile < 0.7) {
            unknownCharter(scratch, random)
            kind = 'unknown-charter'
          } else if (hostile < 0.71) {
            hugeString(scratch, random, fuzzBoard())
            kind = 'huge-string'
          } else if (hostile < 0.85) {
            hostileDelete(scratch, random)
            kind = 'delete'
          } else {
            // Board operations signed as someone the socket is not (the guard reads the socket, not the claim).
            const claimed = { personId: 'person-eve', name: 'Eve', partnerId: pick(random, [a, b]), role: 'facilitator' as const, partnerBound: true }
            honestEdit(random, scratch, fuzzBoard(), claimed, `x${int(random, 0, 1e6)}`)
            kind = 'impersonation'
          }
        } catch {
          kind = 'partial' // a write the scratch copy itself refused midway: what it wrote is still sent
        }
        return { kind, update: Y.encodeStateAsUpdate(scratch, sv) }
      } finally {
        scratch.destroy()
      }
    }

    /** Marks the mirror (another participant) saw: these must survive a kill -9 too. */
    const seen = new Set<string>()
    const restart = async (how: 'stop' | 'kill') => {
      expect(server.process.exitCode, 'the server died on its own').toBeNull()
      for (const mark of marksOf(mirror.doc)) seen.add(mark)
      const port = String(server.port)
      const dataDir = server.dataDir
      if (how === 'kill') await server.kill()
      else await server.stop()
      server = await startServer({ env: { ...env, PORT: port }, dataDir })
    }

    let markCount = 0
    for (let i = 0; i < CASES; i++) {
      const attacker = pick(random, attackers)
      const { kind, update } = makeUpdate()
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
      const socket = await socketOf(attacker)
      socket?.send(updateFrame(update))

      if (i % MARK_EVERY === MARK_EVERY - 1) {
        const mark = `honest-${markCount++}`
        marks.write(mark)
        // Paced by the honest client: the server has had time for what came before.
        await waitFor(() => expect(hasMark(mirror.doc, mark)).toBe(true), { timeout: 30_000 })
      }
      if (i === Math.floor(CASES / 3)) await restart('stop')
      if (i === Math.floor((2 * CASES) / 3)) await restart('kill')
    }
    await waitFor(() => expect(marks.acked.size).toBeGreaterThanOrEqual(markCount - 4), { timeout: 30_000 })
    await restart('kill')

    // After the last kill -9: everything acknowledged or seen is there, and the board works.
    const fresh = connect(board.id, board.invites.observer)
    await waitSynced(fresh, 30_000)
    const lost = (mark: string) => !hasMark(fresh.doc, mark) && !editedAway.has(mark)
    const lostAcked = [...marks.acked].filter(lost)
    const lostSeen = [...seen].filter(lost)
    expect(lostAcked, 'acknowledged, then lost').toEqual([])
    expect(lostSeen, 'seen by another client, then lost').toEqual([])
    const json = yXmlFragmentToProsemirrorJSON(charterOf(fresh.doc))
    charterSchema().nodeFromJSON(json) // known nodes and marks only

    const writer = connect(board.id, board.invites.participant) // the person marks are signed by (tests/helpers/probes.ts)
    await waitSynced(writer)
    const late = ackedMarks(writer)
    late.write('after-the-fuzz')
    await waitFor(() => expect(late.acked.has('after-the-fuzz')).toBe(true), { timeout: 20_000 })
    await waitFor(() => expect(hasMark(fresh.doc, 'after-the-fuzz')).toBe(true))

    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/boards/${board.id}${path}`, {
      ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${board.invites.facilitator}` },
    })
    const snapshot = await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: 'Après le fuzz' }) })
    expect(snapshot.status).toBe(201)
    const snapshotId = ((await snapshot.json()) as { id: string }).id
    for (const path of ['', `/snapshots/${snapshotId}/state`, `/snapshots/${snapshotId}/report?format=md`, '/charter?format=md', '/charter?format=docx', `/compare?from=${snapshotId}&to=live`]) {
      const response = await api(path)
      expect(response.status, `${path}: ${response.status >= 300 ? await response.text() : ''}`).toBeLessThan(300)
      await response.arrayBuffer()
    }
    expect(unexpectedCloses).toEqual([])
    expect(server.logs.join('\n')).not.toMatch(/uncaught|left changes waiting/i)

    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const byKind = [...kinds].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k}:${n}`).join(' ')
    const byCode = [...closes].sort((x, y) => y[1] - x[1]).map(([code, n]) => `${code}×${n}`).join(' ')
    console.log(
      `socket fuzz: ${CASES} cases in ${seconds} s (seed ${SEED}), 2 restarts + a final kill -9; ` +
      `${marks.acked.size}/${markCount} honest marks acknowledged, ${seen.size} seen, ${editedAway.size} removed or renamed by an attacker allowed to, 0 lost; closes ${byCode}\n  ${byKind}`,
    )
  })
})
