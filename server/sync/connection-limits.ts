/**
 * What bounds sync sockets before they reach a room: connection attempts per client address (a
 * token bucket, server/http/rate-limit.ts) and open connections per board.
 */
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/**
 * The address an upgrade comes from, as a rate-limit key: IPv4 as is (IPv4-mapped IPv6 unwrapped),
 * IPv6 by its /64 (one host usually owns a whole /64). Same keys as server/http/rate-limit.ts
 * `clientAddress`, which reads them from a Hono context.
 */
export function upgradeAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress
  if (!address) return 'unknown'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (isIP(address) !== 6) return address
  const [head = '', tail = ''] = address.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const fill = address.includes('::') ? Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0') : []
  const groups = [...left, ...fill, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** Open sync connections per board, against a cap. */
export class BoardConnections {
  private readonly open = new Map<string, number>()

  /** `max` 0 means no cap. */
  constructor(private readonly max: number) {}

  /** Whether one more connection to `boardId` stays within the cap. */
  hasRoom(boardId: string): boolean {
    return this.max === 0 || (this.open.get(boardId) ?? 0) < this.max
  }

  add(boardId: string): void {
    this.open.set(boardId, (this.open.get(boardId) ?? 0) + 1)
  }

  remove(boardId: string): void {
    const count = (this.open.get(boardId) ?? 0) - 1
    if (count > 0) this.open.set(boardId, count)
    else this.open.delete(boardId)
  }

  count(boardId: string): number {
    return this.open.get(boardId) ?? 0
  }
}
