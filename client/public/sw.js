/*
 * Atelier's service worker: lets a board page reload while offline (the document itself comes from
 * IndexedDB, its title and role from localStorage).
 * - Pages (navigations): network first, so a new version shows at once; offline, the cached
 *   index.html (every page path is the same single-page app).
 * - /assets/*: cache first; their names carry a content hash, so a cached copy is never stale.
 * - /api and /sync: never cached (tokens, live data).
 */
const CACHE = 'atelier-v1'
const SHELL = '/index.html'

const isAsset = (url) => url.origin === self.location.origin && url.pathname.startsWith('/assets/')
const isPrivate = (url) => url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync')

const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1])

async function cacheShell() {
  const response = await fetch('/', { cache: 'no-store' })
  if (!response.ok) return
  await storeShell(response)
}

/**
 * Keeps a new index.html. When it differs from the cached one a new version was deployed: drop the
 * old version's assets (the server no longer has them) and fetch the ones the new shell loads first.
 */
async function storeShell(response) {
  const cache = await caches.open(CACHE)
  const html = await response.clone().text()
  const previous = await cache.match(SHELL)
  if (previous && (await previous.text()) === html) return
  await cache.put(SHELL, response)
  const current = new Set(assetsOf(html))
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname
    if (path.startsWith('/assets/') && !current.has(path) && previous) await cache.delete(request)
  }
  await cacheAssets([...current])
}

async function cacheAssets(paths) {
  const cache = await caches.open(CACHE)
  await Promise.all(paths.map(async (path) => {
    if (!path.startsWith('/assets/') || (await cache.match(path))) return
    try {
      const response = await fetch(path)
      if (response.ok) await cache.put(path, response)
    } catch {
      // Offline right now: it will be cached the next time it is fetched.
    }
  }))
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().catch(() => {}).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name)
    await self.clients.claim()
  })())
})

self.addEventListener('message', (event) => {
  const data = event.data
  if (data && data.type === 'cache-assets' && Array.isArray(data.urls)) {
    event.waitUntil(cacheAssets(data.urls.filter((url) => typeof url === 'string')))
  }
})

async function networkFirstPage(event) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(event.request)
    const type = response.headers.get('content-type') || ''
    if (response.ok && type.includes('text/html')) event.waitUntil(storeShell(response.clone()))
    return response
  } catch (error) {
    const cached = await cache.match(SHELL)
    if (cached) return cached
    throw error
  }
}

async function cacheFirstAsset(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || isPrivate(url)) return
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(event))
  } else if (isAsset(url)) {
    event.respondWith(cacheFirstAsset(request))
  }
})
