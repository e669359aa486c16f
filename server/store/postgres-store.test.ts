import { describe } from 'vitest'
import { createTestDatabase, postgresAvailable } from '../../tests/helpers/postgres.ts'
import { describeBoardStore } from './board-store.contract.ts'
import { openPostgresStore } from './postgres-store.ts'

// A fresh database of the test cluster (tests/helpers/postgres.ts); skipped with a message without
// PostgreSQL, a failure when CI is set.
if (postgresAvailable()) {
  describeBoardStore('PostgreSQL', async () => {
    const database = await createTestDatabase()
    return { open: () => openPostgresStore(database.url), env: { DATABASE_URL: database.url }, dispose: database.drop, locksAcrossInstances: true }
  })
} else {
  describe.skip('BoardStore contract: PostgreSQL (no PostgreSQL here)', () => {})
}
