// npm run bench:api — city scale: 10,000 projects with 12 monthly plans and up to 9 monthly reports
// each, in a scratch embedded database; the built server (dist-server/main.js) is started on it and
// measured over loopback: reads, then one owner unit's October reports saved, submitted and approved one
// at a time. Writes docs/benchmarks-api.md. Not a test: numbers for people.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { XLSX_TYPE } from '@/contract/imports'
import { generateScaledDataset } from '@/dataset/scale'
import { openDatabase } from '../server/db/client'
import { seedIfEmpty } from '../server/db/write'
import { seedDemoAccounts } from '../server/auth/accounts'

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
/** October reports saved, submitted and approved, one request at a time, all of one owner unit. */
const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 300)
const PORT = 47_999
const PASSWORD = 'bench-password-2024'

/** The newest modification time of the files under a directory. */
function newestUnder(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}
// The built server when it is newer than every source file; otherwise the sources themselves (through
// tsx, as tests/server/restart.test.ts runs them), so that the numbers are never those of older code.
const builtAt = existsSync('dist-server/main.js') ? statSync('dist-server/main.js').mtimeMs : 0
const fromSource = process.env.BENCH_SERVER === 'source' || builtAt < Math.max(newestUnder('server'), newestUnder('src'))
const serverArgs = fromSource ? ['--import', 'tsx', 'server/main.ts'] : ['dist-server/main.js']
if (fromSource) console.warn('dist-server/main.js is missing or older than the sources: measuring server/main.ts through tsx')
const dataDir = mkdtempSync(join(tmpdir(), 'nanan-bench-'))
// Other work on the machine slows every number below: say how busy it was.
const loadAtStart = loadavg()[0]!

// 1. Scratch database at city scale.
let t = performance.now()
const records = generateScaledDataset(PROJECTS)
const generateMs = performance.now() - t
t = performance.now()
const database = await openDatabase({ dataDir })
await seedIfEmpty(database.db, () => records)
const seedMs = performance.now() - t
// The demo accounts (the server would make them at its first start), then one owner-unit account per unit,
// as a district would have them (they never sign in here): every notice to a unit or to everyone is
// addressed to real numbers of accounts.
await seedDemoAccounts(database.db, { password: PASSWORD })
await database.db.execute(sql`
  insert into accounts (username, display_name, role, owner_unit, password_hash)
  select 'unit' || row_number() over (order by owner_unit), owner_unit, 'owner', owner_unit, 'not-a-hash'
  from (select distinct owner_unit from projects) u`)
const [counts] = await database.rows<{ projects: number; reports: number; statuses: number }>(sql`
  select (select count(*) from projects)::int as projects, (select count(*) from monthly_reports)::int as reports,
         (select count(*) from project_month_status)::int as statuses`)
await database.close()

// 2. The server on it.
const server = spawn('node', serverArgs, {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', STATIC_DIR: 'dist', DEMO_PASSWORD: PASSWORD },
  stdio: ['ignore', 'ignore', 'inherit'],
})
// Never leave it running when a step below throws.
process.once('exit', () => server.kill('SIGKILL'))
const base = `http://127.0.0.1:${PORT}`
t = performance.now()
for (let i = 0; ; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
  if (i > 600) throw new Error('server did not start')
  await new Promise((r) => setTimeout(r, 100))
}
const startMs = performance.now() - t

// Every data route needs a session: sign in once as staff (the session lookup is part of each timing).
async function signInAs(username: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status}`)
  return response.headers.get('set-cookie')!.split(';')[0]!
}
const cookie = await signInAs('staff')

async function timed(path: string, as = cookie) {
  const s = performance.now()
  const response = await fetch(base + path, { headers: { cookie: as } })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${path} → ${response.status}`)
  return performance.now() - s
}

// 3. Cold: the first summary after start.
const coldSummaryMs = await timed('/api/summary')

// 4. Load: CONCURRENCY clients, REQUESTS requests per endpoint, after 50 warm-up requests.
async function load(path: string | ((i: number) => string), requests = REQUESTS, as = cookie, clients = CONCURRENCY) {
  const urlOf = typeof path === 'string' ? () => path : path
  if (typeof path === 'string') for (let i = 0; i < 50; i++) await timed(path, as)
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const i = next++
        latencies.push(await timed(urlOf(i), as))
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
  return { path: typeof path === 'string' ? path : path(0), p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: latencies.length / seconds }
}

const endpoints = [
  ['summary (1-9月)', '/api/summary'],
  ['filtered + sorted list page', '/api/projects?zone=nanping&status=lagging,severe,not-started&sort=shortfall&order=desc&page=2'],
  ['text search', `/api/projects?q=${encodeURIComponent('道路')}`],
  ['project detail', `/api/projects/P${String(Math.floor(PROJECTS / 2)).padStart(5, '0')}`],
  ['zone page', '/api/zones/gy-bay'],
  ['forecast (全年预计, decision 75)', '/api/forecast'],
  ['delayed list sorted by 冲刺倍数', '/api/projects?status=lagging,severe,not-started,not-reported&sort=catchUpRatio&order=desc'],
] as const
const rows = []
for (const [label, path] of endpoints) rows.push({ label, ...(await load(path)) })
// Every URL different, so nothing comes from the response cache: the database answers each one.
const BENCH_ZONES = ['nanbin', 'nanping', 'nanshan', 'gyw-city', 'east-station', 'gy-island', 'gy-bay', 'district-wide']
const SORTS = ['shortfall', 'gap', 'annualPlan', 'actual', 'completionRate', 'name', 'progress', 'totalInvestment']
const misses = [
  ['uncached: list pages, all sorts (each URL new)', (i: number) => `/api/projects?sort=${SORTS[i % SORTS.length]}&order=${i % 2 ? 'asc' : 'desc'}&page=${1 + Math.floor(i / 16)}&pageSize=50`],
  ['uncached: summary at each month, then each zone', (i: number) => (i < 9 ? `/api/summary?asOf=2024-0${i + 1}` : `/api/zones/${['nanbin', 'nanping', 'nanshan', 'gyw-city', 'east-station', 'gy-island', 'gy-bay', 'district-wide'][i % 8]}?asOf=2024-0${1 + (i % 9)}`)],
  ['uncached: project details (each id new)', (i: number) => `/api/projects/P${String(1 + ((i * 7) % PROJECTS)).padStart(5, '0')}`],
  // Decision 75: the forecast answered by the database (the issue's target: p95 < 150 ms), each month and zone a new URL.
  ['uncached: forecast at each month, then each zone (target p95 < 150 ms)', (i: number) => `/api/forecast?asOf=2024-0${1 + (i % 9)}${i < 9 ? '' : `&zone=${BENCH_ZONES[Math.floor(i / 9) - 1]}`}`],
  ['uncached: list sorted by 冲刺倍数 (each page new)', (i: number) => `/api/projects?sort=catchUpRatio&order=${i % 2 ? 'asc' : 'desc'}&page=${1 + Math.floor(i / 2)}&pageSize=50`],
] as const
const REQUESTS_OF: Record<string, number> = { summary: 72, forecast: 72 }
for (const [label, path] of misses) rows.push({ label, ...(await load(path, REQUESTS_OF[Object.keys(REQUESTS_OF).find((k) => label.includes(k)) ?? ''] ?? 300)) })
rows.push({ label: 'uncached: list sorted by 完成信心 (each page new)', ...(await load((i) => `/api/projects?sort=confidence&order=${i % 2 ? 'asc' : 'desc'}&page=${1 + Math.floor(i / 2)}&pageSize=50`, 300)) })

// 4b. The whole list as an Excel workbook (streamed): time to the last byte, and the server's resident
// memory sampled every 20 ms during the export against its level just before.
const rssOfProcess = (pid: number | undefined) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
  } catch {
    return 0 // gone between the listing and the read
  }
}
/** The server's child processes (the photos' image process, decision 81), from the kernel's list of each thread's children. */
const childrenOf = (pid: number | undefined) => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
  } catch {
    return []
  }
}
const childrenRss = () => childrenOf(server.pid).reduce((sum, pid) => sum + rssOfProcess(pid), 0)
/** The server's resident set, and its child processes' with it: memory used for the server's work wherever it is. */
const rssOf = () => rssOfProcess(server.pid) + childrenRss()
const exportRuns: { ms: number; bytes: number; rssBefore: number; rssPeak: number }[] = []
for (let run = 0; run < 3; run++) {
  const rssBefore = rssOf()
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf())), 20)
  const s = performance.now()
  const response = await fetch(`${base}/api/export/projects.xlsx?sort=shortfall&order=desc`, { headers: { cookie } })
  const bytes = (await response.arrayBuffer()).byteLength
  const ms = performance.now() - s
  clearInterval(sampler)
  if (response.status !== 200) throw new Error(`export → ${response.status}`)
  exportRuns.push({ ms, bytes, rssBefore, rssPeak: Math.max(rssPeak, rssOf()) })
}
const exportMedian = [...exportRuns].sort((a, b) => a.ms - b.ms)[1]!

// 5. Writes, after the reads (an approval bumps the data version, which empties the response cache):
// the demo owner unit's October reports, one request at a time. Each write is one transaction that locks
// the project, stores the report and its audit entry; an approval also rewrites the project's twelve
// judged months and updates its zone's monthly totals and the data version.
const ownerCookie = await signInAs('owner')
const month = '2024-10'
const queueResponse = await fetch(`${base}/api/reports?month=${month}`, { headers: { cookie: ownerCookie } })
if (!queueResponse.ok) throw new Error(`owner's queue → ${queueResponse.status}`)
const queue = (await queueResponse.json()) as { items: { projectId: string; ownerUnit: string; state: string }[] }
const picked = queue.items.filter((i) => i.state === 'missing').slice(0, APPROVALS)
async function timedWrite(as: string, method: string, path: string, body: unknown, expected: number) {
  const s = performance.now()
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: base, cookie: as },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  const ms = performance.now() - s
  if (response.status !== expected) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`)
  return ms
}
const writeTimes = { save: [] as number[], submit: [] as number[], approve: [] as number[] }
const reportPath = (id: string) => `/api/projects/${id}/reports/${month}`
// A small figure at 100%: never below an earlier month's progress; the overrun confirmed in case a
// scaled project has already passed 150% of its plan.
for (const [i, { projectId }] of picked.entries()) {
  // October carries the year's forecast and 完成信心 (decision 74; 预计完工日期 in case the project ends this year or next).
  const fields = {
    actualWan: 1 + (i % 50),
    progressPercent: 100,
    progressText: '主体工程完工',
    confirmOverrun: true,
    forecastYearWan: 1000,
    forecastCompletionDate: '2025-06-30',
    confidence: 'high',
  }
  writeTimes.save.push(await timedWrite(ownerCookie, 'PUT', reportPath(projectId), fields, 201))
  writeTimes.submit.push(await timedWrite(ownerCookie, 'POST', `${reportPath(projectId)}/submit`, { version: 1 }, 200))
}
for (const { projectId } of picked) {
  writeTimes.approve.push(await timedWrite(cookie, 'POST', `${reportPath(projectId)}/approve`, { version: 2, comment: '已核实' }, 200))
}
// After the approvals (a new data version: the forecasts above are no longer cached), the time the database takes
// to compute one forecast with no other request queued beside it (one client): the embedded database answers one
// query at a time, so with 8 clients each answer also waits for the others'.
const forecastAlone = (i: number) => `/api/forecast?asOf=2024-0${1 + (i % 9)}${i < 9 ? '' : `&zone=${BENCH_ZONES[Math.floor(i / 9) - 1]}`}`
rows.push({ label: 'uncached: forecast, one client (each month and zone a new URL; target p95 < 150 ms)', ...(await load(forecastAlone, 72, cookie, 1)) })
function spread(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! }
}
const writeRows = [
  ['draft save (PUT, creates the report)', 'PUT', writeTimes.save],
  ['submit', 'POST …/submit', writeTimes.submit],
  ['approve (refreshes the read model)', 'POST …/approve', writeTimes.approve],
] as const
const ownerUnit = picked[0]?.ownerUnit ?? '—'

// 5b. The month cycle (decisions 64, 67): 待办 and 通知 read as an owner unit and as staff (not cached: each
// request computes the account's own), then October published — one transaction that stores the publication,
// tells every account and issues the bulletin's snapshot — and withdrawn by an admin, five times over.
const cycleRows = [
  { label: '待办 as the owner unit', ...(await load('/api/todo', 300, ownerCookie)) },
  { label: '待办 as staff', ...(await load('/api/todo', 300)) },
  { label: '通知 as the owner unit', ...(await load('/api/notifications', 300, ownerCookie)) },
]
const adminCookie = await signInAs('admin')
const accountCount = ((await (await fetch(`${base}/api/admin/accounts`, { headers: { cookie: adminCookie } })).json()) as { items: unknown[] }).items.length
const publishTimes: number[] = []
for (let i = 0; i < 5; i++) {
  publishTimes.push(await timedWrite(cookie, 'POST', `/api/months/${month}/publish`, {}, 200))
  if (i < 4) await timedWrite(adminCookie, 'POST', `/api/months/${month}/unpublish`, { reason: '基准测试：撤回后重新发布' }, 200)
}

// 5c. Photos (issue 28): 50 owner uploads of a 5 MB phone JPEG at once, to the owner unit's November reports
// (each upload starts the month's draft; at most nine photos a report). Each upload's time to its answer
// (read as it streams, re-encoded by sharp off the server's thread, two at a time, stored, recorded); the
// server's resident set sampled every 20 ms from just before to the last answer, and how it settles after;
// meanwhile one reader asks for /api/summary again and again, one request at a time (its answers are not
// served from the cache: AsOfQuerySchema takes no other parameter, so the reader turns through the months
// 2024-01…09, and every upload bumps the data version, which empties the cache). Then the thumbnails served.
const PHOTO_UPLOADS = Number(process.env.BENCH_PHOTO_UPLOADS ?? 50)
const PHOTO_MONTH = '2024-11'
/** A phone-like photo of about 5 MB: 4000 × 3000 of noise (JPEG keeps nearly all of it) at a quality found to land near 5 MB, with EXIF. */
async function fiveMegabyteJpeg() {
  const { default: sharp } = await import('sharp')
  const { randomBytes } = await import('node:crypto')
  const width = 4000
  const height = 3000
  const noise = randomBytes(width * height * 3)
  const encode = (quality: number) =>
    sharp(noise, { raw: { width, height, channels: 3 } })
      .blur(1.2)
      .jpeg({ quality })
      .withExif({ IFD0: { Make: 'BenchPhone', Model: 'Site Camera' }, IFD2: { DateTimeOriginal: '2024:11:12 10:20:30', OffsetTimeOriginal: '+08:00' } })
      .toBuffer()
  let low = 30
  let high = 98
  let best = await encode(75)
  for (let i = 0; i < 7; i++) {
    const quality = Math.round((low + high) / 2)
    const out = await encode(quality)
    if (Math.abs(out.byteLength - 5 * 2 ** 20) < Math.abs(best.byteLength - 5 * 2 ** 20)) best = out
    if (out.byteLength > 5 * 2 ** 20) high = quality - 1
    else low = quality + 1
  }
  return new Uint8Array(best)
}
const photoJpeg = await fiveMegabyteJpeg()
const photoQueue = (await (await fetch(`${base}/api/reports?month=${PHOTO_MONTH}`, { headers: { cookie: ownerCookie } })).json()) as { items: { projectId: string; ownerUnit: string; state: string }[] }
const photoProjects = photoQueue.items.filter((i) => i.ownerUnit === ownerUnit && i.state === 'missing').map((i) => i.projectId).slice(0, PHOTO_UPLOADS)
if (photoProjects.length === 0 || Math.ceil(PHOTO_UPLOADS / photoProjects.length) > 9) throw new Error(`the owner unit has ${photoProjects.length} November reports to photograph: too few for ${PHOTO_UPLOADS} uploads (nine a report)`)
async function uploadPhoto(i: number) {
  const form = new FormData()
  form.append('file', new Blob([photoJpeg as BlobPart], { type: 'image/jpeg' }), `IMG_${String(i).padStart(4, '0')}.JPG`)
  form.append('caption', `基准测试照片${i + 1}`)
  const projectId = photoProjects[i % photoProjects.length]!
  const s = performance.now()
  const response = await fetch(`${base}/api/projects/${projectId}/reports/${PHOTO_MONTH}/photos`, { method: 'POST', headers: { Origin: base, cookie: ownerCookie }, body: form })
  const body = (await response.json()) as { thumbUrl?: string }
  const ms = performance.now() - s
  if (response.status !== 201) throw new Error(`photo upload ${i} → ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  return { ms, thumbUrl: body.thumbUrl! }
}
const photoRssBefore = rssOf()
let photoRssPeak = photoRssBefore
let imageProcessRssPeak = 0
const photoSampler = setInterval(() => {
  photoRssPeak = Math.max(photoRssPeak, rssOf())
  imageProcessRssPeak = Math.max(imageProcessRssPeak, childrenRss())
}, 20)
let uploading = true
const summaryDuringUploads: number[] = []
const summaryReader = (async () => {
  for (let i = 0; uploading; i++) summaryDuringUploads.push(await timed(`/api/summary?asOf=2024-0${1 + (i % 9)}`))
})()
const photosStarted = performance.now()
const uploads = await Promise.all(Array.from({ length: PHOTO_UPLOADS }, (_, i) => uploadPhoto(i)))
const photosWallMs = performance.now() - photosStarted
uploading = false
await summaryReader
clearInterval(photoSampler)
photoRssPeak = Math.max(photoRssPeak, rssOf())
const afterPhotos = await settle(photoRssBefore)
const thumbUrls = uploads.map((u) => u.thumbUrl)
const thumbRow = await load((i) => thumbUrls[i % thumbUrls.length]!, 300, ownerCookie)
// How a reader's page asks for them: one reader, and a project page's timeline (a browser opens six at once).
const thumbOneReader = await load((i) => thumbUrls[i % thumbUrls.length]!, 300, ownerCookie, 1)
const thumbOnePage = await load((i) => thumbUrls[i % thumbUrls.length]!, 300, ownerCookie, 6)
// The harness's own floor with 8 clients on this machine: the cheapest answer the server has (no session, no database).
const healthRow = await load('/api/health', 300, ownerCookie)

// 6. Imports, last (they add projects): a ledger of 20,000 new projects (the largest file an import
// takes), checked, imported in one transaction, then imported again (nothing changes); and one owner
// unit's November sheet from its own template.
const LEDGER_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 20_000)
async function ledgerWorkbook(rows: number) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('项目台账')
  sheet.addRow(['项目编号', '项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期'])
  for (let i = 0; i < rows; i++) {
    sheet.addRow([`P${String(200_000 + i)}`, `导入测试项目${i + 1}`, ['南坪', '南山', '南滨路', '广阳岛'][i % 4], '聚焦民生所盼', '政府投资', '续建', `导入测试业主单位${i % 50}`, '区住房城乡建委', 50_000 + i, 12_000, '2023-03-01', '2026-06-30'])
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
async function timedImport(path: string, as: string, bytes: Uint8Array) {
  const s = performance.now()
  const rssBefore = rssOf()
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf())), 20)
  const response = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE, Origin: base, cookie: as }, body: new Blob([bytes as BlobPart]) })
  const body = (await response.json()) as { rows: number; created: number; updated: number; unchanged: number; errors: unknown[] }
  clearInterval(sampler)
  if (response.status !== 200) throw new Error(`${path} → ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  rssPeak = Math.max(rssPeak, rssOf())
  return { ms: performance.now() - s, body, rssBefore, rssPeak, rssGrowth: rssPeak - rssBefore }
}
/**
 * Memory after work (issue 25, decision 68): the server's resident set polled every 500 ms after a request
 * until it is back within 20% of its level before the request, for at most 60 s. Returns when it came back
 * (null: not within 60 s) and the level then.
 */
async function settle(rssBefore: number, limitMs = 60_000) {
  const s = performance.now()
  for (;;) {
    const rss = rssOf()
    const ms = performance.now() - s
    if (rss <= rssBefore * 1.2) return { backMs: ms, rss }
    if (ms >= limitMs) return { backMs: null, rss }
    await new Promise((r) => setTimeout(r, 500))
  }
}
const ledgerBytes = await ledgerWorkbook(LEDGER_ROWS)
const ledgerCheck = await timedImport('/api/import/projects?dryRun=1', cookie, ledgerBytes)
const ledgerImport = await timedImport('/api/import/projects', cookie, ledgerBytes)
const afterImport = await settle(ledgerImport.rssBefore)
const ledgerRuns = [
  ['check (dryRun=1)', ledgerCheck],
  ['import', ledgerImport],
  ['the same file again (no change)', await timedImport('/api/import/projects', cookie, ledgerBytes)],
] as const
const templateResponse = await fetch(`${base}/api/import/reports/template.xlsx?month=2024-11`, { headers: { cookie: ownerCookie } })
const reportBook = new ExcelJS.Workbook()
await reportBook.xlsx.load(await templateResponse.arrayBuffer())
const reportSheet = reportBook.worksheets[0]!
const reportHeader = (reportSheet.getRow(1).values as unknown[]).slice(1) as string[]
for (let r = 2; r <= reportSheet.rowCount; r++) {
  reportSheet.getCell(r, reportHeader.indexOf('当月完成投资（万元）') + 1).value = 10
  reportSheet.getCell(r, reportHeader.indexOf('形象进度（%）') + 1).value = 100
  reportSheet.getCell(r, reportHeader.indexOf('形象进度描述') + 1).value = '主体工程完工'
  reportSheet.getCell(r, reportHeader.indexOf('超计划确认') + 1).value = '是'
  reportSheet.getCell(r, reportHeader.indexOf('全年预计完成投资（万元）') + 1).value = 1000
  reportSheet.getCell(r, reportHeader.indexOf('预计完工日期') + 1).value = '2025-06-30'
  reportSheet.getCell(r, reportHeader.indexOf('完成信心') + 1).value = '高'
}
const reportImport = await timedImport('/api/import/reports?month=2024-11', ownerCookie, new Uint8Array(await reportBook.xlsx.writeBuffer()))

server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
rmSync(dataDir, { recursive: true, force: true })

const loadAtEnd = loadavg()[0]!
const fmt = (n: number) => n.toFixed(1)
const pass = (ms: number, limit: number) => (ms < limit ? '✓' : '✗')
const report = `# API benchmark (\`npm run bench:api\`)

Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,
Node ${process.version}; ${fromSource ? 'the server from its sources (`node --import tsx server/main.ts`: the build was older than the sources)' : 'the built server (`dist-server/main.js`)'};
load average (1 min) ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end of the run (other work on the machine slows every number);
embedded database (PGlite) in a scratch directory; load generated on the same machine
over loopback (${CONCURRENCY} concurrent clients, ${REQUESTS} requests per endpoint after 50 warm-up requests).
Repeated URLs are answered from the server's response cache (keyed by URL and data version, checked on every
request); the "uncached" rows use a new URL for every request, so the database computes each answer.
The server runs the summary's queries twice at start-up to warm the WebAssembly engine (not the cache).

## Data
${counts?.projects} projects, ${counts?.reports} monthly reports, ${counts?.statuses} judged project-months.
Generation ${fmt(generateMs)} ms; migration + seed in one transaction ${fmt(seedMs / 1000)} s; server start to healthy ${fmt(startMs)} ms.

## Latency
Cold summary (first request after start): **${fmt(coldSummaryMs)} ms** (target < 100 ms ${pass(coldSummaryMs, 100)})

| endpoint | p50 ms | p95 ms | p99 ms | req/s | p95 < 50 ms |
| --- | ---: | ---: | ---: | ---: | :---: |
${rows.map((r) => `| ${r.label} \`${r.path}\` | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps)} | ${pass(r.p95, 50)} |`).join('\n')}

## Export (\`GET /api/export/projects.xlsx\`, all ${counts?.projects} projects)
Three runs, the median: **${fmt(exportMedian.ms / 1000)} s** to the last byte for a ${fmt(exportMedian.bytes / 2 ** 20)} MB workbook; the
server's resident memory went from ${fmt(exportMedian.rssBefore / 2 ** 20)} MB to a peak of ${fmt(exportMedian.rssPeak / 2 ** 20)} MB
(+${fmt((exportMedian.rssPeak - exportMedian.rssBefore) / 2 ** 20)} MB; sampled every 20 ms). Runs: ${exportRuns.map((r) => `${fmt(r.ms / 1000)} s / +${fmt((r.rssPeak - r.rssBefore) / 2 ** 20)} MB`).join('; ')}.
The rows are read on one snapshot in pages of 1,000, then written as a stream (exceljs's streaming writer):
the workbook is never held whole in memory.

## Writes (月报)
${picked.length} October reports of one owner unit (${ownerUnit}), each saved as a draft and submitted by the owner,
then all approved by the staff; one request at a time, over loopback, session lookup and Origin check included.
Target: **p95 < 50 ms for one approval** at ${counts?.projects} projects (the approval rewrites the project's twelve
judged months, adds the change to its zone's monthly totals and bumps the data version in its own transaction).

| write | requests | p50 ms | p95 ms | max ms | p95 < 50 ms |
| --- | ---: | ---: | ---: | ---: | :---: |
${writeRows.map(([label, route, times]) => { const r = spread(times); return `| ${label} \`${route}\` | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} | ${pass(r.p95, 50)} |` }).join('\n')}

## The month cycle (待办, 通知, 发布)
Read as accounts do, ${CONCURRENCY} concurrent clients, 300 requests each after 50 warm-up requests; 待办 and 通知 are
not cached (each answer is the account's own). Target: **p95 < 50 ms for 待办**.

| read | p50 ms | p95 ms | p99 ms | req/s | p95 < 50 ms |
| --- | ---: | ---: | ---: | ---: | :---: |
${cycleRows.map((r) => `| ${r.label} \`${r.path}\` | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps)} | ${pass(r.p95, 50)} |`).join('\n')}

Publishing October at ${counts?.projects} projects — the publication, a notice to each of ${accountCount} accounts and the bulletin's
snapshot (summary, the 严重滞后/滞后/应开未开/未报送 lists in full, overdue problems) in one transaction — timed five
times (withdrawn by the admin between runs, each re-publication issuing a new 文号): ${(() => { const r = spread(publishTimes); return `p50 **${fmt(r.p50)} ms**, p95 (the slowest of five) **${fmt(r.p95)} ms**` })()}; runs ${publishTimes.map((ms) => fmt(ms)).join(', ')} ms.

## Photos (形象进度照片, issue 28)
${PHOTO_UPLOADS} uploads at once by the owner unit (${ownerUnit}) to ${photoProjects.length} of its November reports: each a ${fmt(photoJpeg.byteLength / 2 ** 20)} MB
4000 × 3000 JPEG with EXIF (noise, so it compresses as little as a photo of a site), posted as multipart/form-data
over loopback; each is staged on disk as it streams, re-encoded (1600 px and 320 px, no EXIF; at most two at a time,
in the server's image process, a child process at a lower priority that exits when the uploads stop), stored in
DATA_DIR/files and recorded. All ${PHOTO_UPLOADS} done in ${fmt(photosWallMs / 1000)} s.

| measure | value |
| --- | ---: |
${(() => { const r = spread(uploads.map((u) => u.ms)); return `| upload, time to the answer: p50 / p95 / max | ${fmt(r.p50)} / **${fmt(r.p95)}** / ${fmt(r.max)} ms |` })()}
| resident set, the server and its image process: before / peak / after | ${fmt(photoRssBefore / 2 ** 20)} / **${fmt(photoRssPeak / 2 ** 20)}** / ${fmt(afterPhotos.rss / 2 ** 20)} MB (${afterPhotos.backMs === null ? 'not back within 20% of before in 60 s ✗' : `back within 20% of before ${fmt(afterPhotos.backMs / 1000)} s after the last answer ✓`}) |
${(() => { const r = spread(summaryDuringUploads); return `| \`/api/summary\` read during the uploads (one reader, ${r.n} requests; target p95 < 100 ms): p50 / p95 / max | ${fmt(r.p50)} / **${fmt(r.p95)}** / ${fmt(r.max)} ms ${pass(r.p95, 100)} |` })()}
| the image process's resident set at its peak (included above; it exits 5 s after the last upload) | ${fmt(imageProcessRssPeak / 2 ** 20)} MB |
| thumbnails served, one reader (300 requests, one at a time; target p95 < 20 ms): p50 / p95 / p99 | ${fmt(thumbOneReader.p50)} / **${fmt(thumbOneReader.p95)}** / ${fmt(thumbOneReader.p99)} ms ${pass(thumbOneReader.p95, 20)} |
| thumbnails served, as a project page asks (6 at once, 300 requests): p50 / p95 / p99 | ${fmt(thumbOnePage.p50)} / **${fmt(thumbOnePage.p95)}** / ${fmt(thumbOnePage.p99)} ms ${pass(thumbOnePage.p95, 20)} |
| thumbnails served, ${CONCURRENCY} clients (300 requests): p50 / p95 / p99 | ${fmt(thumbRow.p50)} / **${fmt(thumbRow.p95)}** / ${fmt(thumbRow.p99)} ms ${pass(thumbRow.p95, 20)} |
| the harness's floor: \`/api/health\` (no session, no database), ${CONCURRENCY} clients: p50 / p95 / p99 | ${fmt(healthRow.p50)} / ${fmt(healthRow.p95)} / ${fmt(healthRow.p99)} ms |

The summary reader asks for \`/api/summary?asOf=2024-01\` … \`2024-09\` in turn (the API takes no other parameter
to make a URL new). A photo upload no longer bumps the data version (no cached answer holds a draft's photo, decision
81), so after the first answer for each month the reader is served from the cache, as any reader would be: the
measure is how well the server's own thread keeps answering while fifty uploads stream in and are stored.

## Imports (Excel)
A ledger of ${LEDGER_ROWS.toLocaleString('en')} new projects (${fmt(ledgerBytes.byteLength / 2 ** 20)} MB; the most rows an import takes), posted by the staff
to a server already holding ${counts?.projects} projects: read, checked row by row with the domain's rules, and written in one
transaction (projects, monthly plans, judged months, audit entries). Server memory: growth of its resident set during the request.

| request | rows | created | unchanged | time s | server memory + MB |
| --- | ---: | ---: | ---: | ---: | ---: |
${ledgerRuns.map(([label, r]) => `| ${label} | ${r.body.rows} | ${r.body.created} | ${r.body.unchanged} | ${fmt(r.ms / 1000)} | ${fmt(r.rssGrowth / 2 ** 20)} |`).join('\n')}
| one owner unit's November sheet (its template, every row filled) \`POST /api/import/reports\` | ${reportImport.body.rows} | ${reportImport.body.created} | ${reportImport.body.unchanged} | ${fmt(reportImport.ms / 1000)} | ${fmt(reportImport.rssGrowth / 2 ** 20)} |

Memory after the import (the target: back within 20% of the level before it within a minute; the workbook is
read in a worker thread whose heap goes when it exits, decision 68): resident set ${fmt(ledgerImport.rssBefore / 2 ** 20)} MB before,
${fmt(ledgerImport.rssPeak / 2 ** 20)} MB at the peak, ${afterImport.backMs === null ? `still ${fmt(afterImport.rss / 2 ** 20)} MB after 60 s (${fmt((afterImport.rss / ledgerImport.rssBefore - 1) * 100)}% above: ✗)` : `${fmt(afterImport.rss / 2 ** 20)} MB ${fmt(afterImport.backMs / 1000)} s after the answer (${fmt((afterImport.rss / ledgerImport.rssBefore - 1) * 100)}% above: ✓)`}.
`
writeFileSync('docs/benchmarks-api.md', report)
console.log(report)
