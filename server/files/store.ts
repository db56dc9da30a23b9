/**
 * Files that hold at scale (issue 28 §3, decision 81): every stored file is named by the SHA-256 of its
 * bytes (64 hex characters), so the same bytes are stored once, a name never points at other bytes, and a
 * write either puts the whole file under its name or nothing. Three stores answer the same interface: the
 * embedded one under DATA_DIR/files (server/files/local-store.ts), an S3-compatible object store for several
 * servers over one PostgreSQL (server/files/s3-store.ts), and this module's in-memory one (tests, the
 * browser demo). Nothing is ever deleted here: a file may be named by an approved report, another project or
 * the audit log, and this release keeps every file it stored (decision 81).
 *
 * This module uses no Node module: server/api.ts, which runs in the demo's browser too, imports it.
 */

/** What a store keeps of a file: its name (the SHA-256 of its bytes, hex) and its size in bytes. */
export type StoredFile = { id: string; size: number }

/** A byte range, both ends included (as HTTP's Range header counts). */
export type ByteRange = { start: number; end: number }

/** A file's bytes (or a range of them) as a stream, with the whole file's size. */
export type FileRead = { body: ReadableStream<Uint8Array>; size: number }

export type FileStore = {
  /** Where the files are, for the log and the README: 'memory', 'local' or 's3'. */
  readonly kind: 'memory' | 'local' | 's3'
  /**
   * Store bytes (or a stream of them; the caller bounds its size) under their SHA-256; the same bytes again
   * are not written twice. Resolves once the file is durably in place — only then may a record name it.
   */
  put(content: Uint8Array | ReadableStream<Uint8Array>, options: { type: string }): Promise<StoredFile>
  /** The file's bytes, or the range asked for (the caller checked the range against the size); null when absent. */
  get(id: string, range?: ByteRange): Promise<FileRead | null>
  exists(id: string): Promise<boolean>
}

/** A photo upload's whole request at most: the photo (15 MB) and its form around it. */
export const PHOTO_REQUEST_MAX_BYTES = 15 * 1024 * 1024 + 64 * 1024

/** A file name: 64 lower-case hex characters. */
export const FILE_ID = /^[0-9a-f]{64}$/

export function hex(digest: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** SHA-256 of bytes, hex (WebCrypto: in Node and in the browser). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
}

/** A stream read whole (the stores that need the bytes before the name: memory, S3). */
export async function bytesOf(content: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  // Not `instanceof Uint8Array`: bytes made in another realm (a Buffer from sharp under jsdom's globals) are bytes too.
  if (ArrayBuffer.isView(content)) return content as Uint8Array
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = content.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  const whole = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    whole.set(chunk, at)
    at += chunk.byteLength
  }
  return whole
}

/** One chunk as a stream. */
export const streamOf = (bytes: Uint8Array): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })

/** Files kept in this process's memory: the tests' default and the browser demo's (gone when the process ends). */
export function memoryFileStore(): FileStore {
  const files = new Map<string, Uint8Array>()
  return {
    kind: 'memory',
    async put(content) {
      const bytes = await bytesOf(content)
      const id = await sha256Hex(bytes)
      if (!files.has(id)) files.set(id, bytes.slice())
      return { id, size: bytes.byteLength }
    },
    async get(id, range) {
      const bytes = files.get(id)
      if (!bytes) return null
      return { body: streamOf(range ? bytes.subarray(range.start, range.end + 1) : bytes), size: bytes.byteLength }
    },
    async exists(id) {
      return files.has(id)
    },
  }
}
