/**
 * Logos for the compte rendu's header: one for the network (the board) and one per partner. Kept by
 * the server beside the board (server/store), never in the board document: an image in the Yjs
 * document would travel with every sync and every snapshot.
 *
 * `PUT /api/boards/:id/logos/network` or `…/logos/partners/:partnerId` with the image as the body
 * (facilitator: `logos.manage`); `GET` the same → the image; `DELETE` → 204;
 * `GET /api/boards/:id/logos` → LogosResponse (any token of the board).
 */

/** The largest logo accepted: a logo, not a photograph. */
export const LOGO_MAX_BYTES = 256 * 1024
/** Pixels on each side: at least 16 (a readable mark), at most 2000 (drawing a PNG decodes all its pixels in memory). */
export const LOGO_MIN_SIDE = 16
export const LOGO_MAX_SIDE = 2000

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const
export type LogoType = (typeof LOGO_TYPES)[number]

/** Whose logo: the network that runs the board, or a partner (by id). */
export type LogoOwner = { kind: 'network' } | { kind: 'partner'; partnerId: string }

/** How the store keys a logo: 'network', or 'partner/<id>'. */
export const logoKey = (owner: LogoOwner): string => (owner.kind === 'network' ? 'network' : `partner/${owner.partnerId}`)

export interface LogoInfo {
  type: LogoType
  width: number
  height: number
  bytes: number
  /** ISO 8601; also what changes the image's address (`?v=`), so a new logo is never served from a cache. */
  updatedAt: string
}

export interface LogosResponse {
  network: LogoInfo | null
  partners: Record<string, LogoInfo>
}
