/**
 * A real full disk for the SQLite store, no test hook in the server:
 *   - where the test may mount (root with CAP_SYS_ADMIN: the CI container, this sandbox), DATA_DIR
 *     is on its own small tmpfs, and `fill()` writes a filler file until the kernel says ENOSPC;
 *     SQLite then fails with SQLITE_FULL as soon as a write needs a new block. `free()` deletes it.
 *   - elsewhere, the server process's file-size limit (RLIMIT_FSIZE, `prlimit`) is lowered to the
 *     size of its largest file: a write past the end of a file fails with EFBIG, the way a full
 *     disk fails it. `free()` lifts it.
 * ATELIER_TEST_FULL_DISK=prlimit takes the second way even where mounting is allowed.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FullDisk {
  readonly kind: 'tmpfs' | 'prlimit'
  /** The DATA_DIR to give the server. */
  readonly dataDir: string
  /** Makes the disk full for the server process `pid`. */
  fill(pid: number): void
  /** Gives the space back. */
  free(pid: number): void
  /** Unmounts and removes what it made. */
  dispose(): void
}

const commandWorks = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Whether either way is available here (tmpfs needs mount rights, the other `prlimit`). */
export const fullDiskAvailable = (): boolean => commandWorks('prlimit', ['--version']) || canMount()

let mountable: boolean | null = null
function canMount(): boolean {
  if (mountable !== null) return mountable
  const probe = mkdtempSync(join(process.env.ATELIER_TEST_TMP ?? tmpdir(), 'atelier-mount-probe-'))
  mountable = commandWorks('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe])
  if (mountable) commandWorks('umount', [probe])
  rmSync(probe, { recursive: true, force: true })
  return mountable
}

/** A data folder whose disk can be made full; tmpfs of `sizeMiB` when mounting is allowed. */
export function fullDisk(sizeMiB = 16): FullDisk {
  const root = mkdtempSync(join(process.env.ATELIER_TEST_TMP ?? tmpdir(), 'atelier-full-disk-'))
  if (process.env.ATELIER_TEST_FULL_DISK !== 'prlimit' && canMount()) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', root])
    const dataDir = join(root, 'data')
    mkdirSync(dataDir)
    const filler = join(root, 'filler')
    return {
      kind: 'tmpfs',
      dataDir,
      fill() {
        const fd = openSync(filler, 'a')
        const chunk = Buffer.alloc(64 * 1024, 0x61)
        try {
          for (;;) writeSync(fd, chunk)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        } finally {
          closeSync(fd)
        }
        // The last partial blocks too.
        const fd2 = openSync(filler, 'a')
        try {
          for (;;) writeSync(fd2, Buffer.alloc(512, 0x61))
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        } finally {
          closeSync(fd2)
        }
      },
      free() {
        unlinkSync(filler)
      },
      dispose() {
        commandWorks('umount', ['-l', root])
        rmSync(root, { recursive: true, force: true })
      },
    }
  }
  const dataDir = join(root, 'data')
  mkdirSync(dataDir)
  return {
    kind: 'prlimit',
    dataDir,
    fill(pid) {
      const largest = Math.max(...readdirSync(dataDir).map((name) => statSync(join(dataDir, name)).size))
      execFileSync('prlimit', ['--pid', String(pid), `--fsize=${largest}:`])
    },
    free(pid) {
      execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:'])
    },
    dispose() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}
