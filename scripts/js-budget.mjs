// The first page's JavaScript budget, enforced: the entry chunk of dist/index.html, the overview route's
// chunk, and everything they import statically, gzip-compressed, must stay at or under 150 kB
// (DEVELOPERS.md; issue 10). `npm test` runs it after the build; over budget → exit 1.
import { firstPageJs } from './first-page-js.mjs'

const BUDGET_BYTES = 150 * 1024
const { entries, files, gzip, brotli } = firstPageJs('dist')
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`
if (entries.length === 0 || gzip === 0) {
  console.error('js-budget: no entry script found in dist/index.html — build first (npm run build)')
  process.exit(1)
}
const line = `first page JavaScript: ${kb(gzip)} gzip of ${kb(BUDGET_BYTES)} budget, ${kb(brotli)} as sent (brotli), in ${files.length} files (${files.map((s) => `${s.file} ${kb(s.gzip)}`).join(', ')})`
if (gzip > BUDGET_BYTES) {
  console.error(`js-budget: OVER BUDGET — ${line}`)
  process.exit(1)
}
console.log(`js-budget: ${line}`)
