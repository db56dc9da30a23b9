// npm run perf — how fast the leader's pages are in a real Chromium, measured against a yardstick built and
// measured in the same run (the machine is noisy: compare only within one run).
//  - Lighthouse 12.2.3 (the newest that runs on Node 20; fetched by npx, run on Debian's Chromium) on the
//    production build: the sign-in page and the main signed-in pages, mobile and desktop presets,
//    PERF_RUNS runs each (default 3), medians of score, LCP, TBT, the longest main-thread task, accessibility.
//  - The first chart: time from navigation to the first visible `svg.recharts-surface`, 10 runs, median,
//    desktop and a throttled phone (4× CPU), against the bare page's time to its heading.
//  - A bare Vite + React page (its <h1> instead of a chart), built here, as the yardstick.
//  PERF_COMPARE_URL=http://… adds another dashboard to every table (e.g. a comparable app served locally).
// Writes the results into docs/benchmarks.md (its perf section). Not a test: numbers for people.
import { execFile, execFileSync, spawn } from 'node:child_process'
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, tmpdir, totalmem } from 'node:os'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE_USER_AGENT } from './chromium.mjs'

const run = promisify(execFile)
const RUNS = Number(process.env.PERF_RUNS ?? 3)
const CHART_RUNS = Number(process.env.PERF_CHART_RUNS ?? 10)
const PASSWORD = 'perf-password-2024'
const APP_PORT = 4611
const BARE_PORT = 4612
const LIGHTHOUSE = 'lighthouse@12.2.3'
// PERF_PRESETS=mobile measures only the phone (Lighthouse's mobile preset, the first chart on the throttled phone).
const PRESETS = (process.env.PERF_PRESETS ?? 'mobile,desktop').split(',')
// PERF_BUILD_DIR=dir serves a build kept aside (dir/dist and dir/dist-server): variants built one after the
// other are measured in the same session (with PERF_SKIP_BUILD).
const BUILD_DIR = process.env.PERF_BUILD_DIR ?? '.'

// 1. Build the product and the yardstick.
if (!process.env.PERF_SKIP_BUILD) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
// Inside the repository, so that it resolves react from node_modules.
const bareDir = '.perf-bare'
rmSync(bareDir, { recursive: true, force: true })
mkdirSync(bareDir)
writeFileSync(join(bareDir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bare</title><meta name="description" content="A bare Vite and React page"></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>')
writeFileSync(
  join(bareDir, 'main.jsx'),
  "import { createRoot } from 'react-dom/client'\ncreateRoot(document.getElementById('root')).render(<main><h1>南岸区重点项目</h1></main>)\n",
)
const { build } = await import('vite')
const react = (await import('@vitejs/plugin-react')).default
await build({ root: bareDir, configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir: 'dist' } })

// 2. Serve both: the built server on a scratch database, the bare page from a tiny static server.
const server = spawn('node', [join(BUILD_DIR, 'dist-server/main.js')], {
  env: { ...process.env, STATIC_DIR: join(BUILD_DIR, 'dist'), PORT: String(APP_PORT), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'nanan-perf-')), LOG_LEVEL: 'warn', DEMO_PASSWORD: PASSWORD },
  stdio: 'inherit',
})
// The server goes with this script, also when a measurement fails.
process.on('exit', () => server.kill('SIGTERM'))
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }
const bare = createServer((req, res) => {
  const path = join(bareDir, 'dist', req.url === '/' ? 'index.html' : req.url.split('?')[0])
  if (!existsSync(path) || statSync(path).isDirectory()) return res.writeHead(404).end()
  res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' })
  createReadStream(path).pipe(res)
}).listen(BARE_PORT, '127.0.0.1')
const base = `http://127.0.0.1:${APP_PORT}`
for (let i = 0; i < 200; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
  await new Promise((r) => setTimeout(r, 300))
}
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: PASSWORD }) })
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
const cookie = login.headers.get('set-cookie').split(';')[0]

/** [label, url, signed in, has a chart]. */
const TARGETS = [
  ['bare Vite + React page', `http://127.0.0.1:${BARE_PORT}/`, false, false],
  ...(process.env.PERF_COMPARE_URL ? [['comparison: ' + process.env.PERF_COMPARE_URL, process.env.PERF_COMPARE_URL, false, true]] : []),
  ['`/login`', `${base}/login`, false, false],
  ['`/` (overview)', `${base}/`, true, true],
  ['`/zones`', `${base}/zones`, true, false],
  ['`/zones/nanping`', `${base}/zones/nanping`, true, true],
  ['`/projects`', `${base}/projects`, true, false],
  ['`/projects/P001` (a project)', `${base}/projects/P001`, true, true],
  ['`/delayed`', `${base}/delayed`, true, false],
  ['`/reports`', `${base}/reports`, true, false],
  ['`/bulletin`', `${base}/bulletin`, true, false],
]

// PERF_ONLY=overview,bare measures only the targets whose label contains one of the words (while working on one page).
const only = process.env.PERF_ONLY?.split(',')
if (only) TARGETS.splice(0, TARGETS.length, ...TARGETS.filter(([label]) => only.some((w) => label.includes(w))))

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b)
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]
}

// 3. Lighthouse, each page × preset × run, one at a time.
const outDir = mkdtempSync(join(tmpdir(), 'nanan-perf-lh-'))
async function lighthouse(url, preset, signedIn) {
  const out = join(outDir, `${Math.random().toString(36).slice(2)}.json`)
  const args = [
    '-y',
    LIGHTHOUSE,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility',
    `--chrome-flags=--headless ${CHROMIUM_ARGS.join(' ')}`,
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ...(signedIn ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ]
  // Lighthouse sometimes fails to record a trace (NO_NAVSTART, NO_FCP) on a busy machine: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await run('npx', args, { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024 })
      break
    } catch (error) {
      if (attempt >= 3) throw error
      console.log(`lighthouse failed on ${url} (${String(error.stderr ?? error.message).trim().slice(0, 120)}); again`)
    }
  }
  const report = JSON.parse(readFileSync(out, 'utf8'))
  const longTasks = report.audits['long-tasks']?.details?.items ?? []
  return {
    score: Math.round((report.categories.performance.score ?? 0) * 100),
    a11y: Math.round((report.categories.accessibility.score ?? 0) * 100),
    lcp: report.audits['largest-contentful-paint'].numericValue,
    tbt: report.audits['total-blocking-time'].numericValue,
    longest: longTasks.reduce((max, t) => Math.max(max, t.duration ?? 0), 0),
  }
}
const lh = []
// PERF_CHARTS_ONLY=1 skips Lighthouse (while working on the first chart); PERF_CONTENT_ONLY=1 measures only the
// time to content (while working on the list pages). A partial run is not written down.
for (const [label, url, signedIn] of process.env.PERF_CHARTS_ONLY || process.env.PERF_CONTENT_ONLY ? [] : TARGETS) {
  for (const preset of PRESETS) {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouse(url, preset, signedIn))
    console.log(`${label} ${preset} runs: ${runs.map((r) => `TBT ${Math.round(r.tbt)} / LCP ${Math.round(r.lcp)} / longest ${Math.round(r.longest)}`).join('; ')}`)
    const row = { label, preset, ...Object.fromEntries(['score', 'a11y', 'lcp', 'tbt', 'longest'].map((k) => [k, median(runs.map((r) => r[k]))])) }
    lh.push(row)
    console.log(`${label} ${preset}: score ${row.score}, LCP ${Math.round(row.lcp)} ms, TBT ${Math.round(row.tbt)} ms, longest task ${Math.round(row.longest)} ms, a11y ${row.a11y}`)
  }
}

// 4. The first chart (the bare page: its heading), desktop and a throttled phone.
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', ...CHROMIUM_ARGS] })
async function firstVisible(url, selector, phone, signedIn) {
  // A phone says so in its user agent, as Lighthouse's mobile preset does: the server draws a page's charts
  // at a phone's width for it (decision 57).
  const context = await browser.newContext(
    phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT } : { viewport: { width: 1440, height: 900 } },
  )
  if (signedIn) await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }])
  const page = await context.newPage()
  if (phone) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  }
  await page.goto(url, { waitUntil: 'commit' })
  // Charts are drawn when they come near the screen: the reader goes straight to the first one (on a
  // phone it is below the first screen), so the time includes no waiting for a scroll.
  if (selector !== 'h1') {
    const figure = page.locator('figure.chart').first()
    await figure.waitFor({ state: 'attached', timeout: 30_000 })
    await figure.evaluate((element) => element.scrollIntoView({ block: 'center' }))
  }
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 })
  const ms = await page.evaluate(() => performance.now())
  await context.close()
  return ms
}
const charts = []
for (const [label, url, signedIn, hasChart] of process.env.PERF_CONTENT_ONLY ? [] : TARGETS) {
  if (!hasChart && !label.startsWith('bare')) continue
  const selector = hasChart ? 'svg.recharts-surface' : 'h1'
  const row = { label, what: hasChart ? 'first chart' : 'heading' }
  for (const phone of [false, true]) {
    if (!PRESETS.includes(phone ? 'mobile' : 'desktop')) continue
    const times = []
    for (let i = 0; i < CHART_RUNS; i++) times.push(await firstVisible(url, selector, phone, signedIn))
    console.log(`${label} ${phone ? 'phone' : 'desktop'} ${row.what} runs: ${times.map((t) => Math.round(t)).join(', ')}`)
    row[phone ? 'phone' : 'desktop'] = median(times)
  }
  charts.push(row)
  console.log(`${label}: ${row.what} desktop ${Math.round(row.desktop)} ms, phone ${Math.round(row.phone)} ms`)
}
// 5. A drawn page's start on the phone (decision 58): its code runs at the reader's first reach or after a
// moment of reading, possibly after Lighthouse has stopped watching. Here the reader only reads: the long
// tasks from navigation until two seconds after the app runs (its lazily loaded parts come then).
async function appStart(url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT })
  await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }])
  await context.addInitScript(() => {
    window.__longTasks = []
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true })
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto(url, { waitUntil: 'commit' })
  await page.locator('html[data-app="running"]').waitFor({ state: 'attached', timeout: 30_000 })
  await page.waitForTimeout(2000)
  const tasks = await page.evaluate(() => window.__longTasks)
  await context.close()
  return { longest: Math.max(0, ...tasks), blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0) }
}
const starts = []
for (const [label, url, signedIn, hasChart] of process.env.PERF_CONTENT_ONLY ? [] : TARGETS) {
  if (!hasChart || !signedIn) continue
  const runs = []
  for (let i = 0; i < 5; i++) runs.push(await appStart(url))
  console.log(`${label} app start runs: ${runs.map((r) => `longest ${Math.round(r.longest)} / blocking ${Math.round(r.blocking)}`).join('; ')}`)
  const row = { label, longest: median(runs.map((r) => r.longest)), blocking: median(runs.map((r) => r.blocking)) }
  starts.push(row)
  console.log(`${label}: app start on a phone, longest task ${Math.round(row.longest)} ms, blocking ${Math.round(row.blocking)} ms`)
}
// 6. Time to content on a desktop (issue 26): navigation → the largest contentful paint (the page's own
// PerformanceObserver), for the overview and the list pages; target within 1.5× of the overview's.
const CONTENT_PAGES = [
  ['`/` (overview)', `${base}/`],
  ['`/delayed`', `${base}/delayed`],
  ['`/projects`', `${base}/projects`],
  ['`/reports`', `${base}/reports`],
  ['`/bulletin`', `${base}/bulletin`],
].filter(([label]) => !only || only.some((w) => label.includes(w)))
async function timeToContent(url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }])
  await context.addInitScript(() => {
    window.__lcp = NaN
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  })
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  // Candidates come until the page settles; nobody touches it (an input would end the measure).
  await page.waitForTimeout(1500)
  const lcp = await page.evaluate(() => window.__lcp)
  await context.close()
  return lcp
}
const contents = []
if (PRESETS.includes('desktop') && !process.env.PERF_CHARTS_ONLY) {
  for (const [label, url] of CONTENT_PAGES) {
    const times = []
    for (let i = 0; i < CHART_RUNS; i++) times.push(await timeToContent(url))
    console.log(`${label} time to content (desktop) runs: ${times.map((t) => Math.round(t)).join(', ')}`)
    contents.push({ label, ms: median(times) })
  }
}
await browser.close()
server.kill('SIGTERM')
bare.close()
rmSync(bareDir, { recursive: true, force: true })
rmSync(outDir, { recursive: true, force: true })

// A partial run (PERF_ONLY, PERF_PRESETS, PERF_BUILD_DIR) is printed above and not written down.
if (only || process.env.PERF_CHARTS_ONLY || process.env.PERF_CONTENT_ONLY || process.env.PERF_PRESETS || process.env.PERF_BUILD_DIR) process.exit(0)

// 5. The report, into docs/benchmarks.md between its perf markers (npm run bench keeps them).
const yard = charts.find((c) => c.label.startsWith('bare'))
const ms = (v) => (Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('en')} ms`)
const s = (v) => (Number.isNaN(v) ? '—' : `${(v / 1000).toFixed(2)} s`)
const tableRows = TARGETS.map(([label]) => {
  const m = lh.find((r) => r.label === label && r.preset === 'mobile')
  const d = lh.find((r) => r.label === label && r.preset === 'desktop')
  return `| ${label} | ${m.score} | ${s(m.lcp)} | ${ms(m.tbt)} | ${ms(m.longest)} | ${d.score} | ${ms(d.tbt)} | ${m.a11y} |`
})
const section = `<!-- perf:start -->
## Page speed in Chromium (\`npm run perf\`)

Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Debian's Chromium,
${LIGHTHOUSE}. Production build served by the built server on a scratch database (signed in as 区领导 via
\`--extra-headers\`); medians of ${RUNS} Lighthouse runs per page and preset, and of ${CHART_RUNS} first-chart runs.
The yardstick is a bare Vite + React page built and measured in the same run; the machine is noisy (±25% on times,
±8 points on scores), so compare only within one run.

| page | mobile score | mobile LCP | mobile TBT | longest task (mobile) | desktop score | desktop TBT | accessibility |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${tableRows.join('\n')}

Time from navigation to the first visible chart (\`svg.recharts-surface\`, the reader scrolling straight to the first chart; the bare page: its heading), desktop 1440 px
and a phone (390 px, 4× CPU slowdown, a phone's user agent, as Lighthouse's mobile preset sends), and the ratio to the bare page (target: within 2×):

| page | desktop | ratio | phone | ratio |
| --- | ---: | ---: | ---: | ---: |
${charts.map((c) => `| ${c.label} (${c.what}) | ${ms(c.desktop)} | ${(c.desktop / yard.desktop).toFixed(2)}× | ${ms(c.phone)} | ${(c.phone / yard.phone).toFixed(2)}× |`).join('\n')}

A drawn page's start on that phone when the reader only reads (its code runs after a moment of reading, decision 58;
Lighthouse may stop watching before it): long tasks from navigation until two seconds after the app runs, median of 5.

| page | longest task | blocking time (over 50 ms) |
| --- | ---: | ---: |
${starts.map((r) => `| ${r.label} | ${ms(r.longest)} | ${ms(r.blocking)} |`).join('\n')}

Time to content on a desktop (1440 px, signed in, unthrottled): navigation to the largest contentful paint, median
of ${CHART_RUNS} runs, and the ratio to the overview's (target, issue 26: the list pages within 1.5×):

| page | time to content | ratio to the overview |
| --- | ---: | ---: |
${contents.map((c) => `| ${c.label} | ${ms(c.ms)} | ${(c.ms / contents[0].ms).toFixed(2)}× |`).join('\n')}

Targets (issue 10): mobile ≥ 95 and desktop 100, TBT < 150 ms and no task over 200 ms on mobile, accessibility 100,
the first chart within 2× of the bare page.
<!-- perf:end -->`
const doc = readFileSync('docs/benchmarks.md', 'utf8')
const next = doc.includes('<!-- perf:start -->') ? doc.replace(/<!-- perf:start -->[\s\S]*<!-- perf:end -->/, section) : `${doc.trimEnd()}\n\n${section}\n`
mkdirSync('docs', { recursive: true })
writeFileSync('docs/benchmarks.md', next)
console.log(section)
process.exit(0)
