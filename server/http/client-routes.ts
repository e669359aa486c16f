/**
 * Serves the built client: hashed assets cached for a year, everything else revalidated, and
 * index.html (with the page CSP) for any other GET so client-side routes like /b/<id> work.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { contentSecurityPolicy } from './security-headers.ts'

export function clientRoutes(clientDir: string): Hono {
  const client = new Hono()
  const indexPath = join(clientDir, 'index.html')

  client.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  client.use('*', serveStatic({
    root: clientDir,
    onFound: (path, c) => {
      if (!path.includes('/assets/')) c.header('Cache-Control', 'no-cache')
    },
  }))

  client.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.json({ error: 'The client is not built: run `npm run build` (npm start does it for you).' }, 503)
    }
    c.header('Content-Security-Policy', contentSecurityPolicy(c.req.header('host')))
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexPath, 'utf8'))
  })
  return client
}
