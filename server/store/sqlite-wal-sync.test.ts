import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WalSync } from './sqlite-wal-sync.ts'

describe('WalSync (group fdatasync of the SQLite log)', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })
  const files = () => {
    const folder = mkdtempSync(join(tmpdir(), 'atelier-wal-sync-'))
    folders.push(folder)
    const data = join(folder, 'db')
    writeFileSync(data, 'data')
    return { wal: `${data}-wal`, data }
  }

  it('callers of one moment share one sync; a write made while it runs waits for the next one, which covers everyone waiting', async () => {
    const { wal, data } = files()
    writeFileSync(wal, 'frames')
    const sync = new WalSync(wal, data)
    sync.noteWrite()
    const first = sync.sync()
    expect(sync.sync()).toBe(first)
    sync.noteWrite()
    const second = sync.sync()
    expect(second).not.toBe(first)
    sync.noteWrite()
    expect(sync.sync()).toBe(second)
    await Promise.all([first, second])
    await sync.close()
  })

  it('with nothing written since the last sync, resolves at once; closed, it refuses', async () => {
    const { wal, data } = files()
    writeFileSync(wal, 'frames')
    const sync = new WalSync(wal, data)
    let done = false
    await sync.sync().then(() => { done = true })
    expect(done).toBe(true)
    sync.noteWrite()
    await sync.sync()
    await sync.close()
    await expect(sync.sync()).rejects.toThrow('closed')
  })

  it('syncs the data file while there is no log, and the log once it exists', async () => {
    const { wal, data } = files()
    const sync = new WalSync(wal, data)
    sync.noteWrite()
    await expect(sync.sync()).resolves.toBeUndefined()
    writeFileSync(wal, 'frames')
    sync.noteWrite()
    await expect(sync.sync()).resolves.toBeUndefined()
    await sync.close()
  })

  it('a sync that fails refuses every later one (the kernel may have dropped what it could not write)', async () => {
    const { data } = files()
    // fdatasync of a character device fails (EINVAL): a real failing fsync, no disk fault needed.
    const sync = new WalSync('/dev/null', data)
    sync.noteWrite()
    await expect(sync.sync()).rejects.toThrow(/could not be synced to disk/)
    await expect(sync.sync()).rejects.toThrow(/until the server restarts/)
    sync.noteWrite()
    await expect(sync.sync()).rejects.toThrow(/until the server restarts/)
    await sync.close()
  })

  it('a log that cannot be opened rejects its callers, and the next write is tried again', async () => {
    const { wal, data } = files()
    rmSync(data)
    const sync = new WalSync(wal, data)
    sync.noteWrite()
    await expect(sync.sync()).rejects.toThrow(/ENOENT/)
    writeFileSync(wal, 'frames')
    sync.noteWrite()
    await expect(sync.sync()).resolves.toBeUndefined()
    await sync.close()
  })
})
