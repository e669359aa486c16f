/**
 * A Vite build plugin: once the client is written, each compressible file (scripts, styles, HTML,
 * SVG, JSON) gets a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside it, so the
 * server sends the compressed copy that the browser accepts without compressing anything per
 * request (server/http/client-routes.ts). A copy that would not be smaller is not written.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 512

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : Promise.resolve([path])
  }))
  return nested.flat()
}

/** Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`; returns what it wrote. */
export async function precompressDir(dir: string): Promise<{ file: string; bytes: number; br: number; gz: number }[]> {
  const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.test(file))
  const written = await Promise.all(files.map(async (file) => {
    const bytes = await readFile(file)
    if (bytes.length < MIN_BYTES) return null
    const [br, gz] = await Promise.all([
      brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      gzipAsync(bytes, { level: 9 }),
    ])
    if (br.length < bytes.length) await writeFile(`${file}.br`, br)
    if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz)
    return { file, bytes: bytes.length, br: br.length, gz: gz.length }
  }))
  return written.filter((entry) => entry !== null)
}

export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'atelier:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      await precompressDir(outDir)
    },
  }
}
