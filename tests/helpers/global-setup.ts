/** Vitest global setup: one temp folder for every DATA_DIR of the run, removed at the end. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'atelier-test-'))
  process.env.ATELIER_TEST_TMP = root
  return () => rmSync(root, { recursive: true, force: true })
}
