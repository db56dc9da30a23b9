import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { RETAINED_304_HEADERS, etag } from 'hono/etag'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { Logger } from 'pino'
import type { z } from 'zod'
import {
  AsOfQuerySchema,
  ProjectIdSchema,
  ProjectListQuerySchema,
  ZoneIdParamSchema,
  apiRoutes,
  parseSearchParams,
  type ApiError,
} from '@/contract'
import type { Database } from './db/client'
import { filterOptionsOf, projectDetailOf, projectListOf, summaryOf, zoneDetailOf, zoneListOf } from './db/queries'
import { openApiDocument } from './openapi'
import { apiDocsPage } from './docs-page'
import { ResponseCache } from './cache'
import { dataVersion } from './db/write'

type AppOptions = {
  database: Database
  logger: Logger
  /** Directory of the built SPA; omitted in API-only tests. */
  staticDir?: string
  /** Largest request body accepted (bytes). */
  bodyLimitBytes?: number
}

type Env = { Variables: { requestId: string } }

/** Short, stable hash of a cache key for the ETag (FNV-1a). */
function hashKey(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(36)
}

function fail(c: Context, status: 400 | 404 | 405 | 413 | 500 | 503, code: string, message: string, fields?: Record<string, string>) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } }
  return c.json(body, status)
}

/** The whole product in one Hono app: the API over the database, and the built SPA. */
export function createApp({ database, logger, staticDir, bodyLimitBytes = 1024 * 1024 }: AppOptions) {
  const app = new Hono<Env>()

  app.use('*', requestId({ headerName: 'X-Request-Id' }))
  app.use('*', async (c, next) => {
    const started = performance.now()
    await next()
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    )
  })
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }))
  app.use('*', compress())
  app.use('/api/*', bodyLimit({ maxSize: bodyLimitBytes, onError: (c) => fail(c, 413, 'payload_too_large', '请求体过大') }))
  // A 304 keeps only the headers listed here: keep the request id too, so every answer carries it.
  app.use('/api/*', etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'x-request-id'] }))
  app.use('/api/*', async (c, next) => {
    await next()
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && c.res.status === 200) c.header('Cache-Control', 'no-cache')
  })

  const cache = new ResponseCache(() => dataVersion(database.db))
  /** A validated read: answered from the cache for this URL and data version, else computed. */
  const cachedJson = async (c: Context, compute: () => Promise<unknown | null>, notFound?: () => Response) => {
    const url = new URL(c.req.url)
    let missing = false
    const { body, version } = await cache.get(`${url.pathname}${url.search}`, async () => {
      const value = await compute()
      if (value === null) missing = true
      return value
    })
    if (missing || body === 'null') return notFound!()
    c.header('ETag', `W/"${version}-${hashKey(url.pathname + url.search)}"`)
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' })
  }
  const query = <S extends z.ZodType>(c: Context, schema: S) => parseSearchParams(new URL(c.req.url).search, schema)
  const badQuery = (c: Context, fields: Record<string, string>) => fail(c, 400, 'invalid_query', '查询参数无效', fields)
  const badParam = (c: Context, name: string, value: string, schema: z.ZodType) => {
    const result = schema.safeParse(value)
    return result.success ? null : fail(c, 400, 'invalid_path', '路径参数无效', { [name]: result.error.issues[0]?.message ?? '无效' })
  }

  app.get('/api/health', async (c) => {
    const reachable = await database.ping()
    return c.json(
      { status: reachable ? 'ok' : 'degraded', database: { kind: database.kind, reachable }, uptimeSeconds: Math.round(process.uptime()) },
      reachable ? 200 : 503,
    )
  })
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()))
  app.get('/api/docs', (c) => c.html(apiDocsPage(openApiDocument())))

  app.get(apiRoutes.summary, async (c) => {
    const parsed = query(c, AsOfQuerySchema)
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(c, () => summaryOf(database, parsed.data.asOf))
  })
  app.get(apiRoutes.zones, async (c) => {
    const parsed = query(c, AsOfQuerySchema)
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(c, () => zoneListOf(database, parsed.data.asOf))
  })
  app.get(apiRoutes.zone, async (c) => {
    const zoneId = c.req.param('zoneId')
    const invalid = badParam(c, 'zoneId', zoneId, ZoneIdParamSchema)
    if (invalid) return invalid
    const parsed = query(c, AsOfQuerySchema)
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(
      c,
      () => zoneDetailOf(database, zoneId, parsed.data.asOf),
      () => fail(c, 404, 'not_found', `片区 ${zoneId} 不存在`),
    )
  })
  app.get(apiRoutes.projects, async (c) => {
    const parsed = query(c, ProjectListQuerySchema)
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(c, () => projectListOf(database, parsed.data))
  })
  app.get(apiRoutes.project, async (c) => {
    const projectId = c.req.param('projectId')
    const invalid = badParam(c, 'projectId', projectId, ProjectIdSchema)
    if (invalid) return invalid
    const parsed = query(c, AsOfQuerySchema)
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(
      c,
      () => projectDetailOf(database, projectId, parsed.data.asOf),
      () => fail(c, 404, 'not_found', `项目 ${projectId} 不存在`),
    )
  })
  app.get(apiRoutes.filterOptions, async (c) => {
    const parsed = query(c, AsOfQuerySchema.pick({}))
    if (!parsed.ok) return badQuery(c, parsed.fields)
    return cachedJson(c, () => filterOptionsOf(database))
  })
  for (const path of [...Object.values(apiRoutes), '/api/health', '/api/openapi.json', '/api/docs']) {
    app.all(path, (c) => {
      c.header('Allow', 'GET, HEAD')
      return fail(c, 405, 'method_not_allowed', '只支持 GET 请求')
    })
  }
  app.all('/api/*', (c) => fail(c, 404, 'not_found', `接口 ${c.req.path} 不存在`))

  if (staticDir) {
    const root = resolve(staticDir)
    const indexFile = join(root, 'index.html')
    // Hashed file names never change: cache them for a year. Everything else revalidates.
    app.use('/assets/*', async (c, next) => {
      await next()
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
    })
    // serveStatic builds its response before onFound runs, so a header set there is lost: set it on the response.
    const files = serveStatic({ root })
    app.use('*', async (c, next) => {
      const response = await files(c, next)
      if (response instanceof Response && !c.req.path.startsWith('/assets/')) response.headers.set('Cache-Control', 'no-cache')
      return response
    })
    app.get('/assets/*', (c) => fail(c, 404, 'not_found', `${c.req.path} 不存在`))
    // Every other page path is the SPA: deep links and reloads work.
    app.get('*', (c) => {
      if (!existsSync(indexFile)) return fail(c, 503, 'not_built', '前端尚未构建：请先运行 npm run build')
      c.header('Cache-Control', 'no-cache')
      return c.html(readFileSync(indexFile, 'utf8'))
    })
  }
  app.notFound((c) => fail(c, 404, 'not_found', `${c.req.path} 不存在`))
  app.onError((error, c) => {
    logger.error({ requestId: c.get('requestId'), err: error }, 'unhandled error')
    return fail(c, 500, 'internal', '服务器内部错误，请稍后重试')
  })
  return app
}
