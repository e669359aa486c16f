/**
 * Downloads, generated on the server from stored data: an iteration's session report and the
 * charter alone (PDF, DOCX, Markdown), and the whole board as a JSON archive; plus importing an
 * archive into a new board. Every download is an attachment.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import { ARCHIVE_FORMAT, ARCHIVE_MAX_BYTES, ARCHIVE_VERSION, boardArchive, type BoardArchive } from '../../shared/api/archive.ts'
import type { CreateBoardResponse } from '../../shared/api/boards.ts'
import { readBoard } from '../../shared/board/board-json.ts'
import { unsharedDiagnosisTexts } from '../../shared/board/method.ts'
import { listPartners } from '../../shared/board/partners.ts'
import { DIAGNOSES_PRIVATE_MARK } from '../method/diagnosis-service.ts'
import { newBoardId } from '../auth/tokens.ts'
import { boardInvitesResponse, issueBoardInvites } from '../invites/invite-service.ts'
import { charterDocument, sessionReport } from '../export/session-report.ts'
import { reportLogos, withLogos } from '../logos/report-logos.ts'
import { inspectLogo } from '../logos/logo-image.ts'
import { FORMATS, isFormat, type Format } from '../export/formats.ts'
import type { ReportDocument } from '../export/report-model.ts'
import { boardFromState, type SnapshotService } from '../snapshots/snapshot-service.ts'
import type { BoardStore } from '../store/board-store.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import { log } from '../log.ts'
import { linkBase, requireBoardAccess } from './board-access.ts'
import { attachment, slug } from './content-disposition.ts'
import { readJson } from './read-json.ts'
import { mapSnapshotErrors } from './snapshot-errors.ts'

function formatOf(value: string | undefined, allowed: readonly Format[]): Format {
  if (!isFormat(value) || !allowed.includes(value)) {
    throw new HTTPException(400, { message: `format must be one of: ${allowed.join(', ')}` })
  }
  return value
}

async function download(document: ReportDocument, format: Format, fileName: string): Promise<Response> {
  const body = await FORMATS[format].render(document)
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': FORMATS[format].type,
      'content-disposition': attachment(`${fileName}.${format}`),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  })
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

function decodeState(value: string, what: string): Uint8Array {
  // A Buffer is a Uint8Array: no second copy of a state that may be tens of megabytes.
  const bytes: Uint8Array = Buffer.from(value, 'base64')
  try {
    Y.decodeUpdate(bytes)
  } catch {
    throw new HTTPException(400, { message: `${what} is not a valid board state` })
  }
  return bytes
}

export function exportsRoutes(store: BoardStore, rooms: RoomRegistry, snapshots: SnapshotService, publicUrl: string | null): Hono {
  const routes = new Hono()

  routes.get('/:id/snapshots/:snapshotId/report', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const format = formatOf(c.req.query('format'), ['pdf', 'docx', 'md'])
    const { record, state } = await mapSnapshotErrors(() => snapshots.get(board.id, c.req.param('snapshotId')))
    // The previous iteration (by number), for "what changed since".
    const iterations = (await snapshots.list(board.id)).filter((s) => s.kind === 'iteration' && s.createdAt < record.createdAt)
    const previousRecord = iterations[0] ?? null
    const previous = previousRecord ? { record: previousRecord, board: boardFromState((await snapshots.get(board.id, previousRecord.id)).state) } : null
    // The board now: deliberations on this iteration and the session's minutes come after it was kept.
    const live = await snapshots.live(board.id)
    const kept = boardFromState(state)
    const document = withLogos(sessionReport({ boardTitle: board.title, record, board: kept, previous, live, earlier: iterations }),
      await reportLogos(store, board.id, board.title, kept.partners))
    return download(document, format, `${slug(board.title)}-${slug(record.label)}`)
  })

  routes.get('/:id/charter', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const format = formatOf(c.req.query('format'), ['pdf', 'docx', 'md'])
    const live = await snapshots.live(board.id)
    const document = withLogos(charterDocument(board.title, live), await reportLogos(store, board.id, board.title, live.partners))
    return download(document, format, `${slug(board.title)}-charte`)
  })

  // The charter for signature as of an iteration: the text the partners' boards deliberated on.
  routes.get('/:id/snapshots/:snapshotId/charter', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.read')
    const format = formatOf(c.req.query('format'), ['pdf', 'docx', 'md'])
    const { record, state } = await mapSnapshotErrors(() => snapshots.get(board.id, c.req.param('snapshotId')))
    const kept = boardFromState(state)
    const document = withLogos(charterDocument(board.title, kept, { record }), await reportLogos(store, board.id, board.title, kept.partners))
    return download(document, format, `${slug(board.title)}-charte-${slug(record.label)}`)
  })

  routes.get('/:id/archive', async (c) => {
    const { board } = await requireBoardAccess(c, store, c.req.param('id'), 'board.export')
    const { state, partnerIds } = await rooms.withRoom(board.id, (room) => ({ state: room.encodeState(), partnerIds: listPartners(room.doc).map((p) => p.id) }))
    const records = (await snapshots.list(board.id)).reverse()
    const archive: BoardArchive = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: new Date().toISOString(),
      board: { title: board.title, language: board.language === 'en' ? 'en' : 'fr', createdAt: board.createdAt },
      state: toBase64(state),
      snapshots: await Promise.all(records.map(async (record) => ({
        id: record.id, label: record.label, kind: record.kind, number: record.number, sessionId: record.sessionId, createdAt: record.createdAt,
        state: toBase64((await snapshots.get(board.id, record.id)).state),
      }))),
      logos: await Promise.all((await store.listLogos(board.id)).map(async ({ key }) => {
        const logo = (await store.getLogo(board.id, key))!
        return { key, updatedAt: logo.updatedAt, data: toBase64(logo.data) }
      })),
      // Unshared diagnoses: the facilitator's to read, kept by the server out of the document.
      diagnoses: (await Promise.all(partnerIds.map((partnerId) => store.getDiagnosis(board.id, partnerId))))
        .filter((d) => d !== null)
        .map(({ partnerId, project, strengths, constraints, expectations, updatedAt }) => ({ partnerId, project, strengths, constraints, expectations, updatedAt })),
    }
    return new Response(JSON.stringify(archive), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': attachment(`${slug(board.title)}-archive.json`),
        'cache-control': 'no-store',
      },
    })
  })

  routes.post(
    '/import',
    async (c) => {
      // Read as a stream: refused as soon as it passes the limit, never buffered whole first.
      const archive = await readJson(c, boardArchive, { maxBytes: ARCHIVE_MAX_BYTES, tooLargeMessage: 'The archive is too large' })
      const state = decodeState(archive.state, 'The board')
      const imported = archive.snapshots.map((snapshot) => ({ snapshot, state: decodeState(snapshot.state, `Snapshot "${snapshot.label}"`) }))
      // Logos are checked as an upload is: an archive is a client's file too.
      const logos = (archive.logos ?? []).map((logo) => {
        const data = new Uint8Array(Buffer.from(logo.data, 'base64'))
        const check = inspectLogo(data)
        if (!check.ok) throw new HTTPException(400, { message: `Logo "${logo.key}": ${check.error}` })
        return { key: logo.key, type: check.type, width: check.width, height: check.height, data, updatedAt: new Date(logo.updatedAt).toISOString() }
      })
      const id = newBoardId()
      const issued = issueBoardInvites(new Date().toISOString())
      // Same board (title, language, creation date, content, history), at a new address with new invites.
      // The live state must read as a board, or the import would create a board nobody can open.
      const check = new Y.Doc()
      let partnerIds: Set<string>
      let holdsUnsharedDiagnoses: boolean
      try {
        Y.applyUpdate(check, state)
        readBoard(check)
        partnerIds = new Set(listPartners(check).map((partner) => partner.id))
        holdsUnsharedDiagnoses = unsharedDiagnosisTexts(check).size > 0
      } catch {
        throw new HTTPException(400, { message: 'The board in this archive cannot be read' })
      } finally {
        check.destroy()
      }
      // A logo or a kept diagnosis is a partner's: one for a partner the board does not have is left out.
      const ofKnownOwner = (key: string) => key === 'network' || (key.startsWith('partner/') && partnerIds.has(key.slice('partner/'.length)))
      const keptLogos = logos.filter((logo) => ofKnownOwner(logo.key))
      const diagnoses = (archive.diagnoses ?? []).filter((diagnosis) => partnerIds.has(diagnosis.partnerId))
      await store.createBoard(
        { id, title: archive.board.title, language: archive.board.language, createdAt: new Date(archive.board.createdAt).toISOString() },
        issued.map((invite) => invite.record),
        state,
        {
          snapshots: imported.map(({ snapshot, state: snapshotState }) => ({
            record: { id: snapshot.id, boardId: id, label: snapshot.label, kind: snapshot.kind, number: snapshot.number, sessionId: snapshot.sessionId, createdAt: snapshot.createdAt },
            state: snapshotState,
          })),
          logos: keptLogos.map((logo) => ({ ...logo, boardId: id })),
          diagnoses: diagnoses.map((diagnosis) => ({ ...diagnosis, boardId: id, updatedAt: new Date(diagnosis.updatedAt).toISOString() })),
          // A document from before diagnoses were kept by the server is moved at its first load; its
          // snapshots (all older than this mark) are read without them either way.
          marks: holdsUnsharedDiagnoses ? [] : [{ mark: DIAGNOSES_PRIVATE_MARK, at: new Date().toISOString() }],
        },
      )
      log('info', 'board imported', { board: id, snapshots: imported.length, logos: keptLogos.length, diagnoses: diagnoses.length })
      return c.json(boardInvitesResponse(id, issued, linkBase(c, publicUrl)) satisfies CreateBoardResponse, 201)
    },
  )

  return routes
}
