// The photos' image work, in a child process of its own (decision 81, "Image work in a process of its own"):
// server/files/image-process.ts forks it when an upload needs it and lets it exit when none has come for a few
// seconds. Plain JavaScript, as Node runs it in every host (tests, tsx, dist-server/): it imports only Node and
// sharp. Why a process and not a thread: libvips' and glibc's memory (arenas, decoded rows) stays with the
// process that used it; when this one exits, the server's memory is where it was before the uploads. At a lower
// priority than the server, so on a busy machine the readers' requests get the CPU first.
import { setPriority } from 'node:os'
import process from 'node:process'

try {
  // This thread first, before sharp starts libvips' threads: they inherit its nice value on Linux.
  setPriority(0, 10)
} catch {
  // not permitted or not supported: the work just runs at the usual priority
}

const { default: sharp } = await import('sharp')
// Never keep decoded images around (the operation cache), and one libvips thread per image.
sharp.cache(false)
sharp.concurrency(1)

/**
 * One job: `{ id, source (bytes or a file's path), maxInputPixels, displaySide, thumbSide }` → the display copy
 * and the thumbnail as JPEG with their sizes, and the original's EXIF block (the server reads the capture time
 * from it, with the domain's rules), or `{ id, error }` with sharp's message.
 */
async function encode(job) {
  const input = { limitInputPixels: job.maxInputPixels, failOn: 'error' }
  const meta = await sharp(job.source, input).metadata()
  const display = await sharp(job.source, input)
    .rotate()
    .resize({ width: job.displaySide, height: job.displaySide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82 })
    .toBuffer({ resolveWithObject: true })
  const thumb = await sharp(display.data)
    .resize({ width: job.thumbSide, height: job.thumbSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer({ resolveWithObject: true })
  const copy = (out) => ({ bytes: out.data, width: out.info.width, height: out.info.height })
  return { display: copy(display), thumb: copy(thumb), exif: meta.exif ?? null }
}

process.on('message', (job) => {
  encode(job).then(
    (result) => process.send({ id: job.id, ...result }),
    (error) => process.send({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
// The server closed the channel (idle, or it is stopping): nothing more will come.
process.on('disconnect', () => process.exit(0))
process.send({ ready: true })
