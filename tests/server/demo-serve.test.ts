import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** scripts/serve.mjs serves the static demo build: files inside its folder, index.html for pages, nothing else. */
let child: ChildProcess
let base: string
let folder: string

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'nanan-demo-'))
  mkdirSync(join(folder, 'dist-demo', 'assets'), { recursive: true })
  mkdirSync(join(folder, 'dist-demo-secret'), { recursive: true })
  writeFileSync(join(folder, 'dist-demo', 'index.html'), '<!doctype html><title>演示</title>')
  writeFileSync(join(folder, 'dist-demo', 'assets', 'app-1.js'), 'console.log(1)')
  writeFileSync(join(folder, 'dist-demo-secret', 'key.txt'), 'secret')
  writeFileSync(join(folder, 'secret.txt'), 'secret')
  const port = 47_500 + Math.floor(Math.random() * 400)
  base = `http://127.0.0.1:${port}`
  child = spawn('node', [join(process.cwd(), 'scripts/serve.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DIST_DIR: join(folder, 'dist-demo') },
    stdio: 'ignore',
  })
  for (let i = 0; i < 100; i++) {
    if (await fetch(base).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('serve.mjs did not start')
})
afterAll(() => {
  child.kill()
  rmSync(folder, { recursive: true, force: true })
})

describe('the demo’s static server', () => {
  it('serves hashed assets for a year and pages as index.html', async () => {
    const asset = await fetch(`${base}/assets/app-1.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const page = await fetch(`${base}/projects/P001?zone=nanping`)
    expect(await page.text()).toContain('演示')
  })

  it.each(['/..%2fsecret.txt', '/..%2fdist-demo-secret%2fkey.txt', '/%2e%2e/secret.txt'])('never serves a file outside its folder: %s', async (path) => {
    const response = await fetch(base + path)
    expect(await response.text()).not.toContain('secret')
  })
})
