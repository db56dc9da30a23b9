import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '@/contract'
import { can } from '@/domain/access'
import { createApi, type ApiOptions } from './api'
import { sessionUser } from './auth/sessions'
import { firstPaint } from './first-paint'
import { drawnOnServer, isPhoneRequest, namedFiles, pageHints, readManifest, withHints, type Manifest } from './page-hints'
import { fail, type AppEnv, type Deps } from './routes/context'

export { DEFAULT_SESSION_POLICY, checkAnswer, ROUTE_ACCESS } from './api'

export type AppOptions = ApiOptions & {
  /** Directory of the built SPA; omitted in API-only tests. */
  staticDir?: string
}

/** The whole product in one Hono app: the API over the database (server/api.ts), and the built SPA. */
export function createApp(options: AppOptions) {
  const { staticDir } = options
  return createApi(options, staticDir ? (app, deps) => servePages(app, deps, staticDir) : undefined)
}

/** The built SPA and its pages, drawn on the server for a signed-in reader of data (decisions 57–58). */
function servePages(app: Hono<AppEnv>, deps: Deps, staticDir: string) {
  const { database } = deps
  const root = resolve(staticDir)
  const indexFile = join(root, 'index.html')
  // Hashed file names never change: cache them for a year. Everything else revalidates.
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  /**
   * A page of the SPA: index.html with the hints for this URL (server/page-hints.ts). The hints depend on
   * the session, so the page is never shared between users by a cache.
   */
  let manifest: Manifest | null = null
  /** A data page drawn with the visitor's session, for a reader of data (server/first-paint/, decisions 57–58). */
  const { drawPage, withDrawnPage } = firstPaint(app, deps, root)
  const page = async (c: Context<AppEnv>) => {
    if (!existsSync(indexFile)) return fail(c, 503, 'not_built', '前端尚未构建：请先运行 npm run build')
    manifest ??= readManifest(root)
    const token = getCookie(c, SESSION_COOKIE)
    const user = token ? await sessionUser(database.db, token, deps.now(), deps.sessionPolicy) : null
    const html = readFileSync(indexFile, 'utf8')
    const url = new URL(c.req.url)
    const readsData = user !== null && can(user.role, 'data:read')
    const drawn = user && readsData && token && drawnOnServer(url, isPhoneRequest(c.req)) ? await drawPage(c, url, token, user) : null
    const hints = pageHints(manifest, url, user ? { readsData } : null, deps.calendarNow(), namedFiles(html), drawn !== null)
    // A drawn page carries the visitor's figures: never stored, not even for the back button after signing out.
    c.header('Cache-Control', drawn ? 'private, no-store' : 'no-cache')
    c.header('Vary', 'Cookie, User-Agent')
    const page = withHints(html, hints)
    return c.html(drawn ? withDrawnPage(page, drawn, manifest, url) : page)
  }
  app.get('/', page)
  app.get('/index.html', page)
  // serveStatic builds its response before onFound runs, so a header set there is lost: set it on the response.
  // The build wrote .br/.gz beside each file (scripts/precompress.ts): sent as they are, not compressed again.
  // A range of a file is a range of the file itself, not of its compressed copy.
  const files = serveStatic({ root, precompressed: true })
  const plainFiles = serveStatic({ root })
  app.use('*', async (c, next) => {
    const response = await (c.req.header('Range') ? plainFiles : files)(c, next)
    if (response instanceof Response && !c.req.path.startsWith('/assets/'))
      response.headers.set('Cache-Control', 'no-cache')
    return response
  })
  app.get('/assets/*', (c) => fail(c, 404, 'not_found', `${c.req.path} 不存在`))
  // Every other page path is the SPA: deep links and reloads work.
  app.get('*', page)
}
