/**
 * This device's offset to the server's clock, measured with `GET /api/time`: the server's time is
 * taken to be the middle of the round trip (RTT/2), and of a few tries the one with the shortest
 * round trip wins (the least queued). The timer is computed from it, so a device whose clock is
 * minutes off still shows the room's time. Measured again after every reconnection.
 */
import { useEffect, useState } from 'react'
import { fetchServerTime } from '../http/room-api.ts'

export interface ClockOffset {
  /** Add to Date.now() to get the server's time. */
  offsetMs: number
  /** The round trip of the measure kept. */
  rttMs: number
}

export async function measureOffset(tries = 3): Promise<ClockOffset | null> {
  let best: ClockOffset | null = null
  for (let i = 0; i < tries; i++) {
    const sent = performance.now()
    const sentAt = Date.now()
    const result = await fetchServerTime()
    const rttMs = performance.now() - sent
    if (!result.ok) continue
    const offsetMs = result.value.now - (sentAt + rttMs / 2)
    if (!best || rttMs < best.rttMs) best = { offsetMs, rttMs }
  }
  return best
}

/** The offset to the server's clock (0 until measured); measured again when `connected` turns true. */
export function useServerOffset(connected: boolean): number {
  const [offset, setOffset] = useState(0)
  useEffect(() => {
    if (!connected) return
    let live = true
    measureOffset().then((measured) => { if (live && measured) setOffset(measured.offsetMs) })
    return () => { live = false }
  }, [connected])
  return offset
}

/** The server's time now, refreshed every `everyMs` while `active`. */
export function useServerNow(offsetMs: number, active: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs)
  useEffect(() => {
    setNow(Date.now() + offsetMs)
    if (!active) return
    const timer = setInterval(() => setNow(Date.now() + offsetMs), everyMs)
    return () => clearInterval(timer)
  }, [offsetMs, active, everyMs])
  return now
}
