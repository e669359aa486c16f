/**
 * `npm run bench` (second part): saving a snapshot and comparing two iterations of a board whose
 * charter holds 100,000 characters (aims: save < 50 ms, compare < 200 ms).
 *
 * The real server runs as a child process; a stock y-websocket client writes the charter the way
 * the editor stores it (paragraphs of Y.XmlText). Measured end to end over HTTP (what the
 * facilitator waits for), and for compare also the pure function in this process.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { compareBoards } from '../../shared/board/compare.ts'
import { charterOf } from '../../shared/board/schema.ts'
import type { SnapshotResponse, SnapshotSummary } from '../../shared/api/snapshots.ts'
import { createBoard } from '../helpers/api.ts'
import { startServer } from '../helpers/server.ts'
import { connectClient, waitSynced } from '../helpers/sync-client.ts'

const CHARTER_CHARS = 100_000
const PARAGRAPH_CHARS = 250
const RUNS = 15

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const row = (name: string, values: number[]) =>
  `${name.padEnd(46)} ${String(values.length).padStart(5)} ${percentile(values, 50).toFixed(1).padStart(7)} ${percentile(values, 90).toFixed(1).padStart(7)} ${Math.max(...values).toFixed(1).padStart(7)}`

function sentence(i: number): string {
  const words = ['coopération', 'partenaires', 'usagers', 'gouvernance', 'mutualisation', 'territoire', 'valeurs', 'charte', 'confiance', 'projet']
  let text = ''
  for (let w = 0; text.length < PARAGRAPH_CHARS; w++) text += `${words[(i * 7 + w) % words.length]} `
  return text.slice(0, PARAGRAPH_CHARS)
}

async function main(): Promise<void> {
  const server = await startServer()
  try {
    const board = await createBoard(server.url, 'Bench 100k')
    const client = connectClient(server.wsUrl, board.id, board.invites.facilitator)
    await waitSynced(client)
    const charter = charterOf(client.doc)
    const templateNodes = charter.length
    client.doc.transact(() => {
      for (let i = 0; i * PARAGRAPH_CHARS < CHARTER_CHARS; i++) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(sentence(i))])
        charter.push([paragraph])
      }
    })
    const headers = { authorization: `Bearer ${board.invites.facilitator}`, 'content-type': 'application/json' }
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/boards/${board.id}${path}`, { ...init, headers })
    // Wait until the server holds it all: a fresh reader sees the same state.
    for (;;) {
      const probe = connectClient(server.wsUrl, board.id, board.invites.observer)
      await waitSynced(probe)
      const same = charterOf(probe.doc).length === charter.length
      probe.destroy()
      if (same) break
    }
    const chars = charter.toArray().reduce((n, node) => n + (node as Y.XmlElement).toString().replace(/<[^>]+>/g, '').length, 0)

    const save: number[] = []
    const snapshots: SnapshotSummary[] = []
    for (let i = 0; i < RUNS; i++) {
      // A few edits between snapshots, as in a session.
      for (let e = 0; e < 20; e++) {
        const paragraph = charter.get(templateNodes + ((i * 37 + e * 13) % (charter.length - templateNodes))) as Y.XmlElement
        ;(paragraph.get(0) as Y.XmlText).insert(0, `modifié ${i}.${e} `)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = performance.now()
      const response = await api('/snapshots', { method: 'POST', body: JSON.stringify({ label: `Bench ${i}` }) })
      save.push(performance.now() - started)
      if (response.status !== 201) throw new Error(`snapshot failed: ${response.status}`)
      snapshots.push((await response.json()) as SnapshotSummary)
    }

    const compareHttp: number[] = []
    const compareLive: number[] = []
    for (let i = 1; i < snapshots.length; i++) {
      let started = performance.now()
      const response = await api(`/compare?from=${snapshots[0]!.id}&to=${snapshots[i]!.id}`)
      compareHttp.push(performance.now() - started)
      if (response.status !== 200) throw new Error(`compare failed: ${response.status}`)
      await response.json()
      started = performance.now()
      await (await api(`/compare?from=${snapshots[i]!.id}&to=live`)).json()
      compareLive.push(performance.now() - started)
    }

    const first = (await (await api(`/snapshots/${snapshots[0]!.id}`)).json()) as SnapshotResponse
    const last = (await (await api(`/snapshots/${snapshots.at(-1)!.id}`)).json()) as SnapshotResponse
    const pure: number[] = []
    let changedSections = 0
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      const diff = compareBoards(first.board, last.board)
      pure.push(performance.now() - started)
      changedSections = diff.charter.filter((s) => s.change !== 'same').length
    }

    console.log(`\nSnapshots of a board whose charter holds ${chars.toLocaleString('en')} characters (${charter.length} paragraphs); ${RUNS} runs; in ms\n`)
    console.log(`${'measure'.padEnd(46)} ${'count'.padStart(5)} ${'p50'.padStart(7)} ${'p90'.padStart(7)} ${'max'.padStart(7)}`)
    console.log(row('save a snapshot (POST, end to end)', save))
    console.log(row('compare two iterations (GET /compare)', compareHttp))
    console.log(row('compare an iteration with the live board', compareLive))
    console.log(row('compareBoards() alone (in process)', pure))
    console.log(`(first vs last iteration: ${changedSections} charter section(s) changed, ${RUNS * 20} paragraph edits)`)
    client.destroy()
  } finally {
    await server.stop()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
