/**
 * What one photo upload costs (decision 81): the time to re-encode a ~5 MB phone JPEG (display 1600 px and
 * thumbnail 320 px, no EXIF), and the process's memory while one upload is read (busboy) and re-encoded
 * (sharp). Not a load test (bench:api does that); run alone on a quiet machine:
 *   npx tsx --tsconfig tsconfig.json scripts/measure-photo-upload.ts
 */
import sharp from 'sharp'
import { discardUpload, processPhoto, readPhotoUpload } from '../server/files/photo-upload'

const MB = 1024 * 1024
const rss = () => process.memoryUsage().rss

/** A 4000 × 3000 photo-like JPEG of about 5 MB: smooth gradients with noise (noise alone would compress worse than a photo). */
async function phoneJpeg(): Promise<Buffer> {
  const width = 4000
  const height = 3000
  const raw = Buffer.alloc(width * height * 3)
  let seed = 7
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const noise = (seed >> 16) % 48
      const i = (y * width + x) * 3
      raw[i] = ((x * 255) / width + noise) & 255
      raw[i + 1] = ((y * 255) / height + noise) & 255
      raw[i + 2] = (((x + y) * 128) / (width + height) + noise) & 255
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .withExif({ IFD2: { DateTimeOriginal: '2024:10:15 10:20:30', OffsetTimeOriginal: '+08:00' } })
    .toBuffer()
}

function uploadRequest(bytes: Buffer): Request {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'IMG_0001.JPG')
  form.append('caption', '主体结构施工')
  return new Request('http://localhost/api/projects/P001/reports/2024-10/photos', { method: 'POST', body: form })
}

async function main() {
  const jpeg = await phoneJpeg()
  console.log(`input: ${(jpeg.byteLength / MB).toFixed(2)} MB JPEG, 4000 × 3000`)
  // Warm sharp (first call loads libvips' codecs).
  await processPhoto(new Uint8Array(jpeg))
  const times: number[] = []
  for (let i = 0; i < 7; i++) {
    const started = performance.now()
    const result = await processPhoto(new Uint8Array(jpeg))
    times.push(performance.now() - started)
    if (!result.ok) throw new Error(result.message)
    if (i === 0) console.log(`display ${result.display.width}×${result.display.height} ${(result.display.bytes.byteLength / 1024).toFixed(0)} kB, thumb ${result.thumb.width}×${result.thumb.height} ${(result.thumb.bytes.byteLength / 1024).toFixed(0)} kB`)
  }
  times.sort((a, b) => a - b)
  console.log(`re-encode: median ${times[3]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[6]!.toFixed(0)} ms (7 runs)`)

  // One whole upload (read the multipart body, then re-encode), sampling the resident set every 2 ms.
  global.gc?.()
  await new Promise((r) => setTimeout(r, 200))
  const before = rss()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 2)
  const started = performance.now()
  const upload = await readPhotoUpload(uploadRequest(jpeg))
  if (!upload.ok) throw new Error(upload.message)
  const processed = await processPhoto(upload.source).finally(() => discardUpload(upload.source))
  if (!processed.ok) throw new Error(processed.message)
  const took = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, rss())
  await new Promise((r) => setTimeout(r, 2000))
  console.log(`one upload read + re-encoded in ${took.toFixed(0)} ms; RSS before ${(before / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB), 2 s after ${(rss() / MB).toFixed(0)} MB`)
}

void main()
