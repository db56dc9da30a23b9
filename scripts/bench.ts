// npm run bench: how long the API's computations take over 10,000 projects (the mock API and any
// in-memory implementation use them), and how much JavaScript the first page loads. Not a test:
// it writes numbers to docs/benchmarks.md.
import { execSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { gzipSync } from 'node:zlib'
import { firstPageJs } from './first-page-js.mjs'
import { generateScaledDataset } from '@/dataset/scale'
import { buildSummary, buildZoneList, queryProjects } from '@/domain/answers'

function measure(label: string, runs: number, fn: () => unknown) {
  fn() // warm up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
  return { label, runs, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! }
}

const started = performance.now()
const records = generateScaledDataset(10_000)
const generateMs = performance.now() - started
const heapMb = process.memoryUsage().heapUsed / 1e6

const rows = [
  measure('summary (all figures, 1-9月)', 30, () => buildSummary(records, 9)),
  measure('zone cards', 30, () => buildZoneList(records, 9)),
  measure('list: zone + status filter, sort by shortfall, page 3', 50, () =>
    queryProjects(records, { zone: 'nanping', status: ['lagging', 'severe'], sort: 'shortfall', order: 'desc', page: 3 }),
  ),
  measure('list: text search "道路"', 50, () => queryProjects(records, { q: '道路' })),
  measure('list: sort by name (zh-CN collation), page 1', 20, () => queryProjects(records, { sort: 'name' })),
]

// First-page JavaScript: the entry chunk and what it imports statically, gzip, excluding the
// demo-only mock worker chunk and the lazy chart chunk.
let bundleNote = 'dist/ not built'
try {
  execSync('npx vite build', { stdio: 'ignore' })
  execSync('npx vite build --outDir dist-demo', { stdio: 'ignore', env: { ...process.env, VITE_API_MODE: 'mock' } })
  const firstPage = firstPageJs('dist')
  const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js'))
  const sizeOf = (f: string) => gzipSync(readFileSync(`dist/assets/${f}`)).length
  const charts = files.filter((f) => f.startsWith('charts-')).reduce((s, f) => s + sizeOf(f), 0)
  const demoFiles = readdirSync('dist-demo/assets').filter((f) => f.startsWith('browser-') && f.endsWith('.js'))
  const mock = demoFiles.reduce((s, f) => s + gzipSync(readFileSync(`dist-demo/assets/${f}`)).length, 0)
  bundleNote = [
    `| first page (entry + overview route, static imports; ${firstPage.files.length} files) | ${(firstPage.gzip / 1024).toFixed(1)} kB gzip (${(firstPage.brotli / 1024).toFixed(1)} kB brotli, as sent) |`,
    `| charts (Recharts, lazy) | ${(charts / 1024).toFixed(1)} kB gzip |`,
    `| mock API worker + dataset (demo build only; absent from the server build) | ${(mock / 1024).toFixed(1)} kB gzip |`,
  ].join('\n')
} catch (error) {
  bundleNote = `build failed: ${String(error)}`
}

const fmt = (n: number) => n.toFixed(2)
const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.

## API computations over 10,000 projects (in-memory, one core)

Generating 10,000 records took ${generateMs.toFixed(0)} ms; heap after generation ${heapMb.toFixed(0)} MB.

| operation | runs | p50 ms | p95 ms | max ms |
| --- | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.label} | ${r.runs} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} |`).join('\n')}

The list page renders only one page of rows (50 by default, at most 200), so the browser's work does not
grow with the number of projects; the server-side filter, sort and sums above are what grows.

## JavaScript shipped

| part | size |
| --- | ---: |
${bundleNote}

Target (DEVELOPERS.md): first page under 150 kB gzip, charts lazy.
`
// The page-speed section is written by `npm run perf` (scripts/perf.mjs): kept as it is.
const perfSection = /<!-- perf:start -->[\s\S]*<!-- perf:end -->/.exec(readFileSync('docs/benchmarks.md', 'utf8'))?.[0]
writeFileSync('docs/benchmarks.md', perfSection ? `${report.trimEnd()}\n\n${perfSection}\n` : report)
console.log(report)
