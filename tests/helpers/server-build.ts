/**
 * The current server sources compiled to JavaScript, the way scripts/build-server.mjs does for
 * `npm start`, but into a folder of this test process (dist-server/ is left alone: it may be stale,
 * or another run may be rebuilding it). Fault tests restart the server dozens of times: the
 * compiled server starts in about 1 s on a loaded 2-core machine, tsx in 3–5 s.
 *
 * The folder is under node_modules/.cache so that the bundle's bare imports (its dependencies stay
 * external) resolve from the project's node_modules; it is removed when the process exits, and
 * folders of processes that are gone (a worker killed at a timeout never runs its exit handlers)
 * are removed by the next build.
 */
import { copyFileSync, readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { build } from 'esbuild'

const ROOT = new URL('../..', import.meta.url).pathname

let built: Promise<string> | null = null

/** Builds once per process; resolves to the entry point to give `startServer({ entry })`. */
export function compiledServerEntry(): Promise<string> {
  return (built ??= (async () => {
    const cache = join(ROOT, 'node_modules', '.cache')
    for (const name of readdirSyncSafe(cache)) {
      const pid = Number(/^atelier-test-server-(\d+)$/.exec(name)?.[1])
      if (pid && pid !== process.pid && !isAlive(pid)) rmSync(join(cache, name), { recursive: true, force: true })
    }
    const outdir = join(cache, `atelier-test-server-${process.pid}`)
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }))
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['server/main.ts'],
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
    })
    // Plain JavaScript files the server loads by URL beside its bundle (a worker thread's script),
    // copied as scripts/build-server.mjs copies them.
    for (const file of mjsFiles(join(ROOT, 'server'))) copyFileSync(file, join(outdir, basename(file)))
    return join(outdir, 'main.mjs')
  })())
}

/** The built client for a compiled server that does not live beside dist/ (config.ts's default). */
export const CLIENT_DIR = join(ROOT, 'dist')

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function mjsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return mjsFiles(path)
    return entry.name.endsWith('.mjs') ? [path] : []
  })
}
