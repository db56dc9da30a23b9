import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import Busboy from 'busboy'

/**
 * One file and a few small text fields, read from a multipart/form-data body as it arrives (busboy over the
 * request's stream: `Readable.fromWeb` works under @hono/node-server and app.fetch alike). The uploads of
 * photos (server/files/photo-upload.ts) and of approvals' PDFs (server/files/pdf-upload.ts) share it
 * (decisions 81, 83). Limits are enforced while reading, so nothing beyond them is held: the file's size
 * (413 the moment it is passed), the whole request's (a file at its limit plus endless other parts is still
 * refused), one file, a few fields of at most 1 kB. The file is recognised by its first bytes as soon as they
 * arrive (`sniff`), and anything else is refused (415) without reading the rest. At most this one file's bytes
 * are held in memory. Node only (the browser demo swaps the modules that call it).
 */

/** A staged upload's file name starts so (server/files/upload-staging.ts removes what a crash left). */
export const STAGED_UPLOAD_PREFIX = '.upload-'

export type UploadRefusal = { ok: false; status: 400 | 413 | 415 | 422; code: string; message: string; fields?: Record<string, string> }

export type SingleFileForm<T> = {
  ok: true
  /** The file's bytes, or (with `stageDir`) the path of the file they were written to, which the caller removes. */
  content: Uint8Array | { path: string }
  /** What the sniffer recognised (e.g. the image's type). */
  sniffed: T
  /** The name the client gave the file (not trusted for anything but display). */
  fileName: string
  /** The text fields sent, by name (only those asked for). */
  fields: Record<string, string>
  /** Text fields cut at 1 kB (their value in `fields` is incomplete). */
  truncated: ReadonlySet<string>
}

export type SingleFileFormOptions<T> = {
  /** The file part's name (`file`). */
  fileField: string
  /** The text fields kept; others are ignored. */
  textFields: readonly string[]
  maxFileBytes: number
  /** The whole request at most (the file and the form around it). */
  maxRequestBytes: number
  /** How many first bytes the sniffer needs (fewer when the file is shorter). */
  sniffBytes: number
  sniff: (head: Uint8Array) => { ok: true; value: T } | { ok: false; message: string }
  /**
   * A folder to write the file into as it arrives instead of holding it in memory (photos: fifty uploads at once
   * waiting for their turn to be re-encoded would otherwise hold fifty files' bytes). Refused or broken uploads
   * leave nothing there.
   */
  stageDir?: string
  messages: {
    /** No file, or an empty one. */
    missing: string
    /** Over the size limit. */
    tooLarge: string
    /** A second file, or a file in another field. */
    oneFile: string
    /** Not multipart/form-data at all. */
    notMultipart: string
    /** Too many fields or parts. */
    tooManyFields: string
    /** A second file in another field: the top-level message (the field's is `oneFile`). */
    wrongField: string
  }
}

const FIELD_MAX_BYTES = 1024

export function readSingleFileForm<T>(request: Request, options: SingleFileFormOptions<T>): Promise<SingleFileForm<T> | UploadRefusal> {
  const { messages } = options
  const contentType = request.headers.get('content-type') ?? ''
  if (!request.body) return Promise.resolve({ ok: false, status: 400, code: 'invalid_body', message: messages.missing, fields: { [options.fileField]: messages.missing } })
  return new Promise((resolve) => {
    let busboy: Busboy.Busboy
    try {
      busboy = Busboy({
        headers: { 'content-type': contentType },
        // busboy stops at fileSize bytes and says 'limit' on reaching it: one byte more, so a file of exactly the limit is taken.
        limits: { files: 1, fileSize: options.maxFileBytes + 1, fields: 4, fieldSize: FIELD_MAX_BYTES, parts: 6, headerPairs: 20 },
      })
    } catch {
      resolve({ ok: false, status: 415, code: 'unsupported_media_type', message: messages.notMultipart })
      return
    }
    const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)
    let settled = false
    const finish = (result: SingleFileForm<T> | UploadRefusal) => {
      if (settled) return
      settled = true
      if (!result.ok) {
        // Stop reading: what is left of the body is not wanted.
        source.unpipe(busboy)
        source.destroy()
        // A refused or broken upload leaves no staged file behind.
        const staged = (file as Current | null)?.staged
        if (staged) {
          // Removed once the stream is closed: its file may still be being opened, and would appear after an unlink.
          const remove = () => void unlink(staged.path).catch(() => undefined)
          if (staged.out.closed) remove()
          else staged.out.once('close', remove).destroy()
        }
      }
      resolve(result)
    }
    const refuse = (status: UploadRefusal['status'], code: string, message: string, fields?: Record<string, string>) =>
      finish({ ok: false, status, code, message, ...(fields ? { fields } : {}) })
    const onFile = (message: string) => ({ [options.fileField]: message })

    type Current = { chunks: Uint8Array[]; size: number; sniffed: { value: T } | null; fileName: string; done: boolean; staged: { path: string; out: WriteStream } | null }
    let file: Current | null = null
    const fields: Record<string, string> = {}
    const truncated = new Set<string>()
    busboy.on('file', (name, stream, info) => {
      if (name !== options.fileField || file) {
        stream.resume()
        refuse(400, 'invalid_body', messages.wrongField, onFile(messages.oneFile))
        return
      }
      const stagedPath = options.stageDir ? join(options.stageDir, `${STAGED_UPLOAD_PREFIX}${randomUUID()}`) : null
      const current: Current = { chunks: [], size: 0, sniffed: null, fileName: info.filename ?? '', done: false, staged: stagedPath ? { path: stagedPath, out: createWriteStream(stagedPath) } : null }
      current.staged?.out.on('error', () => refuse(400, 'invalid_body', '上传中断，请重新上传'))
      file = current
      let head = new Uint8Array(0)
      const judge = () => {
        const sniffed = options.sniff(head)
        if (!sniffed.ok) {
          refuse(415, 'unsupported_media_type', sniffed.message, onFile(sniffed.message))
          return
        }
        current.sniffed = { value: sniffed.value }
      }
      stream.on('data', (chunk: Buffer) => {
        if (settled) return
        if (current.staged) {
          // Written as it comes, at the disk's pace (the request is paused while the file catches up).
          if (!current.staged.out.write(chunk)) {
            stream.pause()
            current.staged.out.once('drain', () => stream.resume())
          }
        } else current.chunks.push(chunk)
        current.size += chunk.byteLength
        if (current.sniffed === null) {
          head = Buffer.concat([head, chunk]).subarray(0, options.sniffBytes)
          if (head.byteLength >= options.sniffBytes) judge()
        }
      })
      stream.on('limit', () => refuse(413, 'payload_too_large', messages.tooLarge, onFile(messages.tooLarge)))
      stream.on('end', () => {
        current.done = true
        // A file shorter than the sniffer's look is judged by what there is.
        if (current.sniffed === null && !settled) judge()
      })
    })
    busboy.on('field', (name, value, info) => {
      if (!options.textFields.includes(name)) return
      fields[name] = value
      if (info.valueTruncated) truncated.add(name)
    })
    busboy.on('filesLimit', () => refuse(400, 'invalid_body', messages.oneFile, onFile(messages.oneFile)))
    busboy.on('fieldsLimit', () => refuse(400, 'invalid_body', messages.tooManyFields))
    busboy.on('partsLimit', () => refuse(400, 'invalid_body', messages.tooManyFields))
    busboy.on('error', () => refuse(400, 'invalid_body', '上传内容不完整或格式有误，请重新上传'))
    source.on('error', () => refuse(400, 'invalid_body', '上传中断，请重新上传'))
    // The request as a whole is counted too (a file at its limit plus endless other parts is still refused).
    let received = 0
    source.on('data', (chunk: Buffer) => {
      received += chunk.byteLength
      if (received > options.maxRequestBytes) refuse(413, 'payload_too_large', messages.tooLarge, onFile(messages.tooLarge))
    })
    busboy.on('close', () => {
      const got = file as Current | null
      if (!got || got.size === 0) return refuse(400, 'invalid_body', messages.missing, onFile(messages.missing))
      if (!got.done || got.sniffed === null) return refuse(400, 'invalid_body', '上传中断，请重新上传')
      const sniffed = got.sniffed.value
      if (!got.staged) return finish({ ok: true, content: Buffer.concat(got.chunks), sniffed, fileName: got.fileName, fields, truncated })
      const { path, out } = got.staged
      out.end(() => finish({ ok: true, content: { path }, sniffed, fileName: got.fileName, fields, truncated }))
    })
    source.pipe(busboy)
  })
}
