#!/usr/bin/env node
// `npm start`: builds the client (dist/) and the server (dist-server/) when missing or older than
// their sources, then runs the server's compiled JavaScript.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const builtIndex = join(root, 'dist', 'index.html')

/** Newest modification time under the folders the client is built from. */
function newestSource(dirs) {
  let newest = 0
  const walk = (path) => {
    const stat = statSync(path)
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry))
    else newest = Math.max(newest, stat.mtimeMs)
  }
  for (const dir of dirs) if (existsSync(join(root, dir))) walk(join(root, dir))
  return newest
}

/** Runs `args` with node unless `built` is newer than everything under `sources`. */
function buildIfStale(what, built, sources, args) {
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(sources)) return
  console.log(`Building the ${what}…`)
  const build = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

buildIfStale('client', builtIndex, ['client', 'shared', 'vite.config.ts'], [join(root, 'node_modules/vite/bin/vite.js'), 'build'])
const builtServer = join(root, 'dist-server', 'main.mjs')
buildIfStale('server', builtServer, ['server', 'shared'], [join(root, 'scripts/build-server.mjs')])

const server = spawn(process.execPath, [builtServer], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
