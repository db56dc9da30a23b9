import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectPhotoListSchema, ReportPhotoSchema } from '@/contract/photos'
import { buildServer } from '../support/built-server'
import { freePort } from '../support/free-port'
import { cameraJpeg, filesUnder } from './photo-support'
import { TEST_PASSWORD } from './support'

/**
 * A photo upload and kill -9 (issue 28 §3, decision 81): the server, a real process on a data directory, is killed
 * while a photo is still arriving. What it leaves is a staged upload under DATA_DIR/uploads and nothing else; the
 * next start removes that, and there is no file in DATA_DIR/files, no photo and no record of one — and the next
 * upload works.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url))
let bundle: Awaited<ReturnType<typeof buildServer>>
const children: ChildProcess[] = []
const dirs: string[] = []

beforeAll(async () => {
  bundle = await buildServer(REPO)
}, 120_000)
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  bundle?.remove()
})


async function start(dataDir: string, port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_PASSWORD: TEST_PASSWORD }
  delete env.DATABASE_URL
  const child = spawn(process.execPath, [bundle.main], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  children.push(child)
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited before it was healthy\n${stderr}`)
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
    if (healthy) break
    if (i > 600) throw new Error(`not healthy within 60 s\n${stderr}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return { child, exited }
}

describe('a server killed while a photo is arriving', () => {
  it('leaves only a staged upload, which the next start removes: no file, no photo, no record; the next upload works', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nanan-upload-crash-'))
    dirs.push(dataDir)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    let server = await start(dataDir, port)

    const signIn = async () => {
      const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'owner', password: TEST_PASSWORD }) })
      expect(response.status).toBe(200)
      return response.headers.get('set-cookie')!.split(';')[0]!
    }
    let cookie = await signIn()
    const queue = (await (await fetch(`${base}/api/reports?month=2024-10`, { headers: { cookie } })).json()) as { items: { projectId: string; state: string }[] }
    const projectId = queue.items.find((i) => i.state === 'missing')!.projectId
    const photosUrl = `${base}/api/projects/${projectId}/reports/2024-10/photos`

    // A multipart body sent by hand: the caption, then the photo's first half — and then nothing more.
    const photo = await cameraJpeg({ width: 4000, height: 3000 })
    const boundary = 'crash-test-boundary'
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n桩基施工\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_0001.JPG"\r\nContent-Type: image/jpeg\r\n\r\n`,
    )
    const half = photo.slice(0, Math.floor(photo.byteLength / 2))
    let sent = false
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (sent) return new Promise<void>(() => undefined)
        sent = true
        controller.enqueue(head)
        controller.enqueue(half)
      },
    })
    const interrupted = fetch(photosUrl, { method: 'POST', body, duplex: 'half', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: base, cookie } } as RequestInit).catch(() => null)

    // The photo is arriving: staged under DATA_DIR/uploads, half of it there.
    const staging = join(dataDir, 'uploads')
    const stagedBytes = () => (existsSync(staging) ? readdirSync(staging).reduce((sum, name) => sum + statSync(join(staging, name)).size, 0) : 0)
    for (let i = 0; stagedBytes() < half.byteLength / 2; i++) {
      if (i > 300) throw new Error(`nothing staged in ${staging}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    server.child.kill('SIGKILL')
    await server.exited
    expect(await interrupted).toBeNull()
    // What kill -9 left: the staged upload only; no stored file.
    expect(readdirSync(staging)).toHaveLength(1)
    expect(filesUnder(join(dataDir, 'files'))).toEqual([])

    server = await start(dataDir, port)
    expect(readdirSync(staging)).toEqual([])
    expect(filesUnder(join(dataDir, 'files'))).toEqual([])
    cookie = await signIn()
    const timeline = ProjectPhotoListSchema.parse(await (await fetch(`${base}/api/projects/${projectId}/photos`, { headers: { cookie } })).json())
    expect(timeline.items).toEqual([])

    // The next upload is whole: stored, recorded, and nothing left staged.
    const form = new FormData()
    form.set('file', new Blob([photo as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'IMG_0001.JPG')
    form.set('caption', '桩基施工')
    const response = await fetch(photosUrl, { method: 'POST', body: form, headers: { Origin: base, cookie } })
    expect(response.status, await response.clone().text()).toBe(201)
    const stored = ReportPhotoSchema.parse(await response.json())
    expect(ProjectPhotoListSchema.parse(await (await fetch(`${base}/api/projects/${projectId}/photos`, { headers: { cookie } })).json()).items.map((p) => p.id)).toEqual([stored.id])
    expect(filesUnder(join(dataDir, 'files'))).toHaveLength(2)
    expect(readdirSync(staging)).toEqual([])
    server.child.kill('SIGTERM')
    await server.exited
  })
})
