/**
 * The BoardStore contract, one suite run against every implementation (sqlite-store.test.ts,
 * postgres-store.test.ts): what the rest of the server may rely on, whatever the database.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardRecord, BoardStore, DraftRecord, InviteRecord, SnapshotRecord } from './board-store.ts'

export interface StoreFixture {
  /** Opens a new store instance on the suite's database (several may be open at once). */
  open(): Promise<BoardStore>
  /** What a child process needs to open the same database through openStore (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>
  /** Whether withBoardLock holds across instances (PostgreSQL's advisory lock) or only within one (SQLite: one process). */
  locksAcrossInstances?: boolean
  /** Removes the database, after every instance is closed. */
  dispose?(): Promise<void>
}

const ROOT = new URL('../..', import.meta.url).pathname
const encoder = new TextEncoder()
const decoder = new TextDecoder()
const bytes = (text: string) => encoder.encode(text)
const text = (data: Uint8Array) => decoder.decode(data)

let counter = 0
const newBoard = (fields: Partial<BoardRecord> = {}): BoardRecord => ({
  id: `b${++counter}${randomBytes(4).toString('hex')}`, title: 'Coopération Val-de-Loire', language: 'fr', createdAt: '2026-03-12T09:00:00.000Z', ...fields,
})
const newInvite = (fields: Partial<InviteRecord> = {}): InviteRecord => ({
  id: `i${++counter}${randomBytes(4).toString('hex')}`, role: 'participant', partnerId: null, label: '', tokenHash: randomBytes(32).toString('hex'),
  codeHash: randomBytes(32).toString('hex'), createdAt: '2026-03-12T09:00:00.000Z', revokedAt: null, ...fields,
})
const newSnapshot = (boardId: string, fields: Partial<SnapshotRecord> = {}): SnapshotRecord => ({
  id: `s${++counter}`, boardId, label: 'Avant la pause', kind: 'named', number: null, sessionId: null, createdAt: '2026-03-12T10:00:00.000Z', ...fields,
})
const newDraft = (boardId: string, roundId: string, fields: Partial<DraftRecord> = {}): DraftRecord => ({
  boardId, roundId, id: `d${++counter}`, personId: 'person1', partnerId: 'partnerA', authorName: 'Aïcha', text: 'Un jardin partagé',
  kind: 'interest', createdAt: '2026-03-12T10:00:00.000Z', updatedAt: '2026-03-12T10:00:00.000Z', ...fields,
})

/**
 * Starts a child process that appends to (and compacts) one board through its own store instance;
 * resolves once its store is open and it starts writing, with the promise of its result.
 */
function startChildWriter(env: Record<string, string>): Promise<{ done: Promise<{ seqs: number[]; compactions: number[] }> }> {
  return new Promise((resolveStarted, rejectStarted) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}tests/helpers/store-child-writer.ts`], {
      cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    const done = new Promise<{ seqs: number[]; compactions: number[] }>((resolve, reject) => {
      child.once('exit', (code) => {
        if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        else reject(new Error(`child writer exited with ${code}: ${err}`))
      })
    })
    done.catch(rejectStarted)
    child.stdout.on('data', (chunk) => {
      out += chunk
      if (out.includes('ready\n')) resolveStarted({ done })
    })
    child.stderr.on('data', (chunk) => { err += chunk })
  })
}

export function describeBoardStore(name: string, setup: () => Promise<StoreFixture>): void {
  describe(`BoardStore contract: ${name}`, () => {
    let fixture: StoreFixture
    let store: BoardStore
    const opened: BoardStore[] = []
    const open = async () => {
      const instance = await fixture.open()
      opened.push(instance)
      return instance
    }
    // The first PostgreSQL test of a run waits for the test cluster (initdb: ~10 s, more when loaded).
    beforeAll(async () => {
      fixture = await setup()
      store = await open()
    }, 120_000)
    afterAll(async () => {
      for (const instance of opened) await instance.close()
      await fixture?.dispose?.()
    })

    describe('boards', () => {
      it('creates a board with its invites, first state and snapshots, and reads it back', async () => {
        const board = newBoard({ title: 'Charte « commune »', language: 'en' })
        const invites = [newInvite({ role: 'facilitator' }), newInvite({ role: 'participant', partnerId: 'p1', label: 'Phones' }), newInvite({ role: 'observer', codeHash: null })]
        const older = newSnapshot(board.id, { kind: 'iteration', number: 1, sessionId: 'session1', createdAt: '2026-01-01T00:00:00.000Z' })
        const newer = newSnapshot(board.id, { createdAt: '2026-02-01T00:00:00.000Z' })
        await store.createBoard(board, invites, bytes('initial'), { snapshots: [{ record: older, state: bytes('one') }, { record: newer, state: bytes('two') }] })

        expect(await store.getBoard(board.id)).toEqual(board)
        expect(await store.listInvites(board.id)).toEqual(invites)
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 1, data: bytes('initial') }])
        expect(await store.listSnapshots(board.id)).toEqual([newer, older])
        expect(await store.getSnapshot(board.id, older.id)).toEqual({ record: older, state: bytes('one') })
        expect(await store.getBoard('no-such-board')).toBeNull()
      })

      it('creates all of it or nothing (one transaction)', async () => {
        const board = newBoard()
        const invite = newInvite()
        // The same invite twice: the second insert fails, after the board row and the first invite.
        await expect(store.createBoard(board, [invite, invite], bytes('initial'))).rejects.toThrow()
        expect(await store.getBoard(board.id)).toBeNull()
        expect(await store.listInvites(board.id)).toEqual([])
        expect(await store.loadUpdates(board.id)).toEqual([])
        // The same id later works.
        await store.createBoard(board, [invite], bytes('initial'))
        expect(await store.getBoard(board.id)).toEqual(board)
      })

      it("creates a board's logos, kept diagnoses and marks with it, or nothing of them", async () => {
        const board = newBoard()
        const logo = { boardId: board.id, key: 'partner/p1', type: 'image/png', width: 40, height: 20, data: bytes('png'), updatedAt: '2026-03-12T10:00:00.000Z' }
        const diagnosis = { boardId: board.id, partnerId: 'p1', project: 'Projet', strengths: 'Forces', constraints: '', expectations: 'Attentes', updatedAt: '2026-03-12T10:01:00.000Z' }
        const invite = newInvite()
        const marks = [{ mark: 'diagnoses-private', at: '2026-03-12T10:02:00.000Z' }]
        await expect(store.createBoard(board, [invite, invite], bytes('initial'), { logos: [logo], diagnoses: [diagnosis], marks })).rejects.toThrow()
        expect(await store.getLogo(board.id, 'partner/p1')).toBeNull()
        expect(await store.getDiagnosis(board.id, 'p1')).toBeNull()
        expect(await store.markedAt(board.id, 'diagnoses-private')).toBeNull()
        await store.createBoard(board, [invite], bytes('initial'), { logos: [logo], diagnoses: [diagnosis], marks })
        expect(await store.getLogo(board.id, 'partner/p1')).toEqual(logo)
        expect(await store.getDiagnosis(board.id, 'p1')).toEqual(diagnosis)
        expect(await store.markedAt(board.id, 'diagnoses-private')).toBe('2026-03-12T10:02:00.000Z')
      })

      it('refuses a second board with the same id and leaves the first as it was', async () => {
        const board = newBoard()
        await store.createBoard(board, [newInvite()], bytes('first'))
        await expect(store.createBoard({ ...board, title: 'Other' }, [newInvite()], bytes('second'))).rejects.toThrow()
        expect(await store.getBoard(board.id)).toEqual(board)
        expect(await store.listInvites(board.id)).toHaveLength(1)
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 1, data: bytes('first') }])
      })
    })

    describe('invites', () => {
      it('lists active and all invites oldest first, revokes with a replacement in one step, finds by code', async () => {
        const board = newBoard()
        const facilitator = newInvite({ role: 'facilitator' })
        const participant = newInvite({ role: 'participant', partnerId: 'partnerA', label: 'Association A' })
        await store.createBoard(board, [facilitator, participant], bytes('initial'))
        const display = newInvite({ role: 'display', codeHash: null })
        await store.createInvite(board.id, display)
        expect(await store.invitesOf(board.id)).toEqual([facilitator, participant, display])

        const replacement = newInvite({ role: 'participant', partnerId: 'partnerA', label: 'Association A' })
        const revokedAt = '2026-03-12T11:00:00.000Z'
        expect(await store.revokeInvite(board.id, participant.id, revokedAt, replacement)).toEqual({ ...participant, revokedAt })
        expect(await store.invitesOf(board.id)).toEqual([facilitator, display, replacement])
        expect(await store.listInvites(board.id)).toEqual([facilitator, { ...participant, revokedAt }, display, replacement])

        // Already revoked: stays as it was, and no second replacement.
        const another = newInvite()
        expect(await store.revokeInvite(board.id, participant.id, '2026-03-13T00:00:00.000Z', another)).toEqual({ ...participant, revokedAt })
        expect(await store.listInvites(board.id)).toHaveLength(4)
        expect(await store.revokeInvite(board.id, 'no-such-invite', revokedAt, another)).toBeNull()
        expect(await store.revokeInvite('no-such-board', facilitator.id, revokedAt)).toBeNull()
        expect(await store.listInvites(board.id)).toHaveLength(4)

        expect(await store.findInviteByCode(replacement.codeHash!)).toEqual({ boardId: board.id, invite: replacement })
        expect(await store.findInviteByCode(participant.codeHash!)).toBeNull() // revoked
        expect(await store.findInviteByCode('0'.repeat(64))).toBeNull()
      })

      it('finds a code on any board, and keeps boards apart', async () => {
        const [a, b] = [newBoard(), newBoard()]
        const [onA, onB] = [newInvite(), newInvite()]
        await store.createBoard(a, [onA], bytes('a'))
        await store.createBoard(b, [onB], bytes('b'))
        expect(await store.findInviteByCode(onB.codeHash!)).toEqual({ boardId: b.id, invite: onB })
        expect(await store.listInvites(a.id)).toEqual([onA])
        // An invite id of board A is unknown on board B.
        expect(await store.revokeInvite(b.id, onA.id, '2026-03-12T11:00:00.000Z')).toBeNull()
        expect(await store.invitesOf(a.id)).toEqual([onA])
      })
    })

    describe('the update log', () => {
      it('appends updates of several boards in one call, seqs in order per board, and loads them back', async () => {
        const [a, b] = [newBoard(), newBoard()]
        await store.createBoard(a, [], bytes('a0'))
        await store.createBoard(b, [], bytes('b0'))
        expect(await store.appendUpdates([])).toEqual([])
        const seqs = await store.appendUpdates([
          { boardId: a.id, data: bytes('a1') }, { boardId: b.id, data: bytes('b1') }, { boardId: a.id, data: bytes('a2') },
        ])
        expect(seqs).toEqual([2, 2, 3])
        expect(await store.appendUpdates([{ boardId: b.id, data: bytes('b2') }])).toEqual([3])
        expect(await store.loadUpdates(a.id)).toEqual([{ seq: 1, data: bytes('a0') }, { seq: 2, data: bytes('a1') }, { seq: 3, data: bytes('a2') }])
        expect(await store.loadUpdates(b.id)).toEqual([{ seq: 1, data: bytes('b0') }, { seq: 2, data: bytes('b1') }, { seq: 3, data: bytes('b2') }])
        expect(await store.loadUpdates('no-such-board')).toEqual([])
      })

      it('keeps bytes exactly (binary, empty-ish, large) and hands out plain Uint8Arrays', async () => {
        const board = newBoard()
        await store.createBoard(board, [], new Uint8Array([0, 0]))
        const binary = new Uint8Array(256).map((_, i) => i)
        const large = randomBytes(3 * 1024 * 1024)
        // A view into a bigger buffer: only its own bytes are stored.
        const view = new Uint8Array(new Uint8Array([9, 1, 2, 3, 9]).buffer, 1, 3)
        await store.appendUpdates([{ boardId: board.id, data: binary }, { boardId: board.id, data: new Uint8Array(large) }, { boardId: board.id, data: view }])
        const rows = await store.loadUpdates(board.id)
        expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4])
        expect(rows[0]!.data).toEqual(new Uint8Array([0, 0]))
        expect(rows[1]!.data).toEqual(binary)
        expect(Buffer.from(rows[2]!.data).equals(large)).toBe(true)
        expect(rows[3]!.data).toEqual(new Uint8Array([1, 2, 3]))
        for (const row of rows) expect(row.data.constructor).toBe(Uint8Array)
      })

      it('appends a batch bigger than one statement holds, in order', async () => {
        const [a, b] = [newBoard(), newBoard()]
        await store.createBoard(a, [], bytes('a0'))
        await store.createBoard(b, [], bytes('b0'))
        const many = Array.from({ length: 2_500 }, (_, i) => ({ boardId: a.id, data: bytes(`a${i + 1}`) }))
        expect(await store.appendUpdates(many)).toEqual(many.map((_, i) => i + 2))
        const mixed = Array.from({ length: 2_100 }, (_, i) => ({ boardId: i % 2 ? b.id : a.id, data: bytes(String(i)) }))
        const seqs = await store.appendUpdates(mixed)
        expect(seqs.filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: 1_050 }, (_, i) => 2_502 + i))
        expect(seqs.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: 1_050 }, (_, i) => 2 + i))
        const rows = await store.loadUpdates(a.id)
        expect(rows).toHaveLength(1 + 2_500 + 1_050)
        expect(rows.slice(0, 3).map((row) => text(row.data))).toEqual(['a0', 'a1', 'a2'])
        expect(text(rows.at(-1)!.data)).toBe('2098')
      })

      it('appends all of a batch or nothing (a board that does not exist fails the whole batch)', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await expect(store.appendUpdates([{ boardId: board.id, data: bytes('1') }, { boardId: 'no-such-board', data: bytes('x') }])).rejects.toThrow()
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 1, data: bytes('0') }])
        expect(await store.appendUpdates([{ boardId: board.id, data: bytes('1') }])).toEqual([2])
      })

      it('compacts rows up to a seq into one, keeps the later rows, and goes on numbering after them', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.appendUpdates([1, 2, 3, 4, 5].map((i) => ({ boardId: board.id, data: bytes(String(i)) })))
        await store.compactUpdates(board.id, 4, bytes('merged-0-4'))
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 4, data: bytes('merged-0-4') }, { seq: 5, data: bytes('4') }, { seq: 6, data: bytes('5') }])
        expect(await store.appendUpdates([{ boardId: board.id, data: bytes('6') }])).toEqual([7])
        // Compacting through the last row leaves one row; doing it again replaces that row.
        await store.compactUpdates(board.id, 7, bytes('merged-0-7'))
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 7, data: bytes('merged-0-7') }])
        await store.compactUpdates(board.id, 7, bytes('merged-again'))
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 7, data: bytes('merged-again') }])
        expect(await store.appendUpdates([{ boardId: board.id, data: bytes('8') }])).toEqual([8])
      })

      it("keeps a merged row's state vector with it, until the next compaction replaces the row", async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.appendUpdates([1, 2].map((i) => ({ boardId: board.id, data: bytes(String(i)) })))
        await store.compactUpdates(board.id, 3, bytes('merged-0-3'), bytes('sv-3'))
        expect(await store.appendUpdates([{ boardId: board.id, data: bytes('4') }])).toEqual([4])
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 3, data: bytes('merged-0-3'), stateVector: bytes('sv-3') }, { seq: 4, data: bytes('4') }])
        await store.compactUpdates(board.id, 4, bytes('merged-0-4'))
        expect(await store.loadUpdates(board.id)).toEqual([{ seq: 4, data: bytes('merged-0-4') }])
      })

      it('reads the rows after a seq (an instance catching up), a merged row standing for the seqs it holds', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.appendUpdates([1, 2, 3].map((i) => ({ boardId: board.id, data: bytes(String(i)) })))
        expect(await store.loadUpdates(board.id, 2)).toEqual([{ seq: 3, data: bytes('2') }, { seq: 4, data: bytes('3') }])
        expect(await store.loadUpdates(board.id, 4)).toEqual([])
        await store.compactUpdates(board.id, 3, bytes('merged-0-3'))
        expect(await store.loadUpdates(board.id, 1)).toEqual([{ seq: 3, data: bytes('merged-0-3') }, { seq: 4, data: bytes('3') }])
      })

      it('compacts one board without touching another', async () => {
        const [a, b] = [newBoard(), newBoard()]
        await store.createBoard(a, [], bytes('a0'))
        await store.createBoard(b, [], bytes('b0'))
        await store.appendUpdates([{ boardId: a.id, data: bytes('a1') }, { boardId: b.id, data: bytes('b1') }])
        await store.compactUpdates(a.id, 2, bytes('a-merged'))
        expect(await store.loadUpdates(b.id)).toEqual([{ seq: 1, data: bytes('b0') }, { seq: 2, data: bytes('b1') }])
      })
    })

    describe('snapshots', () => {
      it('lists newest first, ties in reverse order of creation, and reads one with its state', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        const first = newSnapshot(board.id, { createdAt: '2026-03-12T10:00:00.000Z' })
        const tieA = newSnapshot(board.id, { kind: 'iteration', number: 1, sessionId: 'sessionX', createdAt: '2026-03-12T11:00:00.000Z' })
        const tieB = newSnapshot(board.id, { kind: 'restore-point', createdAt: '2026-03-12T11:00:00.000Z' })
        for (const [record, state] of [[first, 'f'], [tieA, 'a'], [tieB, 'b']] as const) await store.createSnapshot(record, bytes(state))
        expect(await store.listSnapshots(board.id)).toEqual([tieB, tieA, first])
        expect(await store.getSnapshot(board.id, tieA.id)).toEqual({ record: tieA, state: bytes('a') })
        expect(await store.getSnapshot(board.id, 'no-such-snapshot')).toBeNull()
        expect(await store.listSnapshots('no-such-board')).toEqual([])
      })

      it('keeps snapshot ids per board (an imported board keeps its ids)', async () => {
        const [a, b] = [newBoard(), newBoard()]
        await store.createBoard(a, [], bytes('a'))
        const onA = newSnapshot(a.id, { id: 'sameId' })
        const onB = newSnapshot(b.id, { id: 'sameId', label: 'Imported' })
        await store.createSnapshot(onA, bytes('on a'))
        await store.createBoard(b, [], bytes('b'), { snapshots: [{ record: onB, state: bytes('on b') }] })
        expect(await store.getSnapshot(a.id, 'sameId')).toEqual({ record: onA, state: bytes('on a') })
        expect(await store.getSnapshot(b.id, 'sameId')).toEqual({ record: onB, state: bytes('on b') })
        await expect(store.createSnapshot(onA, bytes('again'))).rejects.toThrow()
      })
    })

    describe('drafts', () => {
      it('creates, lists oldest first, reads, updates and deletes drafts of a round', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        const one = newDraft(board.id, 'round1', { createdAt: '2026-03-12T10:00:00.000Z' })
        const two = newDraft(board.id, 'round1', { createdAt: '2026-03-12T10:05:00.000Z', kind: 'brings', partnerId: 'partnerB' })
        const tie = newDraft(board.id, 'round1', { createdAt: '2026-03-12T10:05:00.000Z', authorName: 'Bo' })
        const other = newDraft(board.id, 'round2')
        for (const draft of [one, two, tie, other]) await store.createDraft(draft)
        await expect(store.createDraft(one)).rejects.toThrow()

        expect(await store.listDrafts(board.id, 'round1')).toEqual([one, two, tie])
        expect(await store.getDraft(board.id, 'round1', two.id)).toEqual(two)
        expect(await store.getDraft(board.id, 'round2', two.id)).toBeNull()

        const fields = { text: 'Un atelier vélo', kind: 'brings' as const, updatedAt: '2026-03-12T10:10:00.000Z' }
        expect(await store.updateDraft(board.id, 'round1', one.id, fields)).toBe(true)
        expect(await store.updateDraft(board.id, 'round1', 'no-such-draft', fields)).toBe(false)
        expect(await store.getDraft(board.id, 'round1', one.id)).toEqual({ ...one, ...fields })

        await store.deleteDrafts(board.id, 'round1', [one.id, tie.id, 'no-such-draft'])
        await store.deleteDrafts(board.id, 'round1', [])
        expect(await store.listDrafts(board.id, 'round1')).toEqual([two])
        expect(await store.listDrafts(board.id, 'round2')).toEqual([other])
      })
    })

    describe('diagnoses', () => {
      it("keeps a partner's unshared diagnosis, replaces it, deletes it; partners and boards apart", async () => {
        const board = newBoard()
        const other = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.createBoard(other, [], bytes('0'))
        const first = {
          boardId: board.id, partnerId: 'partnerA', project: 'Aide à domicile « rurale »', strengths: '300 bénévoles',
          constraints: '', expectations: 'Mutualiser\nles achats', updatedAt: '2026-03-12T10:00:00.000Z',
        }
        await store.putDiagnosis(first)
        await store.putDiagnosis({ ...first, partnerId: 'partnerB', project: 'B' })
        expect(await store.getDiagnosis(board.id, 'partnerA')).toEqual(first)
        expect(await store.getDiagnosis(other.id, 'partnerA')).toBeNull()
        const replaced = { ...first, strengths: 'Un réseau', updatedAt: '2026-03-12T10:05:00.000Z' }
        await store.putDiagnosis(replaced)
        expect(await store.getDiagnosis(board.id, 'partnerA')).toEqual(replaced)
        expect(await store.deleteDiagnosis(board.id, 'partnerA')).toBe(true)
        expect(await store.deleteDiagnosis(board.id, 'partnerA')).toBe(false)
        expect(await store.getDiagnosis(board.id, 'partnerA')).toBeNull()
        expect((await store.getDiagnosis(board.id, 'partnerB'))?.project).toBe('B')
        await expect(store.putDiagnosis({ ...first, boardId: 'no-such-board' })).rejects.toThrow()
      })

      it('remembers when one-time marks were set, per board (the first time)', async () => {
        const board = newBoard()
        const other = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.createBoard(other, [], bytes('0'))
        expect(await store.markedAt(board.id, 'diagnoses-private')).toBeNull()
        await store.setMark(board.id, 'diagnoses-private', '2026-03-12T10:00:00.000Z')
        await store.setMark(board.id, 'diagnoses-private', '2026-03-13T10:00:00.000Z')
        expect(await store.markedAt(board.id, 'diagnoses-private')).toBe('2026-03-12T10:00:00.000Z')
        expect(await store.markedAt(board.id, 'another')).toBeNull()
        expect(await store.markedAt(other.id, 'diagnoses-private')).toBeNull()
      })
    })

    describe('logos', () => {
      it('keeps a logo per key, replaces it, lists them without their bytes, deletes one; boards apart', async () => {
        const board = newBoard()
        const other = newBoard()
        await store.createBoard(board, [], bytes('0'))
        await store.createBoard(other, [], bytes('0'))
        // Every byte value, and a size past what a small row holds inline.
        const image = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256)
        const network = { boardId: board.id, key: 'network', type: 'image/png', width: 300, height: 120, data: image, updatedAt: '2026-03-12T10:00:00.000Z' }
        const partner = { boardId: board.id, key: 'partner/Ab3', type: 'image/jpeg', width: 64, height: 64, data: bytes('jpeg'), updatedAt: '2026-03-12T10:01:00.000Z' }
        await store.putLogo(network)
        await store.putLogo(partner)
        expect(await store.getLogo(board.id, 'network')).toEqual(network)
        expect(await store.getLogo(other.id, 'network')).toBeNull()
        const { data: _image, ...networkSummary } = network
        const { data: _jpeg, ...partnerSummary } = partner
        expect(await store.listLogos(board.id)).toEqual([{ ...networkSummary, bytes: 200_000 }, { ...partnerSummary, bytes: 4 }])
        expect(await store.listLogos(other.id)).toEqual([])

        const replaced = { ...network, type: 'image/jpeg', width: 40, height: 20, data: bytes('new'), updatedAt: '2026-03-12T11:00:00.000Z' }
        await store.putLogo(replaced)
        expect(await store.getLogo(board.id, 'network')).toEqual(replaced)
        expect(await store.listLogos(board.id)).toHaveLength(2)

        expect(await store.deleteLogo(board.id, 'partner/Ab3')).toBe(true)
        expect(await store.deleteLogo(board.id, 'partner/Ab3')).toBe(false)
        expect(await store.getLogo(board.id, 'partner/Ab3')).toBeNull()
        await expect(store.putLogo({ ...network, boardId: 'no-such-board' })).rejects.toThrow()
      })
    })

    describe('health', () => {
      it('answers a ping while open, and refuses one once closed (what /healthz asks of an idle server)', async () => {
        const instance = await open()
        await expect(instance.ping()).resolves.toBeUndefined()
        await instance.close()
        await expect(instance.ping()).rejects.toThrow()
      })
    })

    describe('instances and durability', () => {
      it('another instance sees what one committed; close can be called twice', async () => {
        const board = newBoard()
        const writer = await open()
        await writer.createBoard(board, [newInvite()], bytes('0'))
        await writer.appendUpdates([{ boardId: board.id, data: bytes('1') }])
        await writer.close()
        await writer.close()
        const reader = await open()
        expect(await reader.loadUpdates(board.id)).toEqual([{ seq: 1, data: bytes('0') }, { seq: 2, data: bytes('1') }])
      })

      it("runs a board's locked tasks one at a time (across instances where the store says so), other boards meanwhile", async () => {
        const other = fixture.locksAcrossInstances ? await open() : store
        const events: string[] = []
        const task = (name: string, ms: number) => async () => {
          events.push(`${name} start`)
          await new Promise((resolve) => setTimeout(resolve, ms))
          events.push(`${name} end`)
          return name
        }
        const board = `lock${randomBytes(4).toString('hex')}`
        const results = await Promise.all([
          store.withBoardLock(board, task('a', 150)), other.withBoardLock(board, task('b', 20)), store.withBoardLock(`${board}-other`, task('c', 10)),
        ])
        expect(results).toEqual(['a', 'b', 'c'])
        const [aStart, aEnd, bStart, bEnd] = ['a start', 'a end', 'b start', 'b end'].map((event) => events.indexOf(event)) as [number, number, number, number]
        expect(aEnd < bStart || bEnd < aStart).toBe(true)
        expect(events.indexOf('c end')).toBeLessThan(Math.max(aEnd, bEnd))
        // A task that fails lets the next one in.
        await expect(store.withBoardLock(board, async () => { throw new Error('boom') })).rejects.toThrow('boom')
        expect(await other.withBoardLock(board, async () => 'after')).toBe('after')
      })

      it('two instances appending to one board at once: every seq distinct and increasing, nothing lost', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        const other = await open()
        const write = async (instance: BoardStore, tag: string) => {
          const seqs: number[] = []
          for (let i = 0; i < 60; i++) {
            // Batches of 1 to 3 updates, several boards' worth of work in flight on each side.
            const batch = Array.from({ length: 1 + (i % 3) }, (_, j) => ({ boardId: board.id, data: bytes(`${tag}:${i}.${j}`) }))
            seqs.push(...await instance.appendUpdates(batch))
          }
          return seqs
        }
        const [mine, theirs] = await Promise.all([write(store, 'A'), write(other, 'B')])
        for (const seqs of [mine, theirs]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
        const all = [...mine, ...theirs]
        expect(new Set(all).size).toBe(all.length)
        const rows = await store.loadUpdates(board.id)
        expect(rows.map((row) => row.seq)).toEqual([1, ...[...all].sort((x, y) => x - y)])
        expect(rows.length).toBe(1 + 2 * 120)
        // Each row holds what was appended under its seq.
        const written = new Map<number, string>()
        for (const [tag, seqs] of [['A', mine], ['B', theirs]] as const) {
          let k = 0
          for (let i = 0; i < 60; i++) for (let j = 0; j < 1 + (i % 3); j++) written.set(seqs[k++]!, `${tag}:${i}.${j}`)
        }
        for (const row of rows.slice(1)) expect(text(row.data)).toBe(written.get(row.seq))
      })

      it('two instances appending to the same two boards in opposite orders never deadlock', async () => {
        const [x, y] = [newBoard(), newBoard()]
        await store.createBoard(x, [], bytes('x0'))
        await store.createBoard(y, [], bytes('y0'))
        const other = await open()
        const write = async (instance: BoardStore, first: string, second: string) => {
          for (let i = 0; i < 40; i++) await instance.appendUpdates([{ boardId: first, data: bytes('1') }, { boardId: second, data: bytes('2') }])
        }
        await Promise.all([write(store, x.id, y.id), write(other, y.id, x.id), write(store, x.id, y.id), write(other, y.id, x.id)])
        for (const board of [x, y]) expect((await store.loadUpdates(board.id)).map((row) => row.seq)).toEqual(Array.from({ length: 161 }, (_, i) => i + 1))
      })

      it('two processes appending and compacting one board at once: no seq given twice, no later row deleted', async () => {
        const board = newBoard()
        await store.createBoard(board, [], bytes('0'))
        const COUNT = 150
        // Both start writing together (the child's start-up takes seconds here).
        const child = await startChildWriter({ ...fixture.env, BOARD_ID: board.id, COUNT: String(COUNT), COMPACT_EVERY: '25', TAG: 'child' })
        const mine: number[] = []
        const myCompactions: number[] = []
        for (let i = 0; i < COUNT; i++) {
          const [seq] = await store.appendUpdates([{ boardId: board.id, data: bytes(`parent:${i}`) }])
          mine.push(seq!)
          if ((i + 1) % 20 === 0) {
            await store.compactUpdates(board.id, seq!, bytes(`parent-merged:${seq}`))
            myCompactions.push(seq!)
          }
          // One commit per turn, as the update writer does (see tests/helpers/store-child-writer.ts).
          await new Promise((resolve) => setTimeout(resolve, 2))
        }
        const theirs = await child.done
        for (const seqs of [mine, theirs.seqs]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
        // They did write at the same time: each got seqs on both sides of the other's.
        expect(Math.min(...theirs.seqs)).toBeLessThan(Math.max(...mine))
        expect(Math.min(...mine)).toBeLessThan(Math.max(...theirs.seqs))
        const all = [...mine, ...theirs.seqs]
        expect(new Set(all).size).toBe(all.length)

        // A row goes only with a compaction through its seq or later: every row appended after the
        // highest compaction is still there with its own content; below it, only merged rows are left
        // (a compaction through a lower seq may run after a higher one: both merged rows stay).
        const compactions = [...myCompactions, ...theirs.compactions]
        const highest = Math.max(...compactions)
        const rows = await store.loadUpdates(board.id)
        const seqsLeft = rows.map((row) => row.seq)
        expect(seqsLeft).toEqual([...seqsLeft].sort((x, y) => x - y))
        expect(new Set(seqsLeft).size).toBe(seqsLeft.length)
        const merged = rows.filter((row) => row.seq <= highest)
        expect(merged.map((row) => row.seq)).toContain(highest)
        for (const row of merged) {
          expect(compactions).toContain(row.seq)
          expect(text(row.data)).toMatch(new RegExp(`-merged:${row.seq}$`))
        }
        const after = all.filter((seq) => seq > highest).sort((x, y) => x - y)
        expect(seqsLeft.filter((seq) => seq > highest)).toEqual(after)
        for (const row of rows.filter((row) => row.seq > highest)) {
          const owner = mine.includes(row.seq) ? `parent:${mine.indexOf(row.seq)}` : `child:${theirs.seqs.indexOf(row.seq)}`
          expect(text(row.data)).toBe(owner)
        }
      }, 60_000)
    })
  })
}
