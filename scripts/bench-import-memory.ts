// npx tsx --tsconfig tsconfig.json scripts/bench-import-memory.ts — memory after work (issue 25, decision 68),
// alone and quickly: a scratch embedded database of BENCH_PROJECTS projects (default 2,000), the server from its
// sources on it, one 20,000-row ledger imported by the staff; the server's resident set sampled before, during
// (every 20 ms) and each second for 60 s after the answer. Prints a table; writes nothing. bench:api measures
// the same at 10,000 projects as part of its full run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { XLSX_TYPE } from '@/contract/imports'
import { generateScaledDataset } from '@/dataset/scale'
import { openDatabase } from '../server/db/client'
import { seedIfEmpty } from '../server/db/write'
import { seedDemoAccounts } from '../server/auth/accounts'

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 2_000)
const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 20_000)
const PORT = 47_998
const PASSWORD = 'bench-password-2024'
const dataDir = mkdtempSync(join(tmpdir(), 'nanan-import-memory-'))
const loadAtStart = loadavg()[0]!

const database = await openDatabase({ dataDir })
await seedIfEmpty(database.db, () => generateScaledDataset(PROJECTS))
await seedDemoAccounts(database.db, { password: PASSWORD })
await database.close()

const server = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_PASSWORD: PASSWORD },
  stdio: ['ignore', 'ignore', 'inherit'],
})
process.once('exit', () => server.kill('SIGKILL'))
const base = `http://127.0.0.1:${PORT}`
for (let i = 0; ; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break
  if (i > 600) throw new Error('server did not start')
  await new Promise((r) => setTimeout(r, 100))
}
const rssOf = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
const MB = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Origin: base },
  body: JSON.stringify({ username: 'staff', password: PASSWORD }),
})
const cookie = login.headers.get('set-cookie')!.split(';')[0]!
// A few reads first, as a running server has served them before anyone imports.
for (const path of ['/api/summary', '/api/projects?page=1', '/api/zones']) await fetch(base + path, { headers: { cookie } })

const workbook = new ExcelJS.Workbook()
const sheet = workbook.addWorksheet('项目台账')
sheet.addRow(['项目编号', '项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期'])
for (let i = 0; i < ROWS; i++) {
  sheet.addRow([`P${String(200_000 + i)}`, `导入测试项目${i + 1}`, ['南坪', '南山', '南滨路', '广阳岛'][i % 4], '聚焦民生所盼', '政府投资', '续建', `导入测试业主单位${i % 50}`, '区住房城乡建委', 50_000 + i, 12_000, '2023-03-01', '2026-06-30'])
}
const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())

await new Promise((r) => setTimeout(r, 2000))
const before = rssOf()
let peak = before
const sampler = setInterval(() => (peak = Math.max(peak, rssOf())), 20)
const started = performance.now()
const response = await fetch(`${base}/api/import/projects`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE, Origin: base, cookie }, body: new Blob([bytes as BlobPart]) })
const body = (await response.json()) as { created?: number }
const importMs = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, rssOf())
const atAnswer = rssOf()
const after: { s: number; rss: number }[] = []
for (let s = 1; s <= 60; s++) {
  await new Promise((r) => setTimeout(r, 1000))
  after.push({ s, rss: rssOf() })
}
const back = after.find((a) => a.rss <= before * 1.2)
server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
rmSync(dataDir, { recursive: true, force: true })

console.log(`${PROJECTS} projects stored; ${ROWS} rows (${MB(bytes.byteLength)} MB) → ${response.status}, ${body.created ?? '?'} created in ${(importMs / 1000).toFixed(1)} s; load ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`)
console.log(`RSS before ${MB(before)} MB, peak ${MB(peak)} MB (+${MB(peak - before)}), at the answer ${MB(atAnswer)} MB`)
console.log(`after: ${after.filter((a) => a.s % 5 === 0 || a.s <= 3).map((a) => `${a.s}s ${MB(a.rss)}`).join(', ')} MB`)
console.log(back ? `back within 20% of before after ${back.s} s (${MB(back.rss)} MB, ${((back.rss / before - 1) * 100).toFixed(1)}% above)` : `not within 20% after 60 s: ${MB(after.at(-1)!.rss)} MB (${((after.at(-1)!.rss / before - 1) * 100).toFixed(1)}% above)`)
