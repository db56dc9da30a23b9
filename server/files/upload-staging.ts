import { mkdir, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { STAGED_UPLOAD_PREFIX } from './multipart'

/**
 * The folder photo uploads are staged in while they are read and re-encoded (decision 81): `DATA_DIR/uploads`,
 * beside the data they belong to rather than in the machine's temp folder, and emptied of what a killed server
 * left there (a staged upload is never named by any record: the photo is stored and recorded only after it
 * was read whole). Returns the folder.
 */
export async function openUploadStaging(dataDir: string): Promise<{ dir: string; removed: number }> {
  const dir = join(dataDir, 'uploads')
  await mkdir(dir, { recursive: true })
  let removed = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.startsWith(STAGED_UPLOAD_PREFIX)) {
      await unlink(join(dir, entry.name)).catch(() => {})
      removed++
    }
  }
  return { dir, removed }
}
