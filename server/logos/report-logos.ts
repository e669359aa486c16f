/** The logos a document's header draws: the network's, then those of the partners it names, in their order. */
import { logoKey } from '../../shared/api/logos.ts'
import type { ReportDocument, ReportImage } from '../export/report-model.ts'
import type { BoardStore, LogoRecord } from '../store/board-store.ts'

const image = (logo: LogoRecord, name: string): ReportImage => ({
  type: logo.type === 'image/png' ? 'png' : 'jpeg', data: logo.data, width: logo.width, height: logo.height, name,
})

export async function reportLogos(store: BoardStore, boardId: string, boardTitle: string, partners: readonly { id: string; name: string }[]): Promise<ReportDocument['logos']> {
  const stored = new Set((await store.listLogos(boardId)).map((logo) => logo.key))
  if (stored.size === 0) return undefined
  const read = async (key: string, name: string) => {
    const logo = stored.has(key) ? await store.getLogo(boardId, key) : null
    return logo ? image(logo, name) : null
  }
  const network = await read(logoKey({ kind: 'network' }), boardTitle)
  const theirs = await Promise.all(partners.map((p) => read(logoKey({ kind: 'partner', partnerId: p.id }), p.name)))
  return { network, partners: theirs.filter((logo): logo is ReportImage => logo !== null) }
}

/** The document with its logos (none: as it was). */
export const withLogos = (document: ReportDocument, logos: ReportDocument['logos']): ReportDocument => (logos ? { ...document, logos } : document)
