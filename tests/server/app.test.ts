import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectListSchema, SummarySchema, apiRoutes } from '@/contract'
import { methodsByPath } from '@/domain/route-access'
import { precompressFiles } from '../../scripts/precompress'
import { ROUTE_ACCESS, createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { freshMemoryDatabase } from '../support/seeded-snapshot'
import { drawnOnServer } from '../../server/page-hints'
import { parseEnv } from '../../server/env'
import { bodyOf, expectApiError, fakeBuiltSpa, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * The server as one Hono app in this process: the API over a seeded in-memory database, and the built
 * SPA from a directory. Everything a browser or an operator relies on that is not the data itself:
 * health, request ids, caching, compression, the API description, static files and deep links,
 * wrong methods, oversized bodies, and the start-up configuration.
 */

let database: Database
let api: Client
let site: Client
let spa: ReturnType<typeof fakeBuiltSpa>

beforeAll(async () => {
  database = await seededMemoryDatabase()
  spa = fakeBuiltSpa()
  api = await signedIn(createApp({ database, logger: silentLogger() }))
  site = await signedIn(createApp({ database, logger: silentLogger(), staticDir: spa.root }))
})
afterAll(async () => {
  await database?.close()
  if (spa) rmSync(spa.parent, { recursive: true, force: true })
})

/** A route pattern made concrete with ids that exist. */
const concrete = (route: string) => route.replace(':zoneId', 'nanping').replace(':projectId', 'P001')
const toOpenApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}')

describe('health', () => {
  it('says ok with the embedded database reachable', async () => {
    const response = await api.request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: 'embedded', reachable: true } })
  })

  it('answers 503 once its database has gone away, and only for that server', async () => {
    const doomed = await freshMemoryDatabase()
    const other = createApp({ database: doomed, logger: silentLogger() })
    expect((await other.request('/api/health')).status).toBe(200)

    await doomed.close()
    const response = await other.request('/api/health')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      database: { kind: 'embedded', reachable: false },
    })
    // The server on the live database is not affected.
    expect((await api.request('/api/health')).status).toBe(200)
  })
})

describe('request ids', () => {
  it('gives every response an X-Request-Id, whatever its status', async () => {
    const summary = await api.request('/api/summary')
    const etag = summary.headers.get('ETag')!
    const requests: [string, string, RequestInit?][] = [
      ['200 API', '/api/summary'],
      ['304 revalidated', '/api/summary', { headers: { 'If-None-Match': etag } }],
      ['400 bad query', '/api/projects?page=0'],
      ['404 unknown API', '/api/nope'],
      ['405 wrong method', '/api/summary', { method: 'POST' }],
      ['413 huge body', '/api/projects', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }],
    ]
    const ids = new Set<string>()
    for (const [label, path, init] of requests) {
      const response = await api.request(path, init)
      const id = response.headers.get('X-Request-Id')
      expect(id, `${label}: X-Request-Id`).toMatch(/^[\w-]{8,}$/)
      ids.add(id!)
    }
    for (const path of ['/assets/app-abc123.js', '/favicon.svg', '/zones/nanping', '/assets/missing.js']) {
      const id = (await site.request(path)).headers.get('X-Request-Id')
      expect(id, `static ${path}: X-Request-Id`).toMatch(/^[\w-]{8,}$/)
      ids.add(id!)
    }
    expect(ids.size, 'each request gets its own id').toBe(requests.length + 4)
  })

  it('echoes the id a client (or a proxy in front) sent', async () => {
    const response = await api.request('/api/summary', { headers: { 'X-Request-Id': 'trace-4242-abc' } })
    expect(response.headers.get('X-Request-Id')).toBe('trace-4242-abc')
  })

  it('does not echo an id that could smuggle markup or flood the logs', async () => {
    for (const hostile of ['<script>alert(1)</script>', 'x'.repeat(300)]) {
      const id = (await api.request('/api/summary', { headers: { 'X-Request-Id': hostile } })).headers.get(
        'X-Request-Id',
      )
      expect(id).not.toBe(hostile)
      expect(id).toMatch(/^[\w-]{8,255}$/)
    }
  })
})

describe('caching of API answers', () => {
  it('tags the summary with an ETag, asks clients to revalidate, and answers a match with an empty 304', async () => {
    const first = await api.request('/api/summary')
    expect(first.status).toBe(200)
    const etag = first.headers.get('ETag')
    expect(etag).toBeTruthy()
    expect(first.headers.get('Cache-Control')).toContain('no-cache')
    expect(SummarySchema.safeParse(await first.json()).success).toBe(true)

    const again = await api.request('/api/summary', { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('ETag')).toBe(etag)
  })

  it('gives a different month a different ETag, so a stale tag gets the full answer', async () => {
    const september = await api.request('/api/summary?asOf=2024-09')
    const may = await api.request('/api/summary?asOf=2024-05')
    expect(may.headers.get('ETag')).not.toBe(september.headers.get('ETag'))

    const stale = await api.request('/api/summary?asOf=2024-05', {
      headers: { 'If-None-Match': september.headers.get('ETag')! },
    })
    expect(stale.status).toBe(200)
    expect(((await stale.json()) as { asOfMonth: number }).asOfMonth).toBe(5)
  })
})

describe('compression', () => {
  it('gzips a large JSON answer for a client that accepts gzip, with the same content', async () => {
    const plain = await api.request('/api/projects?pageSize=200')
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    const expected = (await plain.json()) as unknown

    const zipped = await api.request('/api/projects?pageSize=200', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(zipped.status).toBe(200)
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    expect(zipped.headers.get('Vary') ?? '').toMatch(/accept-encoding/i)
    const raw = Buffer.from(await zipped.arrayBuffer())
    const unzipped = JSON.parse(gunzipSync(raw).toString('utf8')) as unknown
    expect(unzipped).toEqual(expected)
    expect(ProjectListSchema.parse(unzipped).items).toHaveLength(132)
    expect(raw.length, 'compressed is smaller').toBeLessThan(JSON.stringify(expected).length / 3)
  })
})

describe('the API description', () => {
  it('is an OpenAPI 3.1 document with a GET for every route of the contract', async () => {
    const response = await api.request('/api/openapi.json')
    expect(response.status).toBe(200)
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toMatch(/^3\.1\./)
    for (const route of Object.values(apiRoutes)) {
      expect(doc.paths, `path for ${route}`).toHaveProperty([toOpenApiPath(route)])
      expect(doc.paths[toOpenApiPath(route)], `GET ${route}`).toHaveProperty('get')
    }
  })

  it('describes every route of the access table with its method, and who may call it', async () => {
    const doc = (await (await api.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>
    }
    for (const route of ROUTE_ACCESS) {
      const operation = doc.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()]
      expect(operation, `${route.method} ${route.path}`).toBeDefined()
      if (route.access === 'public') expect(operation!.security, `${route.path} needs no session`).toEqual([])
      else expect(operation!.responses, `${route.method} ${route.path} says 401`).toHaveProperty('401')
    }
  })

  it('describes the provenance of the figures in every figure answer', async () => {
    const text = await (await api.request('/api/openapi.json')).text()
    const doc = JSON.parse(text) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }> }
    for (const route of [apiRoutes.summary, apiRoutes.zones, apiRoutes.zone, apiRoutes.projects, apiRoutes.project]) {
      const schema = JSON.stringify(doc.paths[toOpenApiPath(route)]!.get!.responses['200']!.content!['application/json']!.schema)
      expect(schema, route).toContain('"provenance"')
      expect(schema, route).toContain('数据来源：simulated')
    }
  })

  it('has a readable HTML page that mentions every path', async () => {
    const response = await api.request('/api/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    const html = await response.text()
    for (const route of Object.values(apiRoutes)) expect(html, route).toContain(toOpenApiPath(route))
  })
})

describe('the built SPA', () => {
  it('serves hashed assets for a year, immutable', async () => {
    const response = await site.request('/assets/app-abc123.js')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(spa.appJs)
    expect(response.headers.get('Cache-Control')).toContain('immutable')
    expect(response.headers.get('Content-Type')).toContain('javascript')
  })

  it('sends the build’s precompressed file that the browser accepts (brotli first), the same bytes once decoded', async () => {
    const big = `console.log(${JSON.stringify('南岸区重点项目 '.repeat(400))})`
    writeFileSync(join(spa.root, 'assets', 'big-1.js'), big)
    expect(precompressFiles(spa.root)).toBeGreaterThanOrEqual(1)
    const brotli = await site.request('/assets/big-1.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(brotli.headers.get('Content-Encoding')).toBe('br')
    expect(brotli.headers.get('Vary')).toContain('Accept-Encoding')
    expect(brotli.headers.get('Content-Type')).toContain('javascript')
    expect(brotli.headers.get('Cache-Control')).toContain('immutable')
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString()).toBe(big)
    const gzip = await site.request('/assets/big-1.js', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(big)
    const plain = await site.request('/assets/big-1.js', { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(await plain.text()).toBe(big)
    // A range is of the file itself, whatever the browser accepts.
    const range = await site.request('/assets/big-1.js', { headers: { 'Accept-Encoding': 'gzip, br', Range: 'bytes=0-13' } })
    expect(range.status).toBe(206)
    expect(range.headers.get('Content-Encoding')).toBeNull()
    expect(Buffer.from(await range.arrayBuffer())).toEqual(Buffer.from(big).subarray(0, 14))
  })

  it('makes un-hashed files revalidate, and never stores a page drawn with the visitor’s figures', async () => {
    for (const path of ['/favicon.svg', '/index.html', '/help']) {
      const response = await site.request(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('Cache-Control'), `${path} Cache-Control`).toBe('no-cache')
    }
    expect((await site.request('/')).headers.get('Cache-Control')).toBe('private, no-store')
    expect(await (await site.request('/favicon.svg')).text()).toBe(spa.favicon)
  })

  it.each(['/projects/P001?zone=x', '/zones/nanping', '/projects', '/delayed?status=lagging'])(
    'answers the deep link %s with the app page, so reloads work',
    async (path) => {
      const response = await site.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toContain('text/html')
      const drawn = drawnOnServer(new URL(path, 'http://localhost'))
      expect(response.headers.get('Cache-Control')).toBe(drawn ? 'private, no-store' : 'no-cache')
      expect(response.headers.get('Vary')).toMatch(/Cookie/)
      const html = await response.text()
      if (drawn) {
        // A data page comes drawn (server/first-paint/): the layout and the page inside the root.
        expect(html).toMatch(/<div id="root"><div class="shell">/)
        return
      }
      // The page's hints (server/page-hints.ts) go before </head>; the rest is index.html as built.
      expect(html.replace(/\s*<link rel="(?:modulepreload|preload)"[^>]*>/g, '').replace(/\s+<\/head>/, '</head>')).toBe(spa.indexHtml)
    },
  )

  // A list page too (issue 26, decision 86): drawn with its rows. Its preload hints are for the shell only
  // (tests/server/page-hints.test.ts), when the server does not draw it.
  it.each(['/zones/nanping?asOf=2024-05', '/delayed?asOf=2024-05'])(
    'names nothing for a page it draws (%s): the answers are in the page, and the code loads after the first paint',
    async (path) => {
      const html = await (await site.request(path)).text()
      expect(html).toContain('<div id="root"><div class="shell">')
      expect(html).not.toMatch(/<link rel="(modulepreload|preload)"/)
    },
  )

  it('names no data for a visitor without a session, and only the session for an account that reads no data', async () => {
    const anonymous = createApp({ database, logger: silentLogger(), staticDir: spa.root })
    const visitor = await (await anonymous.request('/zones/nanping')).text()
    expect(visitor).toContain('href="/assets/zone-1.js"')
    expect(visitor).not.toContain('as="fetch"')
    const admin = await signedIn(anonymous, 'admin')
    const adminPage = await (await admin.request('/zones/nanping')).text()
    expect(adminPage).toContain('href="/api/auth/me"')
    expect(adminPage).not.toContain('href="/api/calendar"')
    expect(adminPage).not.toContain('href="/api/zones/nanping"')
  })

  it('answers a missing asset with a JSON 404, not the app page', async () => {
    const response = await site.request('/assets/missing.js')
    expect(response.status).toBe(404)
    expect(response.headers.get('Content-Type')).toContain('application/json')
    expect(expectApiError(await bodyOf(response), '/assets/missing.js')?.code).toBe('not_found')
  })

  it('answers an unknown API path with a JSON 404, not the app page', async () => {
    for (const app of [api, site]) {
      const response = await app.request('/api/nope')
      expect(response.status).toBe(404)
      expect(expectApiError(await bodyOf(response), '/api/nope')?.code).toBe('not_found')
    }
  })

  it('never serves a file from outside its directory', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%5c..%5csecret.txt',
    ]
    for (const path of attempts) {
      const response = await site.request(path)
      expect(response.status, path).toBeLessThan(500)
      expect(await response.text(), path).not.toContain(spa.secret)
    }
  })
})

describe('methods and bodies the API does not take', () => {
  // Every method a data route does not answer (the access table says which it does).
  const answered = methodsByPath()
  const cases = Object.values(apiRoutes).flatMap((route) =>
    ['POST', 'PUT', 'DELETE'].filter((method) => !(answered.get(route) ?? []).includes(method as never)).map((method) => [method, concrete(route)] as const),
  )

  it.each(cases)('%s %s → 405 with Allow: GET', async (method, path) => {
    const response = await api.request(path, { method, body: method === 'DELETE' ? undefined : '{}' })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toMatch(/\bGET\b/)
    expect(expectApiError(await bodyOf(response), `${method} ${path}`)?.code).toBe('method_not_allowed')
  })

  it('refuses a 2 MB body with 413 before reading it all', async () => {
    const response = await api.request('/api/projects', {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(response.status).toBe(413)
    expect(expectApiError(await bodyOf(response), '2 MB body')?.code).toBe('payload_too_large')
  })

  it('refuses a 2 MB body sent without a Content-Length (streamed) too', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(120)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) return controller.close()
        sent += chunk.length
        controller.enqueue(chunk)
      },
    })
    const response = await api.request('/api/projects', { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect(response.status).toBe(413)
    expect(expectApiError(await bodyOf(response), 'streamed body')?.code).toBe('payload_too_large')
  })
})

describe('start-up configuration (parseEnv)', () => {
  it('has defaults for everything', () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './data', LOG_LEVEL: 'info' })
    expect(parseEnv({}).DATABASE_URL).toBeUndefined()
  })

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' })
  })

  it('takes good values', () => {
    expect(parseEnv({ PORT: '8080', LOG_LEVEL: 'warn', DATABASE_URL: 'postgres://u@db/x' })).toMatchObject({
      PORT: 8080,
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://u@db/x',
    })
  })

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('stops on a bad %s with one line that names it (%o)', (name, source) => {
    let message = ''
    try {
      parseEnv(source)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message, 'parseEnv should have thrown').not.toBe('')
    expect(message).toContain(name)
    expect(message).not.toContain('\n')
  })
})
