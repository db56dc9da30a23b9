// The first page's JavaScript, measured one way for the CI budget (scripts/js-budget.mjs) and the benchmark
// report (scripts/bench.ts): the entry chunk of dist/index.html, the overview route's chunk, and everything
// they import statically; each file's size gzip-compressed (the budget's unit) and brotli-compressed (what the
// server sends a browser that accepts it: the build writes .br files beside the assets).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export function firstPageJs(dir = 'dist') {
  const html = readFileSync(`${dir}/index.html`, 'utf8')
  const entries = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
  const files = readdirSync(`${dir}/assets`).filter((f) => f.endsWith('.js'))
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(`${dir}/assets/${file}`, 'utf8')
    for (const m of code.matchAll(/from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g)) visit(m[1] ?? m[2])
  }
  // The overview route's own chunk is overview-<8-character hash>.js (not overview-details-…, which it loads lazily).
  for (const file of [...entries, ...files.filter((f) => /^overview-[\w-]{8}\.js$/.test(f))]) visit(file)
  const sized = [...seen]
    .map((file) => {
      const content = readFileSync(`${dir}/assets/${file}`)
      const br = `${dir}/assets/${file}.br`
      const brotli = existsSync(br) ? readFileSync(br).length : brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
      return { file, gzip: gzipSync(content).length, brotli }
    })
    .sort((a, b) => b.gzip - a.gzip)
  return { entries, files: sized, gzip: sized.reduce((s, f) => s + f.gzip, 0), brotli: sized.reduce((s, f) => s + f.brotli, 0) }
}
