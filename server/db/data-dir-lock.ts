import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/**
 * One process per embedded data folder (docs/decisions/072), as PostgreSQL keeps one postmaster per data
 * directory with `postmaster.pid`: the server and the CLI create `DATA_DIR/nanan.pid` exclusively before
 * opening the database, and refuse to go on while another live process holds it. Two processes writing one
 * PGlite folder lose acknowledged writes; a clear refusal at start is the only safe answer. A lock left by a
 * process killed with -9 names a process that is gone (or that is no Node process any more): it is taken over.
 */
export const LOCK_FILE = 'nanan.pid'

export class DataDirInUse extends Error {}

/** Whether a process of that id is alive and is a Node process (a reused id after a reboot is not ours). */
function holderAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but is another user's; ESRCH: it is gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return true // no /proc (not Linux): trust the signal check
  }
}

/** Take the folder's lock, or throw DataDirInUse naming the process that holds it. Released at exit. */
export function lockDataDir(dataDir: string, what = 'server'): { release: () => void } {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, `${process.pid}\n${what}\n${new Date().toISOString()}\n`)
      closeSync(fd)
      const release = () => {
        try {
          if (readFileSync(path, 'utf8').split('\n')[0] === String(process.pid)) unlinkSync(path)
        } catch {
          // Already gone.
        }
      }
      process.once('exit', release)
      return { release }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const [pidText, holder = 'process', since = ''] = readFileSync(path, 'utf8').split('\n')
    const pid = Number(pidText)
    if (holderAlive(pid) && pid !== process.pid) {
      throw new DataDirInUse(
        `data directory ${dataDir} is in use by another ${holder} (pid ${pid}, since ${since}): the embedded database admits one process — stop it first, or use DATABASE_URL (数据目录正被另一进程使用，请先停止它)`,
      )
    }
    if (pid === process.pid) throw new DataDirInUse(`data directory ${dataDir} is already open in this process`)
    // Stale: its process is gone (killed with -9, or the machine restarted). Take it over.
    unlinkSync(path)
  }
  throw new DataDirInUse(`data directory ${dataDir}: could not take its lock`)
}
