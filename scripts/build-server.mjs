#!/usr/bin/env node
// Compiles the server (server/ and the shared/ code it uses) to plain JavaScript in dist-server/,
// so `npm start` runs node on JavaScript instead of compiling TypeScript at every start (tsx).
// Dependencies stay in node_modules (not bundled); PDF and DOCX rendering stay separate chunks,
// loaded on the first download. Plain .mjs files under server/ (a worker thread's script, which the
// server loads by URL) are copied beside the bundle.
import { build } from 'esbuild'
import { copyFileSync, readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = `${root}dist-server`
rmSync(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
})

const mjsFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const path = join(dir, entry.name)
  if (entry.isDirectory()) return mjsFiles(path)
  return entry.name.endsWith('.mjs') ? [path] : []
})
for (const file of mjsFiles(`${root}server`)) copyFileSync(file, join(outdir, basename(file)))
