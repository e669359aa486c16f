/**
 * The fonts PDF reports embed: DejaVu Sans from @fontsource/dejavu-sans (an npm package, its
 * "latin" files: Latin, arrows such as →, ✓, the narrow no-break space). Fontsource ships WOFF, which
 * PDFKit reads, but every document would inflate the whole font again and parse its OpenType layout
 * tables (about 3 s a report on a busy machine). So each file is turned once per process into a
 * plain TrueType font, without the layout tables (GSUB, GPOS, GDEF: ligatures and kerning, which a
 * report does without), and PDFKit gets those bytes.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'

const require = createRequire(import.meta.url)

export const PDF_FONTS = { regular: '400-normal', bold: '700-normal', italic: '400-italic', boldItalic: '700-italic' } as const
export type PdfFont = keyof typeof PDF_FONTS

/** Layout tables left out: PDFKit then places glyphs by their advance widths alone. */
const DROPPED = new Set(['GSUB', 'GPOS', 'GDEF'])

/** A WOFF 1.0 file as a TrueType (sfnt) file, less the DROPPED tables. */
export function woffToTtf(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF file')
  const flavor = woff.readUInt32BE(4)
  const count = woff.readUInt16BE(12)
  const tables: { tag: string; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20
    const tag = woff.toString('latin1', at, at + 4)
    if (DROPPED.has(tag)) continue
    const offset = woff.readUInt32BE(at + 4)
    const compressed = woff.readUInt32BE(at + 8)
    const length = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compressed)
    tables.push({ tag, checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : Buffer.from(raw) })
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  const n = tables.length
  const power = 2 ** Math.floor(Math.log2(n))
  const header = Buffer.alloc(12 + n * 16)
  header.writeUInt32BE(flavor, 0)
  header.writeUInt16BE(n, 4)
  header.writeUInt16BE(power * 16, 6)
  header.writeUInt16BE(Math.log2(power), 8)
  header.writeUInt16BE(n * 16 - power * 16, 10)
  const parts: Buffer[] = [header]
  let offset = header.length
  tables.forEach((table, i) => {
    const at = 12 + i * 16
    header.write(table.tag, at, 'latin1')
    header.writeUInt32BE(table.checksum, at + 4)
    header.writeUInt32BE(offset, at + 8)
    header.writeUInt32BE(table.data.length, at + 12)
    const padded = Buffer.alloc((table.data.length + 3) & ~3)
    table.data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  return Buffer.concat(parts)
}

let cached: Record<PdfFont, Buffer> | null = null

/** The four faces as TrueType bytes, converted on first use. */
export function pdfFonts(): Record<PdfFont, Buffer> {
  cached ??= Object.fromEntries(Object.entries(PDF_FONTS).map(([name, file]) => [
    name, woffToTtf(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${file}.woff`))),
  ])) as Record<PdfFont, Buffer>
  return cached
}
