// npm run bench:ui — the project list at city scale, in Chromium: 10,000 projects in a scratch embedded
// database, the built server and app on it, a reviewer on /projects. Measured in the page: from the input
// event of a keystroke in the search box, or the change event of a filter, to the first frame painted after
// the list shows the new answer (rows replaced and the count no longer busy). Also the page's JS heap.
// Writes docs/benchmarks-ui.md. Not a test: numbers for people. Build first (npm run build).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { generateScaledDataset } from '@/dataset/scale'
import { openDatabase } from '../server/db/client'
import { seedIfEmpty } from '../server/db/write'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000)
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 20)
const PORT = 47_998
const PASSWORD = 'bench-password-2024'
if (!existsSync('dist-server/main.js') || !existsSync('dist/index.html')) throw new Error('build first: npm run build')

const dataDir = mkdtempSync(join(tmpdir(), 'nanan-bench-ui-'))
const loadAtStart = loadavg()[0]!
const t = performance.now()
const database = await openDatabase({ dataDir })
await seedIfEmpty(database.db, () => generateScaledDataset(PROJECTS))
await database.close()
const seedMs = performance.now() - t

const server = spawn('node', ['dist-server/main.js'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_PASSWORD: PASSWORD },
  stdio: ['ignore', 'ignore', 'inherit'],
})
process.on('exit', () => server.kill('SIGTERM'))
const base = `http://127.0.0.1:${PORT}`
for (let i = 0; i < 300; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
  await new Promise((r) => setTimeout(r, 300))
}
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Origin: base },
  body: JSON.stringify({ username: 'reviewer', password: PASSWORD }),
})
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
const [cookieName, ...cookieValue] = login.headers.get('set-cookie')!.split(';')[0]!.split('=')

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', ...CHROMIUM_ARGS] })
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
await context.addCookies([{ name: cookieName!, value: cookieValue.join('='), url: base }])
const page = await context.newPage()
const cdp = await context.newCDPSession(page)
await cdp.send('Performance.enable')
await page.goto(`${base}/projects`)
await page.getByRole('table').first().waitFor()

/**
 * Arm the page: the next input or change event starts the clock; the first frame after the list shows a new
 * answer (the table's rows changed and the count is not busy) stops it. Resolves with the milliseconds.
 */
// A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
const ARM = `new Promise((resolve) => {
  const before = location.search
  let started = 0
  const start = (event) => { started = event.timeStamp }
  document.addEventListener('input', start, { capture: true, once: true })
  document.addEventListener('change', start, { capture: true, once: true })
  const observer = new MutationObserver(() => {
    const busy = document.querySelector('.totals')?.getAttribute('aria-busy') === 'true'
    // The list shows the new answer: the URL holds the new filter and the count is no longer busy.
    if (!started || busy || location.search === before) return
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)))
  })
  observer.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true })
  setTimeout(() => { observer.disconnect(); resolve(-1) }, 15000)
})`
const armed = () => page.evaluate<number>(ARM)

const search = page.getByRole('searchbox').first()
const zone = page.getByRole('combobox', { name: '片区' })
const zoneValues = await zone.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
const keystrokes: number[] = []
const filters: number[] = []
// Words that are in generated project names, typed one character at a time, then cleared.
const WORDS = ['道路', '片区', '工程', '改造', '学校']
for (let i = 0; keystrokes.length < RUNS; i++) {
  const word = WORDS[i % WORDS.length]!
  for (const char of word) {
    const done = armed()
    await search.pressSequentially(char)
    keystrokes.push(await done)
  }
  await search.fill('')
  await page.waitForTimeout(500)
  await page.locator('.totals[aria-busy="false"]').waitFor()
}
for (let i = 0; filters.length < RUNS; i++) {
  const done = armed()
  await zone.selectOption(zoneValues[1 + (i % (zoneValues.length - 1))]!)
  filters.push(await done)
}
const metrics = (await cdp.send('Performance.getMetrics')).metrics
const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20
await browser.close()
server.kill('SIGTERM')
rmSync(dataDir, { recursive: true, force: true })

const timedOut = [...keystrokes, ...filters].filter((ms) => ms < 0).length
if (timedOut > 0) throw new Error(`${timedOut} actions did not show a new answer within 15 s`)
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}
const row = (label: string, values: number[]) =>
  `| ${label} | ${values.length} | ${pct(values, 50).toFixed(0)} | ${pct(values, 95).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`
const report = `# Benchmarks: the project list in Chromium at city scale (\`npm run bench:ui\`)

Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Debian's Chromium (headless, 1440 × 900, no throttling);
load average at start ${loadAtStart.toFixed(2)}. ${PROJECTS.toLocaleString('en')} projects seeded in ${(seedMs / 1000).toFixed(1)} s into a scratch embedded database, the
built server on it, signed in as 督查. Time from the input event of a keystroke in the search box, or the change
event of the 片区 filter, to the first frame painted after the list shows the new answer (the URL holds the new
filter and the count is no longer marked busy).

| action on /projects | runs | p50 ms | p95 ms | max ms |
| --- | ---: | ---: | ---: | ---: |
${row('keystroke in the search box', keystrokes)}
${row('片区 filter changed', filters)}

The page's JS heap after these runs: ${heapMb.toFixed(1)} MB.

Targets (issue 10): p50 < 100 ms and p95 < 200 ms; JS heap < 150 MB. Each keystroke is searched for in the next
task (no pause; a superseded search is cancelled), except while a Chinese input method is composing.
`
writeFileSync('docs/benchmarks-ui.md', report)
console.log(report)
process.exit(0)
