/**
 * Peak memory of the server under parallel oversize archive imports: N clients each upload a
 * chunked (no Content-Length) body of SIZE_MB to POST /api/boards/import at once. Prints each
 * status, how many bytes the server took before answering, and the server's peak RSS (VmHWM).
 *
 *   npx tsx tests/bench/import-memory.bench.ts [root=.] [parallel=8] [sizeMb=60]
 *
 * `root` lets you measure another checkout (e.g. a `git worktree` of an older commit).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const root = resolve(process.argv[2] ?? '.')
const parallel = Number(process.argv[3] ?? 8)
const sizeMb = Number(process.argv[4] ?? 60)
const CHUNK = 64 * 1024

const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-import-mem-'))
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CREATE_RATE_PER_MINUTE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((done) => createInterface({ input: child.stdout! }).on('line', (line) => {
    const match = line.includes('"listening"') ? /"port":(\d+)/.exec(line) : null
    if (match) done(Number(match[1]))
  }))
  const baseline = peakRssMb(child.pid!)
  const chunk = Buffer.alloc(CHUNK, 'A')
  const head = Buffer.from('{"format":"atelier-board-archive","version":1,"exportedAt":"2026-01-01T00:00:00Z","board":{"title":"x","language":"fr","createdAt":"2026-01-01T00:00:00Z"},"snapshots":[],"state":"')
  const upload = () => new Promise<{ status: number | string; sentMb: number }>((done) => {
    let sent = 0
    let answered: number | string | null = null
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/boards/import', headers: { 'content-type': 'application/json' } })
    req.on('response', (res) => {
      answered = res.statusCode ?? 0
      res.resume()
      res.on('end', () => done({ status: answered!, sentMb: sent / 1048576 }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => { if (answered === null) done({ status: error.code ?? 'error', sentMb: sent / 1048576 }) })
    req.write(head)
    const total = sizeMb * 1048576
    const pump = () => {
      while (sent < total && answered === null) {
        sent += CHUNK
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end('"}')
    }
    pump()
  })
  const started = performance.now()
  const results = await Promise.all(Array.from({ length: parallel }, upload))
  const seconds = (performance.now() - started) / 1000
  console.log(`root ${root}: ${parallel} parallel chunked uploads of ${sizeMb} MB`)
  for (const r of results) console.log(`  status ${r.status} after the client wrote ${r.sentMb.toFixed(1)} MB`)
  console.log(`server RSS: ${baseline.toFixed(0)} MB at start, peak ${peakRssMb(child.pid!).toFixed(0)} MB; ${seconds.toFixed(1)} s`)
  child.kill('SIGTERM')
  await new Promise((done) => child.once('exit', done))
  rmSync(dataDir, { recursive: true, force: true })
}

await main()
