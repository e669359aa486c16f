/**
 * A QR code as inline SVG (qrcode computes the modules; we draw them as one path, so no canvas, no
 * data: URL, nothing the CSP must allow). Black on white with the 4-module quiet zone scanners need.
 */
import { useMemo } from 'react'
import QRCode from 'qrcode'

const QUIET_ZONE = 4

export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, extent } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    let d = ''
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
      }
    }
    return { path: d, extent: modules.size + 2 * QUIET_ZONE }
  }, [text])

  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shapeRendering="crispEdges">
      <rect width={extent} height={extent} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
