// npm run bench: how much JavaScript the first page loads. Not a test: it writes numbers to
// docs/benchmarks.md. The API's read path (SQL over 10,000 projects) is measured by `npm run bench:api`.
import { execSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { gzipSync } from 'node:zlib'
import { firstPageJs } from './first-page-js.mjs'

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

const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.

## The API's read path

The answers are computed in SQL by the server (\`server/db/queries.ts\`); there is no in-memory
implementation to time here. Their latency and throughput over 10,000 projects are measured by
\`npm run bench:api\` → \`docs/benchmarks-api.md\`.

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
