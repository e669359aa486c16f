/**
 * Serves the built client: hashed assets cached for a year, everything else revalidated, and
 * index.html for any other GET that looks like a page, so client-side routes like /b/<id> work.
 * Every HTML response, however it is reached (`/`, `/index.html`, a client route), carries the
 * page CSP. A path that looks like a file (`/foo.js`, `/assets/missing.css`) and is not one is a
 * 404, never the SPA's index.html (a stale bundle must fail loudly, not run HTML as a script).
 * Files are sent as the build precompressed them (`.br`, then `.gz`, beside each file: see
 * scripts/precompress.ts) when the browser accepts it, never compressed per request. Source maps
 * stay on disk: `.map` is a 404.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { contentSecurityPolicy } from './security-headers.ts'
import { notFound } from './errors.ts'

/** Whether a path names a file rather than a client route: under /assets/, or a last segment with an extension. */
export function looksLikeFile(path: string): boolean {
  if (path.startsWith('/assets/')) return true
  const last = path.slice(path.lastIndexOf('/') + 1)
  return /\.[A-Za-z0-9]{1,10}$/.test(last)
}

export function clientRoutes(clientDir: string): Hono {
  const client = new Hono()
  const indexPath = join(clientDir, 'index.html')

  client.use('*', async (c, next) => {
    await next()
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('Content-Security-Policy', contentSecurityPolicy(c.req.header('host')))
    }
  })
  client.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  // A file sent plain to one browser and compressed to another: caches must key on the header.
  client.use('*', async (c, next) => {
    await next()
    if (c.res.ok && c.req.method === 'GET' && !c.res.headers.get('content-type')?.startsWith('application/json') && !c.res.headers.has('Vary')) {
      c.header('Vary', 'Accept-Encoding')
    }
  })
  // Source maps are for whoever runs the server, not for the public.
  client.use('*', async (c, next) => (c.req.path.endsWith('.map') ? notFound(c) : next()))
  client.use('*', serveStatic({
    root: clientDir,
    precompressed: true,
    onFound: (path, c) => {
      if (!path.includes('/assets/')) c.header('Cache-Control', 'no-cache')
    },
  }))

  client.get('*', async (c, next) => {
    if (looksLikeFile(c.req.path)) return notFound(c)
    if (!existsSync(indexPath)) {
      return c.json({ error: 'The client is not built: run `npm run build` (npm start does it for you).' }, 503)
    }
    return next()
  })
  // Any other page: the SPA's index.html, precompressed like the rest.
  client.get('*', serveStatic({
    root: clientDir,
    path: 'index.html',
    precompressed: true,
    onFound: (_path, c) => c.header('Cache-Control', 'no-cache'),
  }))
  return client
}
