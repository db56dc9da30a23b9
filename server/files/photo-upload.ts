import { unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import exifReader from 'exif-reader'
import { PHOTO_FORM, PHOTO_LIMITS, type PhotoType } from '@/contract/photos'
import { SNIFF_BYTES, captureInstant, sniffImage } from '@/domain/report-photos'
import { ImageProcess } from './image-process'
import { readSingleFileForm, type UploadRefusal } from './multipart'
import { PHOTO_REQUEST_MAX_BYTES } from './store'

/**
 * A photo upload, read and re-encoded (decision 81). Node only: the demo's browser build swaps this module for
 * server/browser/photo-upload.ts (vite.config.ts), which answers that photos cannot be uploaded there.
 */

export type { UploadRefusal }
/** `source`: the photo's bytes, or the path of the file they were staged in (the caller removes it: `discardUpload`). */
export type PhotoUpload = { ok: true; source: Uint8Array | string; type: PhotoType; caption: string | undefined; fileName: string }

const TOO_LARGE = `照片超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB，请压缩后上传（手机相册“编辑/导出”或微信发送原图以外的方式可减小文件）`

/**
 * Read a multipart/form-data body as it arrives (server/files/multipart.ts): one file in the field `file`, and
 * `caption`. 15 MB for the file (413 as soon as it is passed); the file is recognised by its first bytes
 * (src/domain/report-photos.ts sniffImage) as soon as they arrive, and anything else is refused (415) without
 * reading the rest. The request holds at most this one file's bytes in memory.
 */
export async function readPhotoUpload(request: Request, stageDir: string = tmpdir()): Promise<PhotoUpload | UploadRefusal> {
  const form = await readSingleFileForm<PhotoType>(request, {
    // Staged on disk as it arrives: an upload waiting for its turn to be re-encoded holds no bytes in memory.
    stageDir,
    fileField: PHOTO_FORM.file,
    textFields: [PHOTO_FORM.caption],
    maxFileBytes: PHOTO_LIMITS.maxBytes,
    maxRequestBytes: PHOTO_REQUEST_MAX_BYTES,
    sniffBytes: SNIFF_BYTES,
    sniff: (head) => {
      const sniffed = sniffImage(head)
      return sniffed.ok ? { ok: true, value: sniffed.type } : sniffed
    },
    messages: {
      missing: '请选择要上传的照片',
      tooLarge: TOO_LARGE,
      oneFile: '每次只能上传一张照片',
      wrongField: `请在字段 ${PHOTO_FORM.file} 中上传一张照片`,
      notMultipart: '请以 multipart/form-data 上传照片（字段 file 与 caption）',
      tooManyFields: '请求中的字段过多：只需 file 与 caption',
    },
  })
  if (!form.ok) return form
  const source = ArrayBuffer.isView(form.content) ? form.content : form.content.path
  if (form.truncated.has(PHOTO_FORM.caption)) {
    await discardUpload(source)
    return { ok: false, status: 400, code: 'invalid_body', message: '请求内容有误', fields: { caption: `图片说明最长 ${PHOTO_LIMITS.captionMax} 个字` } }
  }
  return { ok: true, source, type: form.sniffed, caption: form.fields[PHOTO_FORM.caption], fileName: form.fileName }
}

/** Remove a staged upload once it is re-encoded or refused (nothing to do for bytes in memory). */
export async function discardUpload(source: Uint8Array | string): Promise<void> {
  if (typeof source === 'string') await unlink(source).catch(() => undefined)
}

/** One re-encoded copy: JPEG bytes and their size in pixels. */
export type Encoded = { bytes: Uint8Array; width: number; height: number; type: 'image/jpeg' }
export type ProcessedPhoto = { ok: true; display: Encoded; thumb: Encoded; takenAt: Date | null }

/** Pixels decoded at most (50 million: a phone's full-resolution photo; a 200 MP mode or a crafted PNG is refused). */
export const MAX_INPUT_PIXELS = 50_000_000

/**
 * The process that re-encodes (image-process.ts): one for the server, started by the first upload, gone a few
 * seconds after the last. `IMAGE_PROCESS_IDLE_MS` changes how long it waits (tests, the benchmark).
 */
export const imageProcess = new ImageProcess({ idleMs: Number(process.env.IMAGE_PROCESS_IDLE_MS ?? 5_000) })

/** At most this many images are re-encoded at once; the rest wait their turn (they queue, the reads do not). */
const IMAGE_JOBS = 2
let running = 0
const waiting: (() => void)[] = []
async function inTurn<T>(job: () => Promise<T>): Promise<T> {
  if (running >= IMAGE_JOBS) await new Promise<void>((go) => waiting.push(go))
  running++
  try {
    return await job()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/** EXIF DateTimeOriginal as an instant (OffsetTimeOriginal when the file has it, else China time), or null. */
export function takenAtOf(exif: Buffer | undefined): Date | null {
  if (!exif) return null
  try {
    const tags = exifReader(exif) as { Photo?: { DateTimeOriginal?: unknown; OffsetTimeOriginal?: unknown } }
    const original = tags.Photo?.DateTimeOriginal
    const offset = tags.Photo?.OffsetTimeOriginal
    return captureInstant(original instanceof Date ? original : null, typeof offset === 'string' ? offset : null)
  } catch {
    return null
  }
}

/**
 * The display copy (longest side 1600 px) and the thumbnail (320 px), both JPEG: turned upright by the EXIF
 * orientation, transparency laid on white, and written without any metadata (no EXIF, no GPS, no ICC profile —
 * colours converted to sRGB). The capture time is read from the original's EXIF and kept as data. The work runs
 * in the image process (image-worker.mjs), never on the server's thread, at most two at a time.
 */
export function processPhoto(source: Uint8Array | string): Promise<ProcessedPhoto | UploadRefusal> {
  return inTurn(async () => {
    const result = await imageProcess.encode({ source, maxInputPixels: MAX_INPUT_PIXELS, displaySide: PHOTO_LIMITS.displaySide, thumbSide: PHOTO_LIMITS.thumbSide })
    if (!result.ok) {
      if (/pixel limit/i.test(result.error)) {
        return { ok: false, status: 422, code: 'invalid_image', message: `照片像素过多（超过 ${MAX_INPUT_PIXELS / 10_000} 万像素），请用手机默认分辨率拍摄或缩小后上传` }
      }
      if (result.stopped) return { ok: false, status: 422, code: 'invalid_image', message: `照片无法处理（${result.error}），请重新拍摄或导出为 JPG 后上传` }
      return { ok: false, status: 422, code: 'invalid_image', message: '照片文件已损坏或不完整，无法读取，请重新拍摄或导出后上传' }
    }
    const encoded = (copy: { bytes: Uint8Array; width: number; height: number }): Encoded => ({ bytes: copy.bytes, width: copy.width, height: copy.height, type: 'image/jpeg' })
    return { ok: true, display: encoded(result.display), thumb: encoded(result.thumb), takenAt: takenAtOf(result.exif ? Buffer.from(result.exif.buffer, result.exif.byteOffset, result.exif.byteLength) : undefined) }
  })
}
