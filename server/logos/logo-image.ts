/**
 * What an uploaded logo is, read from its bytes and never from the name or type the client gives:
 * a PNG (its signature, then an IHDR chunk) or a JPEG (SOI, then a frame header SOFn), with its
 * pixel size. Anything else is refused before it is stored or drawn.
 */
import { inflateSync } from 'node:zlib'
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_MIN_SIDE, type LogoType } from '../../shared/api/logos.ts'

export type ImageCheck =
  | { ok: true; type: LogoType; width: number; height: number }
  | { ok: false; status: 400 | 413 | 415; error: string }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** Colour types, the bit depths PNG allows for each, and their channels. */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
/** Adam7's passes: x0, y0, dx, dy. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const

/** Where each filtered scanline starts in the inflated image data, and the length it all must have. */
function pngScanlines(width: number, height: number, bitsPerPixel: number, interlaced: boolean): { starts: number[]; length: number } {
  const line = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8)
  const starts: number[] = []
  let length = 0
  const passes = interlaced ? ADAM7 : [[0, 0, 1, 1] as const]
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx)
    const h = Math.ceil((height - y0) / dy)
    if (w <= 0 || h <= 0) continue
    for (let row = 0; row < h; row++) {
      starts.push(length)
      length += line(w)
    }
  }
  return { starts, length }
}

/**
 * The PNG's size, once its chunks are whole and its image data inflates to exactly what its header
 * announces, every scanline with a known filter. Drawing it later decompresses it in a callback
 * where an error would end the process (png-js throws there): so a damaged image is refused here.
 */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 8 + 25 + 12 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The first chunk must be IHDR, 13 bytes long.
  if (view.getUint32(8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  const depth = bytes[24]!
  const colour = bytes[25]!
  const interlace = bytes[28]!
  if (!PNG_DEPTHS[colour]?.includes(depth) || bytes[26] !== 0 || bytes[27] !== 0 || interlace > 1) return null
  if (width < LOGO_MIN_SIDE || height < LOGO_MIN_SIDE || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) return { width, height }
  const data: Uint8Array[] = []
  let palette = false
  let at = 8
  for (;;) {
    if (at + 12 > bytes.length) return null
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (at + 12 + length > bytes.length) return null
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length))
    if (type === 'PLTE') palette = true
    at += 12 + length
    if (type === 'IEND') break
  }
  if (data.length === 0 || (colour === 3 && !palette)) return null
  const { starts, length } = pngScanlines(width, height, depth * PNG_CHANNELS[colour]!, interlace === 1)
  let pixels: Buffer
  try {
    // Never more than the header announces: a small file that inflates to gigabytes stops here.
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: length + 1 })
  } catch {
    return null
  }
  if (pixels.length !== length) return null
  // Each scanline starts with its filter type, 0 to 4: png-js throws on any other, in that callback too.
  if (starts.some((at) => pixels[at]! > 4)) return null
  return { width, height }
}

/** SOF markers (baseline, progressive…), not DHT (C4), JPG (C8) nor DAC (CC). */
const isFrameMarker = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1]!
    // Fill bytes, and markers without a length.
    if (marker === 0xff) { at++; continue }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue }
    if (marker === 0xd9 || marker === 0xda) return null // end of image, or scan data, before any frame header
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!
    if (length < 2 || at + 2 + length > bytes.length) return null
    if (isFrameMarker(marker)) {
      if (length < 7) return null
      return { height: (bytes[at + 5]! << 8) | bytes[at + 6]!, width: (bytes[at + 7]! << 8) | bytes[at + 8]! }
    }
    at += 2 + length
  }
  return null
}

export function inspectLogo(bytes: Uint8Array): ImageCheck {
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, status: 413, error: `A logo may weigh at most ${LOGO_MAX_BYTES / 1024} kB` }
  const png = pngSize(bytes)
  const jpeg = png ? null : jpegSize(bytes)
  const size = png ?? jpeg
  if (!size) {
    const looksLikeOne = bytes[0] === 0x89 || (bytes[0] === 0xff && bytes[1] === 0xd8)
    return looksLikeOne
      ? { ok: false, status: 400, error: 'This image is damaged or incomplete' }
      : { ok: false, status: 415, error: 'A logo must be a PNG or JPEG image' }
  }
  const { width, height } = size
  if (width < LOGO_MIN_SIDE || height < LOGO_MIN_SIDE || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) {
    return { ok: false, status: 400, error: `A logo must be between ${LOGO_MIN_SIDE} and ${LOGO_MAX_SIDE} pixels on each side (this one is ${width}×${height})` }
  }
  return { ok: true, type: png ? 'image/png' : 'image/jpeg', width, height }
}
