import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE, type SessionUser } from '@/contract'
import { can } from '@/domain/access'
import { createApi, type ApiOptions } from './api'
import { sessionUser } from './auth/sessions'
import { VersionedCache } from './cache'
import { dataVersion } from './db/write'
import { loggableError } from './log'
import { drawnOnServer, entrySteps, namedFiles, pageHints, readManifest, withHints, type Manifest } from './page-hints'
import { answeredAt, drawnInFull, renderPage, withRenderedPage, type RenderedPage } from './render-page'
import { fail, type AppEnv, type Deps } from './routes/context'

export { DEFAULT_SESSION_POLICY, checkAnswer, ROUTE_ACCESS } from './api'

export type AppOptions = ApiOptions & {
  /** Directory of the built SPA; omitted in API-only tests. */
  staticDir?: string
}

/** Drawn pages kept at most (about 80 kB each). */
const DRAWN_PAGES_KEPT = 100

/** The whole product in one Hono app: the API over the database (server/api.ts), and the built SPA. */
export function createApp(options: AppOptions) {
  const { staticDir } = options
  return createApi(options, staticDir ? (app, deps) => servePages(app, deps, staticDir) : undefined)
}

/** The built SPA and its pages, drawn on the server for a signed-in reader of data (decisions 57–58). */
function servePages(app: Hono<AppEnv>, deps: Deps, staticDir: string) {
  const { database, logger } = deps
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
  /**
   * The page drawn with the visitor's session (server/render-page.tsx); its requests are answered by this
   * app. A page that cannot be drawn is sent as the shell, which the browser draws as it always has.
   */
  const drawPage = async (
    c: Context<AppEnv>,
    url: URL,
    token: string,
    phone: boolean,
  ): Promise<RenderedPage | null> => {
    const cookie = `${SESSION_COOKIE}=${token}`
    try {
      return await renderPage(url, {
        phone,
        answer: (path, init) => {
          const headers = new Headers(init?.headers)
          headers.set('Cookie', cookie)
          return Promise.resolve(app.request(path, { ...init, headers }))
        },
      })
    } catch (error) {
      logger.warn(
        { requestId: c.get('requestId'), path: url.pathname, err: loggableError(error) },
        'page not drawn on the server',
      )
      return null
    }
  }
  /**
   * Drawn pages kept (decision 58): a page is the same for one account, address and kind of screen until
   * the data changes (the data version is part of every entry) or the hour turns (what the server decides
   * by today's date, such as whether a month has begun, turns with the day). Its answers are marked as
   * confirmed now.
   */
  const drawnPages = new VersionedCache<RenderedPage | null>(
    () => dataVersion(database.db),
    DRAWN_PAGES_KEPT,
    (page) => page !== null && drawnInFull(page),
  )
  const drawnPage = async (c: Context<AppEnv>, url: URL, token: string, user: SessionUser) => {
    const phone =
      c.req.header('Sec-CH-UA-Mobile') === '?1' || /Mobi|Android|iPhone/i.test(c.req.header('User-Agent') ?? '')
    const now = deps.now()
    const key = JSON.stringify([Math.floor(now.getTime() / 3_600_000), phone, user, url.pathname, url.search])
    const { value, hit } = await drawnPages.get(key, () => drawPage(c, url, token, phone))
    return value && hit ? answeredAt(value, now) : value
  }
  /** A built stylesheet's text (hashed names: read once), for a drawn page to carry inside it. */
  const stylesheets = new Map<string, string | null>()
  const stylesheet = (path: string) => {
    if (!stylesheets.has(path)) {
      const file = resolve(root, path)
      stylesheets.set(path, file.startsWith(root) && existsSync(file) ? readFileSync(file, 'utf8') : null)
    }
    return stylesheets.get(path) ?? null
  }
  const page = async (c: Context<AppEnv>) => {
    if (!existsSync(indexFile)) return fail(c, 503, 'not_built', '前端尚未构建：请先运行 npm run build')
    manifest ??= readManifest(root)
    const token = getCookie(c, SESSION_COOKIE)
    const user = token ? await sessionUser(database.db, token, deps.now(), deps.sessionPolicy) : null
    const html = readFileSync(indexFile, 'utf8')
    const url = new URL(c.req.url)
    const readsData = user !== null && can(user.role, 'data:read')
    const drawn = user && readsData && token && drawnOnServer(url) ? await drawnPage(c, url, token, user) : null
    const hints = pageHints(manifest, url, user ? { readsData } : null, deps.now(), namedFiles(html), drawn !== null)
    // A drawn page carries the visitor's figures: never stored, not even for the back button after signing out.
    c.header('Cache-Control', drawn ? 'private, no-store' : 'no-cache')
    c.header('Vary', 'Cookie, User-Agent')
    const page = withHints(html, hints)
    return c.html(drawn ? withRenderedPage(page, drawn, stylesheet, entrySteps(manifest)) : page)
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
