/**
 * DNS rebinding: a page on `evil.example` whose name later resolves to this server's address can
 * call it from the visitor's browser as if it were same-origin. The browser still sends
 * `Host: evil.example`, so requests whose Host is not one of this server's names are refused
 * (421 JSON, before any route runs; the sync socket's upgrade likewise).
 *
 * Allowed names: PUBLIC_URL's host, ALLOWED_HOSTS, the address the server listens on, and
 * loopback names (`localhost`, `127.0.0.1`, `[::1]`: a page can only send those if its user opened
 * that address, so they are never a rebinding vector; health checks and local scripts use them).
 * A server listening on every interface (`HOST=0.0.0.0` or `::`) with neither PUBLIC_URL nor
 * ALLOWED_HOSTS is a laptop in a room reached by its LAN address: any IP-literal host is allowed
 * then (no DNS name is involved, so no rebinding), DNS names are not.
 */
import type { Duplex } from 'node:stream'
import { STATUS_CODES } from 'node:http'
import { isIP } from 'node:net'
import type { MiddlewareHandler } from 'hono'

export interface HostPolicyOptions {
  publicUrl: string | null
  allowedHosts: readonly string[]
  /** The HOST the server listens on. */
  listenHost: string
}

export const HOST_REFUSED_STATUS = 421
export const HOST_REFUSED_MESSAGE = 'Unknown host name: add it to ALLOWED_HOSTS (or PUBLIC_URL) on the server'

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']
const WILDCARD_LISTEN = new Set(['0.0.0.0', '::', '[::]', ''])

/** The host name of a `Host` header (or a configured name), lower case, port and trailing dot removed; null if malformed. */
export function hostNameOf(host: string | null | undefined): string | null {
  if (!host) return null
  const trimmed = host.trim()
  if (trimmed === '' || /[\s/?#@\\]/.test(trimmed)) return null
  try {
    // A bare IPv6 address (a listen address like `::1`) gets its brackets first.
    const withBrackets = isIP(trimmed) === 6 ? `[${trimmed}]` : trimmed
    const name = new URL(`http://${withBrackets}`).hostname.toLowerCase()
    return name.endsWith('.') ? name.slice(0, -1) : name
  } catch {
    return null
  }
}

const isIpLiteral = (name: string) => isIP(name.replace(/^\[|\]$/g, '')) !== 0

/** Whether a request's `Host` header names this server, by the rules above. */
export function hostPolicy(options: HostPolicyOptions): (host: string | null | undefined) => boolean {
  const allowed = new Set<string>(LOOPBACK)
  const configured = [options.publicUrl ? new URL(options.publicUrl).host : null, ...options.allowedHosts]
    .map((name) => hostNameOf(name))
    .filter((name): name is string => name !== null)
  for (const name of configured) allowed.add(name)
  const listensEverywhere = WILDCARD_LISTEN.has(options.listenHost.trim())
  if (!listensEverywhere) {
    const listen = hostNameOf(options.listenHost)
    if (listen) allowed.add(listen)
  }
  const anyIpLiteral = listensEverywhere && configured.length === 0
  return (host) => {
    const name = hostNameOf(host)
    if (name === null) return false
    return allowed.has(name) || (anyIpLiteral && isIpLiteral(name))
  }
}

/** Refuses requests to another host name with 421 JSON. `exempt` paths (the health check) pass. */
export function hostCheck(isAllowed: (host: string | null | undefined) => boolean, exempt: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (!exempt.includes(c.req.path) && !isAllowed(c.req.header('host'))) {
      return c.json({ error: HOST_REFUSED_MESSAGE }, HOST_REFUSED_STATUS)
    }
    await next()
  }
}

/** Answers a WebSocket upgrade to another host name with 421 JSON; true when it did. */
export function refuseUpgradeForHost(isAllowed: (host: string | null | undefined) => boolean, host: string | undefined, socket: Duplex): boolean {
  if (isAllowed(host)) return false
  const body = JSON.stringify({ error: HOST_REFUSED_MESSAGE })
  socket.on('error', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${HOST_REFUSED_STATUS} ${STATUS_CODES[HOST_REFUSED_STATUS]}\r\n` +
    'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
  return true
}
