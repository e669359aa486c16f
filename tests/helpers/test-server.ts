/**
 * The usual frame of an integration test: one real server for the file, started before and
 * stopped after, and sync clients that are all destroyed at the end.
 */
import { afterAll, beforeAll } from 'vitest'
import type * as Y from 'yjs'
import { startServer, type TestServer } from './server.ts'
import { connectClient, type SyncClient } from './sync-client.ts'

export interface ServerFixture {
  /** The running server (replace it after a restart with `restart()`). */
  readonly server: TestServer
  /** A stock y-websocket client on a board, destroyed after the file's tests. */
  connect(boardId: string, token: string, doc?: Y.Doc, options?: Parameters<typeof connectClient>[4]): SyncClient
  /** Stops the server (SIGTERM) and starts a new one on the same DATA_DIR (or database). */
  restart(): Promise<TestServer>
}

export function useTestServer(options: Parameters<typeof startServer>[0] = {}): ServerFixture {
  let server: TestServer | null = null
  const clients: SyncClient[] = []
  // On PostgreSQL the first test of a run also waits for the throwaway cluster (initdb: ~10 s, more when loaded).
  beforeAll(async () => { server = await startServer(options) }, options.store === 'postgres' ? 120_000 : undefined)
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.stop()
  })
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll')
      return server
    },
    connect(boardId, token, doc, connectOptions) {
      const client = connectClient(this.server.wsUrl, boardId, token, doc, connectOptions)
      clients.push(client)
      return client
    },
    async restart() {
      const { dataDir, databaseUrl } = this.server
      await this.server.stop()
      server = await startServer({ ...options, dataDir, databaseUrl })
      return server
    },
  }
}
