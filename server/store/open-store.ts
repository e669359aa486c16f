/** The one place that picks the store: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import type { ServerConfig } from '../config.ts'
import type { BoardStore } from './board-store.ts'
import { openPostgresStore } from './postgres-store.ts'
import { openSqliteStore } from './sqlite-store.ts'

export type StoreKind = 'sqlite' | 'postgres'

export const storeKindOf = (config: Pick<ServerConfig, 'databaseUrl'>): StoreKind => config.databaseUrl ? 'postgres' : 'sqlite'

export async function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<BoardStore> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir)
}
