/** What logos cost: checking an upload (inflating a PNG whole), and drawing five in a report. `npx tsx tests/bench/logos.bench.ts` */
import { performance } from 'node:perf_hooks'
import { inspectLogo } from '../../server/logos/logo-image.ts'
import { renderPdf } from '../../server/export/render-pdf.ts'
import { renderDocx } from '../../server/export/render-docx.ts'
import { pngImage } from '../helpers/images.ts'
const time = async (label: string, f: () => unknown, n = 5) => {
  await f()
  const t0 = performance.now(); for (let i = 0; i < n; i++) await f(); console.log(label, ((performance.now() - t0) / n).toFixed(1), 'ms')
}
const noisy = pngImage(300, 250, { noise: true })
const big = pngImage(2000, 2000, { alpha: true })
console.log('noisy bytes', noisy.length, 'big bytes', big.length)
await time('inspect 300x250 noise PNG', () => inspectLogo(noisy))
await time('inspect 2000x2000 RGBA PNG', () => inspectLogo(big))
const img = (data: Uint8Array, w: number, h: number) => ({ type: 'png' as const, data, width: w, height: h, name: 'x' })
const blocks = Array.from({ length: 40 }, (_, i) => ({ type: 'paragraph' as const, runs: [{ text: `Paragraphe ${i} `.repeat(20) }] }))
const logos = { network: img(pngImage(240, 80, { alpha: true }), 240, 80), partners: Array.from({ length: 4 }, () => img(noisy, 300, 250)) }
await time('PDF without logos', () => renderPdf({ title: 'T', language: 'fr', blocks }))
await time('PDF with 5 logos', () => renderPdf({ title: 'T', language: 'fr', blocks, logos }))
await time('DOCX without logos', () => renderDocx({ title: 'T', language: 'fr', blocks }))
await time('DOCX with 5 logos', () => renderDocx({ title: 'T', language: 'fr', blocks, logos }))
