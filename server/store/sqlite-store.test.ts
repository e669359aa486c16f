import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeBoardStore } from './board-store.contract.ts'
import { openSqliteStore } from './sqlite-store.ts'

describeBoardStore('SQLite', async () => {
  const dataDir = mkdtempSync(join(process.env.ATELIER_TEST_TMP ?? tmpdir(), 'atelier-store-'))
  return { open: async () => openSqliteStore(dataDir), env: { DATA_DIR: dataDir, DATABASE_URL: '' } }
})
