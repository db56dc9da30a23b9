import type { Context } from 'hono'
import { fail } from '../routes/context'
import type { ByteRange, FileStore } from './store'

/**
 * A stored file as it is answered: its name, media type and size (from the `files` table), and the name the
 * reader sees. `cache`: 'immutable' (the default) when the URL names these bytes for ever (a photo's URL);
 * 'revalidate' when the URL may come to answer other bytes (an approval's PDF, replaced by a new upload): kept
 * privately but asked again each time, answered 304 by its ETag while unchanged.
 */
export type ServedFile = { id: string; type: string; size: number; fileName: string; cache?: 'immutable' | 'revalidate' }

/** A year: a file's name is its content's hash, so the bytes behind a URL never change. */
export const FILE_MAX_AGE_SECONDS = 31_536_000

/**
 * The range a Range header asks for, against a file of `size` bytes: one range (`bytes=0-99`, `bytes=100-`,
 * `bytes=-500`), clipped to the file; 'unsatisfiable' when it starts past the end; null (answer the whole
 * file) when there is no header, it is malformed, or it asks for several ranges (RFC 9110 lets a server ignore it).
 */
export function rangeOf(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (start >= size) return 'unsatisfiable'
  if (end < start) return null
  return { start, end }
}

/** `inline; filename="…"` with the name in ASCII and, when it is not, in UTF-8 (RFC 6266/5987). */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * Answer a stored file to a reader already allowed to read it (the caller checked the project): its stored
 * type, `X-Content-Type-Options: nosniff` (a browser never takes it for something else), an inline
 * Content-Disposition, private caching for a year (content-addressed: immutable), its hash as a strong
 * ETag (If-None-Match → 304), and single byte ranges (206, If-Range honoured; 416 past the end) — what a PDF
 * viewer asks for. Exported for every file route (photos now, the approvals' PDFs next).
 */
export async function serveFile(c: Context, store: FileStore, file: ServedFile): Promise<Response> {
  const etag = `"${file.id}"`
  const headers = new Headers({
    'Content-Type': file.type,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': inlineDisposition(file.fileName),
    'Cache-Control': file.cache === 'revalidate' ? 'private, no-cache' : `private, max-age=${FILE_MAX_AGE_SECONDS}, immutable`,
    ETag: etag,
    'Accept-Ranges': 'bytes',
  })
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))) {
    return new Response(null, { status: 304, headers })
  }
  // If-Range: the range applies only to the version the client holds (ours never changes, but the tag must match).
  const ifRange = c.req.header('if-range')
  const range = ifRange === undefined || ifRange.trim() === etag ? rangeOf(c.req.header('range'), file.size) : null
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${file.size}`)
    headers.set('Content-Type', 'application/json; charset=utf-8')
    return new Response(JSON.stringify({ error: { code: 'range_not_satisfiable', message: `请求的范围超出文件大小（${file.size} 字节）` } }), { status: 416, headers })
  }
  if (range) {
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`)
    headers.set('Content-Length', String(range.end - range.start + 1))
  } else headers.set('Content-Length', String(file.size))
  const status = range ? 206 : 200
  // HEAD: the headers only; the file is not opened.
  if (c.req.method === 'HEAD') return new Response(null, { status, headers })
  const read = await store.get(file.id, range ?? undefined)
  if (!read) return fail(c, 404, 'not_found', '文件不存在（存储中找不到该文件）')
  return new Response(read.body, { status, headers })
}
