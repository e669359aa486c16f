/** The one place that picks the store: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import type { ServerConfig } from '../config.ts'
import type { BoardStore } from './board-store.ts'

export type StoreKind = 'sqlite' | 'postgres'

export const storeKindOf = (config: Pick<ServerConfig, 'databaseUrl'>): StoreKind => config.databaseUrl ? 'postgres' : 'sqlite'

// Imported on use: a server loads one driver, not both (pg alone is about 6 MiB of memory).
export async function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<BoardStore> {
  if (config.databaseUrl) return (await import('./postgres-store.ts')).openPostgresStore(config.databaseUrl)
  return (await import('./sqlite-store.ts')).openSqliteStore(config.dataDir)
}
