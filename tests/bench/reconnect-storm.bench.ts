/**
 * How often clients reconnect to a server that accepts, syncs and then closes them with 1011 (it
 * cannot save: here its file-size limit is lowered with `prlimit`, like a full disk), over 10 s:
 * a stock y-websocket client, and one whose WebSocket class is client/live/reconnect-policy.ts's.
 * Then 300 clients of one board with that policy reconnect after a server restart (SIGTERM): when
 * they come back (a histogram in 500 ms buckets) and how long until they all converge
 * (tests/faults/reconnect-storm.ts, also run as tests/faults/reconnect-storm.test.ts; STORM_CLIENTS).
 *
 *   npx tsx tests/bench/reconnect-storm.bench.ts
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { withReconnectBackoff } from '../../client/live/reconnect-policy.ts'
import { charterOf } from '../../shared/board/schema.ts'
import { SYNC_PATH } from '../../shared/protocol/sync-url.ts'
import { SYNC_PERSON_PARAM } from '../../shared/auth/person.ts'
import { createBoard } from '../helpers/api.ts'
import { TEST_PERSON_KEY } from '../helpers/actors.ts'
import { startServer } from '../helpers/server.ts'
import { describeStorm, reconnectStorm } from '../faults/reconnect-storm.ts'

const server = await startServer()
const board = await createBoard(server.url)
const clients = [
  { name: 'stock y-websocket', WebSocketClass: WebSocket as unknown as typeof globalThis.WebSocket },
  { name: 'with reconnect-policy.ts', WebSocketClass: withReconnectBackoff(WebSocket as unknown as typeof globalThis.WebSocket) },
].map(({ name, WebSocketClass }) => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${server.wsUrl}${SYNC_PATH}`, board.id, doc, {
    params: { token: board.invites.facilitator, [SYNC_PERSON_PARAM]: TEST_PERSON_KEY }, WebSocketPolyfill: WebSocketClass, disableBc: true,
  })
  provider.messageHandlers[100] = () => {}
  const closes: number[] = []
  provider.on('connection-close', (event: { code: number } | null) => { if (event) closes.push(event.code) })
  return { name, doc, provider, closes }
})
await Promise.all(clients.map((c) => new Promise((resolve) => c.provider.once('sync', resolve))))

const largest = Math.max(...readdirSync(server.dataDir).map((name) => statSync(join(server.dataDir, name)).size))
execFileSync('prlimit', ['--pid', String(server.process.pid), `--fsize=${largest}:`])
for (const c of clients) {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(`${c.name} `.repeat(20_000))])
  charterOf(c.doc).insert(0, [p])
}
await new Promise((resolve) => setTimeout(resolve, 10_000))
for (const c of clients) {
  const codes = c.closes.reduce<Record<number, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {})
  console.log(`${c.name}: ${c.closes.length} closes in 10 s ${JSON.stringify(codes)}`)
  c.provider.destroy()
}
execFileSync('prlimit', ['--pid', String(server.process.pid), '--fsize=unlimited:'])
await server.stop()

const storm = await reconnectStorm({ clients: Number(process.env.STORM_CLIENTS ?? 300), timeoutMs: 60_000 })
console.log(describeStorm(storm))
