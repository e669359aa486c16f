/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { precompress } from './scripts/precompress.ts'

const serverPort = Number(process.env.PORT ?? 8080)

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // Source maps are written for debugging a build on the server's disk, never referenced from the
    // bundles nor served (server/http/client-routes.ts answers 404 for .map).
    sourcemap: 'hidden',
  },
  server: {
    // `npm run dev`: the Hono server runs beside Vite; API and sync go to it.
    proxy: {
      '/api': { target: `http://127.0.0.1:${serverPort}` },
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts'],
    environment: 'node',
    // The second stops the throwaway PostgreSQL cluster, if a test started one (tests/helpers/postgres.ts).
    globalSetup: ['tests/helpers/global-setup.ts', 'tests/helpers/postgres-global-setup.ts'],
    // Browser tests of several pages take 10–30 s on this 2-core machine, more beside another test file.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests and server-process tests are heavy on a 2-core machine: don't oversubscribe.
    maxWorkers: 2,
  },
})
