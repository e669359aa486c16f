#!/usr/bin/env node
// Compiles the server (server/ and the shared/ code it uses) to plain JavaScript in dist-server/,
// so `npm start` runs node on JavaScript instead of compiling TypeScript at every start (tsx).
// Dependencies stay in node_modules (not bundled); PDF and DOCX rendering stay separate chunks,
// loaded on the first download.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
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
