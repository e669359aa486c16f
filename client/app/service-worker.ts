/**
 * Registers public/sw.js, which lets a board reload while offline. The worker only caches what the
 * page fetched after it took control, so we also hand it the assets this page already loaded.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No offline reload then; everything else works.
    })
  })
}

/** Asks the worker to keep the hashed assets this page has loaded (call after lazy chunks load). */
export function cacheLoadedAssets(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return
  navigator.serviceWorker.ready.then((registration) => {
    const urls = performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
      .map((url) => url.pathname)
    registration.active?.postMessage({ type: 'cache-assets', urls })
  }).catch(() => {})
}
