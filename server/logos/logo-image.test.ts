import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { LOGO_MAX_BYTES } from '../../shared/api/logos.ts'
import { JPEG_16, pngImage } from '../../tests/helpers/images.ts'
import { renderPdf } from '../export/render-pdf.ts'
import { inspectLogo } from './logo-image.ts'

/** The same PNG with its IDAT chunk's data replaced (CRC left stale: not checked, as PDFKit does not). */
function withImageData(png: Uint8Array, data: Uint8Array): Uint8Array {
  const bytes = Buffer.from(png)
  const at = 33 // signature (8) + IHDR chunk (25)
  const end = at + 12 + bytes.readUInt32BE(at)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([bytes.subarray(0, at), length, Buffer.from('IDAT'), data, Buffer.alloc(4), bytes.subarray(end)])
}

describe('what an uploaded logo is, read from its bytes', () => {
  it('accepts PNG (RGB, RGBA) and JPEG, with their size', () => {
    expect(inspectLogo(pngImage(120, 40))).toEqual({ ok: true, type: 'image/png', width: 120, height: 40 })
    expect(inspectLogo(pngImage(32, 300, { alpha: true }))).toEqual({ ok: true, type: 'image/png', width: 32, height: 300 })
    expect(inspectLogo(JPEG_16)).toEqual({ ok: true, type: 'image/jpeg', width: 16, height: 16 })
  })

  it('refuses what is no PNG or JPEG (415), too big (413), out of size or damaged (400)', () => {
    expect(inspectLogo(new TextEncoder().encode('<svg/>'))).toMatchObject({ ok: false, status: 415 })
    expect(inspectLogo(new Uint8Array(Buffer.from('GIF89a\x10\x00\x10\x00', 'latin1')))).toMatchObject({ ok: false, status: 415 })
    expect(inspectLogo(new Uint8Array(LOGO_MAX_BYTES + 1))).toMatchObject({ ok: false, status: 413 })
    expect(inspectLogo(pngImage(15, 40))).toMatchObject({ ok: false, status: 400 })
    expect(inspectLogo(pngImage(2001, 20))).toMatchObject({ ok: false, status: 400 })
    expect(inspectLogo(pngImage(40, 40).subarray(0, 60))).toMatchObject({ ok: false, status: 400 })
    expect(inspectLogo(JPEG_16.subarray(0, 20))).toMatchObject({ ok: false, status: 400 })
  })

  it('refuses a PNG whose pixels do not inflate to what its header says: short, long, or a bomb', () => {
    const line = Buffer.from([0, ...Array.from({ length: 40 * 3 }, () => 7)])
    expect(inspectLogo(withImageData(pngImage(40, 40), deflateSync(Buffer.concat(Array.from({ length: 39 }, () => line)))))).toMatchObject({ ok: false, status: 400 })
    expect(inspectLogo(withImageData(pngImage(40, 40), deflateSync(Buffer.concat(Array.from({ length: 41 }, () => line)))))).toMatchObject({ ok: false, status: 400 })
    // 100 kB that inflate to 100 MB: stopped as soon as it passes the header's 4,840 bytes.
    const bomb = deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 })
    expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES)
    expect(inspectLogo(withImageData(pngImage(40, 40), bomb))).toMatchObject({ ok: false, status: 400 })
  })

  it('refuses a PNG with an unknown scanline filter: drawing it would end the process (png-js throws in a zlib callback)', async () => {
    const png = pngImage(20, 20, { alpha: true, filter: 7 })
    expect(inspectLogo(png)).toMatchObject({ ok: false, status: 400 })
    // What passes is drawn: the same image with a known filter renders.
    const fine = pngImage(20, 20, { alpha: true, filter: 1 })
    expect(inspectLogo(fine)).toMatchObject({ ok: true })
    const pdf = await renderPdf({ title: 'T', language: 'fr', blocks: [], logos: { network: { type: 'png', data: fine, width: 20, height: 20, name: 'Réseau' }, partners: [] } })
    expect(pdf.toString('latin1')).toContain('/Subtype /Image')
  })
})
