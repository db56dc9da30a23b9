import { z } from 'zod'
import { Hono, type Handler, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { LEDGER_LIMITS } from '@/domain/ledger'
import { compress } from 'hono/compress'
import { deleteCookie, getCookie } from 'hono/cookie'
import { RETAINED_304_HEADERS, etag } from 'hono/etag'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { Logger } from 'pino'
import { ApiErrorSchema, SESSION_COOKIE } from '@/contract'
import { can, dataScopeOf } from '@/domain/access'
import { DEFAULT_BULLETIN_SETTINGS, type BulletinSettings } from '@/domain/bulletin'
import { DEFAULT_FORECAST_SETTINGS, type ForecastSettings } from '@/domain/forecast'
import { DEFAULT_ESCALATION_RULE, type EscalationRule } from '@/domain/escalation'
import { DEFAULT_REPORT_CHECKS, type ReportChecks } from '@/domain/forecast-report'
import type { Database } from './db/handle'
import { memoryFileStore, type FileStore } from './files/store'
import { photoRoutesOf } from './routes/photos'
import { PHOTO_LIMITS } from '@/contract/photos'
import { PDF_REQUEST_MAX_BYTES, PHOTO_REQUEST_MAX_BYTES } from './files/store'
import { APPROVAL_FILE_MESSAGES } from '@/domain/approval-files'
import { loggableError } from './log'
import { openApiDocument, type DeclaredRoute } from './openapi'
import type { RouteSpec } from './routes/spec'
import { apiDocsPage } from './docs-page'
import { sessionUser, type SessionPolicy } from './auth/sessions'
import { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './auth/throttle'
import { ROUTE_ACCESS, accessOf, methodsByPath } from '@/domain/route-access'
import { adminRoutesOf } from './routes/admin'
import { reportRoutesOf } from './routes/reports'
import { problemRoutesOf } from './routes/problems'
import { problemCategoryRoutesOf } from './routes/problem-categories'
import { approvalRoutesOf } from './routes/approvals'
import { projectEditRoutesOf } from './routes/project-edit'
import { notificationRoutesOf } from './routes/notifications'
import { importRoutesOf } from './routes/imports'
import { reportImportRoutesOf } from './routes/report-imports'
import { authRoutesOf } from './routes/auth'
import { NotAvailableHere, fail, isHttps, requestOrigin, type AppEnv, type Deps } from './routes/context'
import { trustedProxies } from './trusted-proxies'
import { dataRoutesOf } from './routes/data'
import { monthRoutesOf } from './routes/months'
import { bulletinRoutesOf } from './routes/bulletins'
import { escalationRoutesOf } from './routes/escalations'
import { checkDeclaration, declaredHandler, type Register } from './routes/register'

export type ApiOptions = {
  database: Database
  logger: Logger
  /** Largest request body accepted (bytes). */
  bodyLimitBytes?: number
  /** The wall clock (sessions, throttles); tests inject one. */
  now?: () => Date
  /**
   * The reporting calendar's clock: what "today" is for deadlines, months begun, dates judged and the
   * dates written on reports, problems, publications and audit entries. The wall clock (`now`) unless the
   * deployment runs the demo, whose clock keeps to the demo's year (docs/decisions/066).
   */
  calendarNow?: () => Date
  /** Notices to the group robot: whether to queue them, and the delivery worker's nudge (server/notify/delivery.ts). None: stored only. */
  notices?: { outbound: boolean; kick: () => void }
  sessionPolicy?: SessionPolicy
  throttle?: ThrottlePolicy
  ownerSees?: 'all' | 'own'
  /**
   * Whose X-Forwarded-* headers to believe: proxy addresses and CIDRs (TRUST_PROXY), none (false), or every
   * peer (true: only for hosts without sockets, such as tests handing requests to the app in process).
   */
  trustProxy?: boolean | readonly string[]
  /** The issued bulletin's 文号 pattern and addresses (default: DEFAULT_BULLETIN_SETTINGS). */
  bulletin?: BulletinSettings
  /** The forecast's 预计偏乐观 margin and the catch-up's feasible ratio (default: DEFAULT_FORECAST_SETTINGS; decision 75). */
  forecast?: ForecastSettings
  /** The 挂牌督办 rule's settings (default: DEFAULT_ESCALATION_RULE; decision 76). */
  escalation?: EscalationRule
  /** The monthly report's forecast and 需核实 checks (default: DEFAULT_REPORT_CHECKS; decision 74). */
  reportChecks?: ReportChecks
  /** Where uploaded files are kept (server/files/): the server passes DATA_DIR/files or S3; default in memory (tests, the demo). */
  files?: FileStore
  /** Where photo uploads are staged (server/files/upload-staging.ts): the server passes DATA_DIR/uploads; default the OS's temp folder. */
  uploadStaging?: string
  /**
   * Check every JSON answer against the schema its route declares, failing loudly on a mismatch. On
   * under test (Vitest sets VITEST), off in production, where a wrong answer is better than none.
   */
  checkResponses?: boolean
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 }

/**
 * Content-Security-Policy of every response: scripts only from our own origin (no inline script, no
 * eval), nothing may frame us. Inline styles stay allowed: the API docs page and chart labels use them,
 * and a style cannot run code.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.string(), reachable: z.boolean() }),
  uptimeSeconds: z.number().int().nonnegative(),
})

/** Whatever a host adds after the API's routes (server/app.ts: the built SPA and the pages drawn on the server). */
export type ApiExtension = (app: Hono<AppEnv>, deps: Deps) => void

/** The process started (for /api/health's uptime; the same in Node and in the demo's browser). */
const startedAt = Date.now()

/**
 * The API: every /api route over the database, its middleware (sessions, CSRF, ETags, limits) and its
 * one error shape. This is the only implementation of the API: the server serves it (server/app.ts), and
 * the tests and the backend-free demo hand their requests to it (mocks/). Free of Node's own modules.
 */
export function createApi(options: ApiOptions, extend?: ApiExtension) {
  const { database, logger, bodyLimitBytes = 1024 * 1024 } = options
  const deps: Deps = {
    database,
    logger,
    now: options.now ?? (() => new Date()),
    calendarNow: options.calendarNow ?? options.now ?? (() => new Date()),
    sessionPolicy: options.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    throttle: options.throttle ?? DEFAULT_THROTTLE_POLICY,
    ownerSees: options.ownerSees ?? 'all',
    trustProxy: trustedProxies(options.trustProxy ?? false),
    notices: options.notices ?? { outbound: false, kick: () => {} },
    bulletin: options.bulletin ?? DEFAULT_BULLETIN_SETTINGS,
    forecast: options.forecast ?? DEFAULT_FORECAST_SETTINGS,
    escalation: options.escalation ?? DEFAULT_ESCALATION_RULE,
    reportChecks: options.reportChecks ?? DEFAULT_REPORT_CHECKS,
    importsUnderway: new Set(),
    files: options.files ?? memoryFileStore(),
    uploadStaging: options.uploadStaging,
  }
  const app = new Hono<AppEnv>()

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
        user: c.get('user')?.username,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    )
  })
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: false,
    }),
  )
  app.use('*', async (c, next) => {
    await next()
    // HSTS only where the client really came over HTTPS (a plain-HTTP intranet install must keep working).
    if (isHttps(c, deps.trustProxy)) c.header('Strict-Transport-Security', 'max-age=15552000; includeSubDomains')
  })
  app.use('*', compress())
  // JSON bodies are small; an uploaded workbook may be up to the import's own limit (checked again by its route).
  const jsonLimit = bodyLimit({
    maxSize: bodyLimitBytes,
    onError: (c) => fail(c, 413, 'payload_too_large', '请求体过大'),
  })
  const importLimit = bodyLimit({
    maxSize: LEDGER_LIMITS.maxBytes,
    onError: (c) =>
      fail(c, 413, 'payload_too_large', `文件超过 ${LEDGER_LIMITS.maxBytes / 1024 / 1024} MB，请分批导入`),
  })
  // An upload (a photo, an approval's PDF) is limited while it is read (server/files/multipart.ts: the file's
  // limit, the whole request counted too) and never buffered here: Hono's bodyLimit reads a body without
  // Content-Length whole before the route runs. A declared length over the limit is refused before anything is read.
  const uploadLimit = (maxBytes: number, message: string): MiddlewareHandler<AppEnv> => (c, next) =>
    Number(c.req.header('content-length') ?? 0) > maxBytes ? Promise.resolve(fail(c, 413, 'payload_too_large', message)) : next()
  const uploads = [
    { path: /^\/api\/projects\/[^/]+\/reports\/[^/]+\/photos$/, limit: uploadLimit(PHOTO_REQUEST_MAX_BYTES, `照片超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB，请压缩后上传`) },
    { path: /^\/api\/projects\/[^/]+\/approvals\/[^/]+\/file$/, limit: uploadLimit(PDF_REQUEST_MAX_BYTES, APPROVAL_FILE_MESSAGES.tooLarge) },
  ]
  const uploadOf = (c: { req: { method: string; path: string } }) => (c.req.method === 'POST' ? uploads.find((u) => u.path.test(c.req.path)) : undefined)
  app.use('/api/*', (c, next) => {
    if (c.req.path.startsWith('/api/import/')) return importLimit(c, next)
    const upload = uploadOf(c)
    return upload ? upload.limit(c, next) : jsonLimit(c, next)
  })
  // A 304 keeps only the headers listed here: keep the request id too, so every answer carries it.
  app.use('/api/*', etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'x-request-id'] }))
  app.use('/api/*', async (c, next) => {
    await next()
    // Answers depend on who asks: never stored by a shared cache, always revalidated.
    c.header('Vary', 'Cookie', { append: true })
    if (
      (c.req.method === 'GET' || c.req.method === 'HEAD') &&
      c.res.status === 200 &&
      !c.res.headers.has('Cache-Control')
    ) {
      c.header('Cache-Control', 'private, no-cache')
    }
  })
  // Cross-site request forgery: a state-changing request must come from a page of this site. A browser
  // always sends Origin with such a request; a request without one (a script, curl) carries no
  // ambient cookie of a victim, so it is judged by Sec-Fetch-Site when present.
  app.use('/api/*', async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    let sameSite: boolean
    if (origin !== undefined) {
      try {
        // Scheme, host and port: an https:// page is not this http:// site, nor the other way round.
        sameSite = origin !== 'null' && new URL(origin).origin === requestOrigin(c, deps.trustProxy)
      } catch {
        sameSite = false
      }
    } else sameSite = fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none'
    if (!sameSite) return fail(c, 403, 'cross_origin', '拒绝跨站请求：请从本系统页面操作')
    return next()
  })

  /** The session behind the cookie, or 401; sets the user and what data they see. */
  const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    const user = token ? await sessionUser(database.db, token, deps.now(), deps.sessionPolicy) : null
    if (!token || !user) {
      if (token) deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return fail(c, 401, 'unauthenticated', '请先登录')
    }
    c.set('user', user)
    c.set('scope', dataScopeOf(user, deps.ownerSees))
    c.set('sessionToken', token)
    return next()
  }

  const checkResponses = options.checkResponses ?? (typeof process !== 'undefined' && process.env.VITEST !== undefined)
  const declared: DeclaredRoute[] = []
  /**
   * Every route goes through here: its access rule is looked up, never assumed; its declaration (request
   * and answers) parses the request before the handler runs (server/routes/register.ts) and is kept for
   * the OpenAPI document and, under test, for checking each answer.
   */
  const register: Register = (method, path, spec, handler) => {
    const access = accessOf(method, path)
    if (declared.some((r) => r.method === method && r.path === path)) throw new Error(`route ${method} ${path} is declared twice`)
    checkDeclaration(method, path, spec)
    declared.push({ method, path, access, spec })
    const run = declaredHandler(spec, handler)
    const checked: Handler<AppEnv> = checkResponses
      ? async (c) => {
          const response = await run(c)
          await checkAnswer(method, path, spec, response)
          return response
        }
      : run
    if (access === 'public') app.on(method, path, checked)
    else if (access === 'signed-in') app.on(method, path, authenticate, checked)
    else
      app.on(
        method,
        path,
        authenticate,
        async (c, next) => {
          if (!can(c.get('user').role, access)) return fail(c, 403, 'forbidden', '当前账户无权进行此操作')
          return next()
        },
        checked,
      )
  }

  register(
    'GET',
    '/api/health',
    {
      summary: '健康检查（含数据库可达性），无需登录',
      responses: {
        200: { description: '正常', schema: HealthSchema },
        503: { description: '数据库不可达', schema: HealthSchema },
      },
    },
    async (c) => {
      const reachable = await database.ping()
      return c.json(
        {
          status: reachable ? 'ok' : 'degraded',
          database: { kind: database.kind, reachable },
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        },
        reachable ? 200 : 503,
      )
    },
  )
  register('GET', '/api/openapi.json', { summary: '本文档（OpenAPI 3.1），由各接口自己的声明生成', responses: { 200: { description: 'OpenAPI 文档' } } }, (c) =>
    c.json(openApiDocument(declared)),
  )
  register('GET', '/api/docs', { summary: '本文档的网页版', responses: { 200: { description: 'HTML 页面', html: true } } }, (c) =>
    c.html(apiDocsPage(openApiDocument(declared))),
  )
  authRoutesOf(register, deps)
  dataRoutesOf(register, deps)
  adminRoutesOf(register, deps)
  reportRoutesOf(register, deps)
  photoRoutesOf(register, deps)
  monthRoutesOf(register, deps)
  bulletinRoutesOf(register, deps)
  escalationRoutesOf(register, deps)
  importRoutesOf(register, deps)
  reportImportRoutesOf(register, deps)
  problemRoutesOf(register, deps)
  problemCategoryRoutesOf(register, deps)
  approvalRoutesOf(register, deps)
  projectEditRoutesOf(register, deps)
  notificationRoutesOf(register, deps)
  // The access table and the routes name the same routes: a rule without a route is a start-up error too.
  for (const rule of ROUTE_ACCESS) {
    if (!declared.some((r) => r.method === rule.method && r.path === rule.path)) throw new Error(`route ${rule.method} ${rule.path} has an access rule but no declaration`)
  }

  for (const [path, methods] of methodsByPath()) {
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].join(', ')
    app.all(path, (c) => {
      c.header('Allow', allow)
      return fail(c, 405, 'method_not_allowed', `只支持 ${methods.join('、')} 请求`)
    })
  }
  app.all('/api/*', (c) => fail(c, 404, 'not_found', `接口 ${c.req.path} 不存在`))

  extend?.(app, deps)
  app.notFound((c) => fail(c, 404, 'not_found', `${c.req.path} 不存在`))
  app.onError((error, c) => {
    // A part this host does not have (the demo in a browser has no Excel): the host's own message.
    if (error instanceof NotAvailableHere) return fail(c, 501, 'not_available', error.message)
    logger.error({ requestId: c.get('requestId'), err: loggableError(error) }, 'unhandled error')
    return fail(c, 500, 'internal', '服务器内部错误，请稍后重试')
  })
  return app
}

/**
 * Under test: an answer that does not match what its route declares is a failure of the server, not of
 * the client — throw, so the request fails with 500 and the test that made it fails too.
 */
export async function checkAnswer(method: string, path: string, spec: RouteSpec, response: Response) {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return
  const body = (await response.clone().json()) as unknown
  const status = response.status
  const declaredAnswer = spec.responses[status as keyof RouteSpec['responses']]
  const schema = declaredAnswer ? declaredAnswer.schema : ApiErrorSchema
  const listed =
    declaredAnswer !== undefined ||
    [401, 403, 405].includes(status) ||
    (spec.errors !== undefined && status in spec.errors)
  if (!listed) throw new Error(`${method} ${path} answered ${status}, which its declaration does not list`)
  if (!schema) return
  const result = schema.safeParse(body)
  if (!result.success)
    throw new Error(
      `${method} ${path} ${status}: the answer does not match its declared schema: ${result.error.message.slice(0, 500)}`,
    )
}

/** Every API route with its access rule (for the role × route test and the OpenAPI document). */
export { ROUTE_ACCESS }
