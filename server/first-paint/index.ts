import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Context, Hono } from 'hono'
import { SESSION_COOKIE, type SessionUser } from '@/contract'
import { VersionedCache } from '../cache'
import { writeVersions } from '../db/write'
import { isPhoneRequest } from '../page-hints'
import { loggableError } from '../log'
import { entrySteps, type Manifest } from '../page-hints'
import type { AppEnv, Deps } from '../routes/context'
import { answeredAt, drawnInFull, renderPage, withRenderedPage, type RenderedPage } from './render-page'

/**
 * The first paint (decisions 57, 58, 62): the server's one entry to drawing a data page into its HTML.
 * server/app.ts asks `drawPage` for the page (null: the browser draws it) and puts it into the page's HTML
 * with `withDrawnPage`. Behind it: ./render-page.tsx (the app's own React tree, its queries answered in
 * process), ./draw-chart.ts (a chart drawn in a borrowed DOM), the drawn pages kept, and the stylesheet
 * carried inside. The browser's side is src/app/first-paint/.
 */
export type { RenderedPage } from './render-page'
export { drawChart } from './draw-chart'

/** Drawn pages kept at most (about 80 kB each). */
const DRAWN_PAGES_KEPT = 100

export function firstPaint(app: Hono<AppEnv>, deps: Deps, root: string) {
  const { database, logger } = deps
  /**
   * The page drawn with the visitor's session (./render-page.tsx); its requests are answered by this
   * app. A page that cannot be drawn is sent as the shell, which the browser draws as it always has.
   */
  const draw = async (c: Context<AppEnv>, url: URL, token: string, phone: boolean): Promise<RenderedPage | null> => {
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
   * anything is written (the data and the activity versions are part of every entry: a list page shows drafts
   * and a project page its photos, which change no data version) or the hour turns (what the server decides
   * by today's date, such as whether a month has begun, turns with the day). Its answers are marked as
   * confirmed now.
   */
  const drawnPages = new VersionedCache<RenderedPage | null>(
    () => writeVersions(database.db),
    DRAWN_PAGES_KEPT,
    (page) => page !== null && drawnInFull(page),
  )
  /** The page at `url` drawn for this visitor (kept or afresh), or null: the browser draws it. */
  const drawPage = async (c: Context<AppEnv>, url: URL, token: string, user: SessionUser) => {
    const phone = isPhoneRequest(c.req)
    const now = deps.now()
    const key = JSON.stringify([Math.floor(now.getTime() / 3_600_000), phone, user, url.pathname, url.search])
    const { value, hit } = await drawnPages.get(key, () => draw(c, url, token, phone))
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
  /** The page's HTML (index.html with its hints) with the drawn page in it. */
  const withDrawnPage = (html: string, page: RenderedPage, manifest: Manifest | null, url: URL) =>
    withRenderedPage(html, page, stylesheet, entrySteps(manifest, url))
  return { drawPage, withDrawnPage }
}
