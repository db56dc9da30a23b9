import { getPriority } from 'node:os'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { ImageProcess, type EncodeJob } from '../../server/files/image-process'
import { cameraJpeg } from './photo-support'

/**
 * Photos are re-encoded in a child process of their own (decision 81): it starts with the first upload, runs
 * below the server's priority, exits when uploads stop (taking the memory image work leaves behind with it),
 * and a process that dies or hangs refuses its uploads without taking the server with it.
 */
const processes: ImageProcess[] = []
afterEach(() => {
  for (const images of processes.splice(0)) images.close()
})
const imageProcess = (options: ConstructorParameters<typeof ImageProcess>[0]) => {
  const images = new ImageProcess(options)
  processes.push(images)
  return images
}
const job = (source: Uint8Array): EncodeJob => ({ source, maxInputPixels: 50_000_000, displaySide: 1600, thumbSide: 320 })
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
async function until(check: () => boolean, ms = 5_000) {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > ms) return false
    await new Promise((r) => setTimeout(r, 25))
  }
  return true
}

describe('the image process', () => {
  it('re-encodes a photo to the display size and a thumbnail, hands back its EXIF, and runs below the server’s priority', async () => {
    const images = imageProcess({ idleMs: 10_000 })
    const result = await images.encode(job(await cameraJpeg({ width: 2400, height: 1800 })))
    expect(result).toMatchObject({ ok: true, display: { width: 1600, height: 1200 }, thumb: { width: 320, height: 240 } })
    if (!result.ok) return
    expect((await sharp(result.display.bytes).metadata()).format).toBe('jpeg')
    expect((await sharp(result.display.bytes).metadata()).exif).toBeUndefined()
    // The original's EXIF comes back for the capture time (read on the server with the domain's rules).
    expect(result.exif?.byteLength).toBeGreaterThan(0)
    expect(getPriority(images.pid!)).toBe(10)
  })

  it('exits once no upload has come for its idle time, and the next upload starts a new one', async () => {
    const images = imageProcess({ idleMs: 150 })
    const photo = await cameraJpeg({ width: 800, height: 600 })
    expect(await images.encode(job(photo))).toMatchObject({ ok: true })
    const first = images.pid!
    expect(alive(first)).toBe(true)
    expect(await until(() => !alive(first))).toBe(true)
    expect(images.pid).toBeNull()
    expect(await images.encode(job(photo))).toMatchObject({ ok: true })
    expect(images.started).toBe(2)
    expect(images.pid).not.toBe(first)
  })

  it('refuses the uploads of a process that dies mid-way, and the next upload is served by a new one', async () => {
    const images = imageProcess({ idleMs: 10_000 })
    const big = await cameraJpeg({ width: 4000, height: 3000 })
    const encoding = images.encode(job(big))
    // Killed as the kernel's OOM killer would, while the photo is being decoded.
    await until(() => images.pid !== null)
    process.kill(images.pid!, 'SIGKILL')
    expect(await encoding).toMatchObject({ ok: false, stopped: true })
    expect(await images.encode(job(await cameraJpeg({ width: 800, height: 600 })))).toMatchObject({ ok: true, display: { width: 800 } })
  })

  it('stops a job that passes its deadline, and refuses it', async () => {
    const images = imageProcess({ idleMs: 10_000, deadlineMs: 5 })
    const result = await images.encode(job(await cameraJpeg({ width: 4000, height: 3000 })))
    expect(result).toMatchObject({ ok: false, stopped: true })
    expect(result.ok ? '' : result.error).toMatch(/秒仍未完成/)
  })

  it('answers sharp’s refusal of a file that is not a whole image', async () => {
    const images = imageProcess({ idleMs: 10_000 })
    const photo = await cameraJpeg({ width: 800, height: 600 })
    const result = await images.encode(job(photo.slice(0, photo.byteLength / 3)))
    expect(result).toMatchObject({ ok: false })
    expect(result.ok ? null : result.stopped).toBeUndefined()
  })
})
