// Serves a static build: the backend-free demo (npm run preview:demo, DIST_DIR=dist-demo), whose API is the
// server's own app running in the page over PGlite (mocks/browser.ts). Zero configuration: PORT (default
// 3000) and HOST (default 0.0.0.0) change where it listens.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { createGzip } from 'node:zlib'

const root = resolve(process.env.DIST_DIR ?? 'dist')
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0-65535, got "${process.env.PORT}"`)
  process.exit(1)
}
if (!existsSync(join(root, 'index.html'))) {
  console.error(`${root}/index.html not found: run "npm run build" first (npm start does it for you)`)
  process.exit(1)
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  // PGlite's engine and its initial files (the demo's database): compiled as it streams in, by type.
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.wasm', '.data'])

function send(req, res, file, status = 200) {
  const ext = extname(file)
  const headers = { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' }
  // Hashed assets never change; everything else is revalidated.
  headers['Cache-Control'] = file.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
  if (gzip) headers['Content-Encoding'] = 'gzip'
  headers.Vary = 'Accept-Encoding'
  res.writeHead(status, headers)
  if (req.method === 'HEAD') return res.end()
  const stream = createReadStream(file)
  ;(gzip ? stream.pipe(createGzip()) : stream).pipe(res)
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'application/json; charset=utf-8', Allow: 'GET, HEAD' })
    return res.end(JSON.stringify({ error: { code: 'method_not_allowed', message: '只支持 GET 请求' } }))
  }
  let pathname
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
  } catch {
    res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' })
    return res.end(JSON.stringify({ error: { code: 'bad_request', message: '无效的地址' } }))
  }
  const file = normalize(join(root, pathname))
  if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) return send(req, res, file)
  if (pathname.startsWith('/api/') || pathname.startsWith('/assets/')) {
    // In demo mode /api is answered by the browser's worker; a request reaching here has no handler.
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' })
    return res.end(JSON.stringify({ error: { code: 'not_found', message: `${pathname} 不存在` } }))
  }
  // Every other path is a page of the app: deep links and reloads work.
  return send(req, res, join(root, 'index.html'))
})

server.listen(port, host, () => {
  const address = server.address()
  const shown = typeof address === 'object' && address ? address.port : port
  console.log(`南岸区重点项目进度监测平台: http://${host === '0.0.0.0' ? 'localhost' : host}:${shown}`)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
