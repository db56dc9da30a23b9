import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Client } from './support'

/**
 * Photos for the photo tests: real JPEG/PNG made with sharp, with the EXIF a phone writes (DateTimeOriginal,
 * its offset, a GPS position, the camera), and the multipart upload the page sends.
 */
export async function cameraJpeg({ width = 2400, height = 1800, taken = '2024:10:15 10:20:30', offset = '+08:00' as string | null } = {}): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 60 } } })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: 'TestPhone', Model: 'Site Camera' },
        IFD2: { DateTimeOriginal: taken, ...(offset ? { OffsetTimeOriginal: offset } : {}) },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 32/1 0/1' },
      })
      .toBuffer(),
  )
}

export async function plainPng(width = 500, height = 400): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer())
}

/** POST …/photos as the page sends it: multipart with the file (its name and declared type as given) and the caption. */
export function uploadPhoto(client: Client, projectId: string, month: string, bytes: Uint8Array, caption: string | null, { name = 'photo.jpg', type = 'image/jpeg' } = {}) {
  const form = new FormData()
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name)
  if (caption !== null) form.append('caption', caption)
  return client.request(`/api/projects/${projectId}/reports/${month}/photos`, { method: 'POST', body: form })
}

/** Every file under a folder (recursively), by path relative to it. */
export function filesUnder(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string, prefix: string) => {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch {
      return
    }
    for (const name of entries) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`)
      else found.push(`${prefix}${name}`)
    }
  }
  walk(root, '')
  return found.sort()
}

export const bytesOfResponse = async (response: Response) => new Uint8Array(await response.arrayBuffer())
