import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PHOTO_LIMITS } from '@/contract/photos'
import { discardUpload, processPhoto, readPhotoUpload } from '../../server/files/photo-upload'
import { cameraJpeg } from './photo-support'

/**
 * A photo upload is written to a staging folder as it arrives, not held in memory (decision 81): fifty uploads
 * waiting for their turn to be re-encoded hold no bytes. What is staged is exactly what was sent, is re-encoded
 * from there, and is gone afterwards — and a refused or broken upload leaves nothing.
 */
const dirs: string[] = []
const stagingDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nanan-staging-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function uploadRequest(parts: { file?: Uint8Array; caption?: string }) {
  const form = new FormData()
  if (parts.file) form.set('file', new Blob([parts.file as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'site.jpg')
  if (parts.caption !== undefined) form.set('caption', parts.caption)
  return new Request('http://localhost/upload', { method: 'POST', body: form })
}

/** The staging folder empties (a refusal removes its file without waiting for it). */
async function emptied(dir: string) {
  for (let i = 0; i < 50 && readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 20))
  return readdirSync(dir)
}

describe('a photo upload is staged on disk', () => {
  it('holds the bytes sent in a file of the staging folder, re-encodes from it, and leaves nothing once discarded', async () => {
    const dir = stagingDir()
    const jpeg = await cameraJpeg()
    const upload = await readPhotoUpload(uploadRequest({ file: jpeg, caption: '桩基施工' }), dir)
    if (!upload.ok) throw new Error(upload.message)
    expect(typeof upload.source).toBe('string')
    const path = upload.source as string
    expect(path.startsWith(dir)).toBe(true)
    expect(new Uint8Array(readFileSync(path))).toEqual(jpeg)
    const processed = await processPhoto(upload.source)
    expect(processed.ok).toBe(true)
    await discardUpload(upload.source)
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('leaves nothing when the photo is too large, not an image, or its caption too long', async () => {
    const dir = stagingDir()
    const jpeg = await cameraJpeg()
    const tooLarge = new Uint8Array(PHOTO_LIMITS.maxBytes + 1)
    tooLarge.set(jpeg.subarray(0, 64))
    expect(await readPhotoUpload(uploadRequest({ file: tooLarge, caption: '过大' }), dir)).toMatchObject({ ok: false, status: 413 })
    expect(await readPhotoUpload(uploadRequest({ file: new TextEncoder().encode('not a photo at all, just words'), caption: '文字' }), dir)).toMatchObject({ ok: false, status: 415 })
    expect(await readPhotoUpload(uploadRequest({ file: jpeg, caption: '长'.repeat(2000) }), dir)).toMatchObject({ ok: false, status: 400 })
    expect(await emptied(dir)).toEqual([])
  })

  it('leaves nothing when the body breaks off half-way', async () => {
    const dir = stagingDir()
    const jpeg = await cameraJpeg()
    const whole = new Uint8Array(await uploadRequest({ file: jpeg, caption: '中断' }).arrayBuffer())
    const contentType = uploadRequest({ file: jpeg, caption: '中断' }).headers.get('content-type')!
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(whole.subarray(0, Math.floor(whole.byteLength / 2)))
        controller.error(new Error('connection reset'))
      },
    })
    const request = new Request('http://localhost/upload', { method: 'POST', body, headers: { 'content-type': contentType }, duplex: 'half' } as RequestInit)
    expect(await readPhotoUpload(request, dir)).toMatchObject({ ok: false, status: 400 })
    expect(await emptied(dir)).toEqual([])
  })
})
