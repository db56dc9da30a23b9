import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { FILE_ID, type FileStore } from './store'

/**
 * The embedded store: DATA_DIR/files/ab/cdef… (the SHA-256's first two hex characters as a folder, the rest
 * as the name; 256 folders keep any one folder small). A file is written to a temporary name (`.tmp-…`) in
 * the same folder tree, flushed to disk (fsync), then renamed into place and its folder flushed: rename is
 * atomic on one file system, so a crash leaves the whole file or none under its name, never half of one.
 * The record naming it is written after put() resolves, in the write's transaction (server/routes/photos.ts).
 * Temporary files a crash left behind are removed when the store opens (one process per data folder,
 * decision 72, so none is in use then).
 */
export async function openLocalFileStore(dataDir: string): Promise<FileStore & { root: string }> {
  const root = join(dataDir, 'files')
  await mkdir(root, { recursive: true })
  await sweepTemporaryFiles(root)
  return localFileStore(root)
}

const TEMP_PREFIX = '.tmp-'
const tempName = () => `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`

/** Where a file lives: root/ab/cdef… */
const placeOf = (root: string, id: string) => ({ dir: join(root, id.slice(0, 2)), path: join(root, id.slice(0, 2), id.slice(2)) })

async function exists(path: string) {
  try {
    await stat(path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

/** Flush a folder's entries (the rename) to disk; not every platform lets a folder be opened for this. */
async function syncDir(dir: string) {
  const handle = await open(dir, 'r').catch(() => null)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself was atomic either way.
  } finally {
    await handle.close()
  }
}

/** Remove the temporary files an interrupted write left (in the root and in each ab/ folder). */
export async function sweepTemporaryFiles(root: string): Promise<number> {
  let removed = 0
  const sweep = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX)) {
        await unlink(join(dir, entry.name)).catch(() => {})
        removed++
      } else if (entry.isDirectory() && dir === root && /^[0-9a-f]{2}$/.test(entry.name)) await sweep(join(dir, entry.name))
    }
  }
  await sweep(root)
  return removed
}

export function localFileStore(root: string): FileStore & { root: string } {
  /** Write chunks to a temporary file in `dir`, hashing them; flushed and closed. Removed again on any failure. */
  const writeTemp = async (dir: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => {
    const temp = join(dir, tempName())
    const hash = createHash('sha256')
    let size = 0
    const handle = await open(temp, 'wx', 0o640)
    try {
      for await (const chunk of chunks) {
        hash.update(chunk)
        size += chunk.byteLength
        await handle.write(chunk)
      }
      await handle.sync()
    } catch (error) {
      await handle.close().catch(() => {})
      await unlink(temp).catch(() => {})
      throw error
    }
    await handle.close()
    return { temp, id: hash.digest('hex'), size }
  }

  /** Put the flushed temporary file under its name (or drop it: the same bytes are already there). */
  const settle = async (temp: string, id: string) => {
    const { dir, path } = placeOf(root, id)
    try {
      await mkdir(dir, { recursive: true })
      if (await exists(path)) await unlink(temp)
      else {
        await rename(temp, path)
        await syncDir(dir)
      }
    } catch (error) {
      await unlink(temp).catch(() => {})
      throw error
    }
  }

  return {
    kind: 'local',
    root,
    async put(content) {
      if (ArrayBuffer.isView(content)) {
        // The name is known first: the temporary file goes in the file's own folder.
        const id = createHash('sha256').update(content).digest('hex')
        const { dir, path } = placeOf(root, id)
        if (await exists(path)) return { id, size: content.byteLength }
        await mkdir(dir, { recursive: true })
        const { temp } = await writeTemp(dir, [content])
        await settle(temp, id)
        return { id, size: content.byteLength }
      }
      // A stream: its name is known only at its end, so it is written in the root first (same file system).
      const { temp, id, size } = await writeTemp(root, content as unknown as AsyncIterable<Uint8Array>)
      await settle(temp, id)
      return { id, size }
    },
    async get(id, range) {
      if (!FILE_ID.test(id)) return null
      const { path } = placeOf(root, id)
      let size: number
      try {
        size = (await stat(path)).size
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {})
      return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, size }
    },
    async exists(id) {
      return FILE_ID.test(id) && exists(placeOf(root, id).path)
    },
  }
}
