// The first page's JavaScript budget, enforced: the entry chunk of dist/index.html, the overview route's
// chunk, and everything they import statically, gzip-compressed, must stay at or under 150 kB
// (DEVELOPERS.md; issue 10). `npm test` runs it after the build; over budget → exit 1.
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 150 * 1024
const html = readFileSync('dist/index.html', 'utf8')
const entries = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js'))
const seen = new Set()
const visit = (file) => {
  if (seen.has(file)) return
  seen.add(file)
  const code = readFileSync(`dist/assets/${file}`, 'utf8')
  for (const m of code.matchAll(/from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g)) visit(m[1] ?? m[2])
}
// The overview route's own chunk is overview-<8-character hash>.js (not overview-details-…, which it loads lazily).
for (const file of [...entries, ...files.filter((f) => /^overview-[\w-]{8}\.js$/.test(f))]) visit(file)
const sizes = [...seen].map((f) => ({ file: f, bytes: gzipSync(readFileSync(`dist/assets/${f}`)).length })).sort((a, b) => b.bytes - a.bytes)
const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`
if (entries.length === 0 || total === 0) {
  console.error('js-budget: no entry script found in dist/index.html — build first (npm run build)')
  process.exit(1)
}
const line = `first page JavaScript: ${kb(total)} gzip of ${kb(BUDGET_BYTES)} budget (${sizes.map((s) => `${s.file} ${kb(s.bytes)}`).join(', ')})`
if (total > BUDGET_BYTES) {
  console.error(`js-budget: OVER BUDGET — ${line}`)
  process.exit(1)
}
console.log(`js-budget: ${line}`)
