/**
 * A short soft sound for the end of the timer: two quiet sine tones fading out (Web Audio, no file
 * to load). Browsers only let a page play sound after a person interacted with it: `unlockSound()`
 * is called on the room display's clicks (its full-screen button) to allow it.
 */
let context: AudioContext | null = null

function audio(): AudioContext | null {
  if (context) return context
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctor) return null
  try {
    context = new Ctor()
  } catch {
    return null
  }
  return context
}

export function unlockSound(): void {
  void audio()?.resume().catch(() => {})
}

export function playSoftChime(): void {
  const ctx = audio()
  if (!ctx || ctx.state !== 'running') return
  const start = ctx.currentTime
  for (const [i, frequency] of [660, 880].entries()) {
    const oscillator = ctx.createOscillator()
    const gain = ctx.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    const at = start + i * 0.35
    gain.gain.setValueAtTime(0, at)
    gain.gain.linearRampToValueAtTime(0.12, at + 0.04)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.2)
    oscillator.connect(gain).connect(ctx.destination)
    oscillator.start(at)
    oscillator.stop(at + 1.25)
  }
}
