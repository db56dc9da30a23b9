import { AsyncLocalStorage } from 'node:async_hooks'
import { dehydrate, type QueryClient } from '@tanstack/react-query'
import { StrictMode, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router'
import { AppProvider } from '@/app/provider'
import { createRoutes } from '@/app/router'
import { SERVER_RENDER_ID, serverRenderJson, type ServerRender } from '@/app/first-paint/state'
import { loadChartsNow, ServerChartsProvider, type ServerCharts } from '@/components/charts/lazy-charts'
import { FIGURE_WIDTH_PX } from '@/config/charts'
import { authQueries } from '@/features/auth/api/auth'
import { setTransport } from '@/lib/api-client'
import { createQueryClient } from '@/lib/query-client'
import { drawChart } from './draw-chart'

/**
 * A data page drawn on the server (decision 57): the reader's first paint is the page with its figures and
 * charts, not an empty shell waiting for code, then data, then chart code. The page is the app's own
 * React tree, rendered by the app's own routes and queries; the queries' requests are answered here, in
 * process, with the visitor's session, and the browser adopts the result (src/app/first-paint/).
 */

/** Who answers the page's API requests while it is being drawn: this request's server, with its cookie. */
type Answer = (path: string, init: RequestInit | undefined) => Promise<Response>
const answering = new AsyncLocalStorage<Answer>()
setTransport((input, init) => {
  const answer = answering.getStore()
  return answer ? answer(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init) : fetch(input, init)
})

/** The queries a page started have all answered (each query fetches once; the page starts them as it loads). */
async function settled(client: QueryClient) {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve))
    if (client.isFetching() === 0) return
    await new Promise<void>((resolve) => {
      const stop = client.getQueryCache().subscribe(() => {
        if (client.isFetching() > 0) return
        stop()
        resolve()
      })
    })
  }
}

/** React's mark of a part it left for the browser to draw. */
const LEFT_TO_THE_BROWSER = '<!--$!-->'

/**
 * The page as plain HTML: no script is needed to show it, and none is sent (the site's policy runs no inline
 * script). A part loaded lazily (React.lazy) is drawn only once its code is there; until then React leaves
 * it for the browser to draw. Its first render starts the load, so the page is drawn again once the code
 * has come (only in a server's first moments: loaded code stays loaded).
 */
async function renderLoaded(tree: ReactNode) {
  let html = renderToString(tree)
  for (let attempt = 0; html.includes(LEFT_TO_THE_BROWSER) && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    html = renderToString(tree)
  }
  return html
}

/**
 * Queries the page's render asked for that have not been fetched (a page without a prefetch: the lists), but
 * for those marked `meta.drawnByBrowser` (the account's notices: they change with what the account reads).
 */
const unanswered = (client: QueryClient) =>
  client
    .getQueryCache()
    .findAll()
    .filter((query) => {
      // The options a component's useQuery gave it (`enabled` among them; the core's type leaves it out).
      const enabled = (query.options as { enabled?: boolean | ((q: typeof query) => boolean) }).enabled
      return (
        query.state.status === 'pending' &&
        query.state.fetchStatus === 'idle' &&
        (typeof enabled === 'function' ? enabled(query) : enabled) !== false &&
        // The account's own notices change with what it reads, not with the data a kept page is checked against.
        query.meta?.drawnByBrowser !== true
      )
    })

/**
 * The page drawn with the answers its first render asks for. A page whose route prefetches them (the
 * overview, a zone, a project) is drawn at the first pass; a list page asks for its list as it renders (its
 * query follows the URL's filters, which the page itself reads), so each pass fetches what the last one asked
 * for and draws again, until nothing more is asked (at most four passes, within the render budget). Null:
 * an answer failed or the budget ran out (the browser draws the page, shows the error and its retry).
 */
async function renderAnswered(tree: ReactNode, client: QueryClient, extraPasses: number): Promise<string | null> {
  const deadline = Date.now() + RENDER_BUDGET_MS
  for (let pass = 0; ; pass++) {
    const html = await renderLoaded(tree)
    const asked = pass < extraPasses ? unanswered(client) : []
    if (asked.length === 0) return client.getQueryCache().findAll().some((query) => query.state.status === 'error') ? null : html
    let timer: NodeJS.Timeout | undefined
    const inTime = await Promise.race([
      Promise.all(asked.map((query) => query.fetch().catch(() => undefined))).then(() => settled(client)).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))),
    ])
    clearTimeout(timer)
    if (!inTime) return null
  }
}

/** Longer than this and the browser draws the page itself: the shell is sent at once instead. */
const RENDER_BUDGET_MS = 2000

export type RenderedPage = { markup: string; state: ServerRender; title: string | null }

/**
 * A kept page served again: its answers were checked current at `now` (the data version has not moved), so
 * the browser counts them as fresh from then and asks for none of them again on adopting the page.
 */
export const answeredAt = (page: RenderedPage, now: Date): RenderedPage => ({
  ...page,
  state: {
    ...page.state,
    queries: {
      ...page.state.queries,
      queries: page.state.queries.queries.map((query) => ({ ...query, dehydratedAt: now.getTime(), state: { ...query.state, dataUpdatedAt: now.getTime() } })),
    },
  },
})

/** Whether every part of the page was drawn (none left to the browser because its code had not loaded yet): only such a page is kept. */
export const drawnInFull = (page: RenderedPage) => !page.markup.includes(LEFT_TO_THE_BROWSER)

/**
 * The page at `url` as the signed-in visitor sees it, or null when it is better drawn by the browser: the
 * visitor has no session, the router answers with a redirect or an error, or any of the page's queries
 * failed (the browser then shows the error and its retry, as it always has).
 */
export async function renderPage(url: URL, options: { answer: Answer; phone: boolean }): Promise<RenderedPage | null> {
  const client = createQueryClient({ retry: false })
  return answering.run(options.answer, async () => {
    const handler = createStaticHandler(createRoutes(client))
    const context = await handler.query(new Request(url))
    if (context instanceof Response || context.errors) return null
    let timer: NodeJS.Timeout | undefined
    try {
      const inTime = await Promise.race([
        Promise.all([settled(client), loadChartsNow()]).then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RENDER_BUDGET_MS))),
      ])
      if (!inTime) return null
    } finally {
      clearTimeout(timer)
    }
    if (!client.getQueryData(authQueries.me().queryKey)) return null

    const charts: ServerCharts = { width: options.phone ? FIGURE_WIDTH_PX.phone : FIGURE_WIDTH_PX.wide, draw: drawChart, drawn: {} }
    const router = createStaticRouter(handler.dataRoutes, context)
    const tree = (
      <StrictMode>
        <ServerChartsProvider value={charts}>
          <AppProvider queryClient={client}>
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </AppProvider>
        </ServerChartsProvider>
      </StrictMode>
    )
    const html = await renderAnswered(tree, client, 3)
    if (html === null) return null
    // React puts the page's <title> at the front of its markup; it belongs in the head.
    const title = /^<title>([^<]*)<\/title>/.exec(html)
    return {
      markup: title ? html.slice(title[0].length) : html,
      title: title?.[1] ?? null,
      state: { queries: dehydrate(client), router: { loaderData: context.loaderData, actionData: null, errors: null }, charts: charts.drawn },
    }
  })
}

/**
 * index.html with the drawn page in its root, its state beside it and its title in the head. The page's
 * stylesheet comes inside it too (`readStylesheet`: a site file's text): a drawn page is shown as soon as
 * its HTML has come, and a stylesheet link would hold that first paint back by one more request. Its code
 * runs at the reader's first reach, or after a moment of reading (decision 58).
 */
export function withRenderedPage(html: string, page: RenderedPage, readStylesheet: (path: string) => string | null, entrySteps: readonly string[] = []) {
  const styled = html.replace(/<link rel="stylesheet" crossorigin href="\/([^"]+\.css)">/g, (link, path: string) => {
    const css = readStylesheet(path)
    return css === null ? link : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`
  })
  // A function, not a replacement string: a `$` in a project's name stays a `$`.
  const withTitle = page.title === null ? styled : styled.replace(/<title>[^<]*<\/title>/, () => `<title>${page.title}</title>`)
  // The app's code is fetched and run later, file by file (public/after-first-paint.js).
  const painted = withTitle.replace(
    /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/,
    (_, entry: string) => `<script type="module" src="/after-first-paint.js" data-entry="${entry}" data-steps="${entrySteps.join(' ')}"></script>`,
  )
  return painted.replace(
    '<div id="root"></div>',
    () => `<div id="root">${page.markup}</div>\n    <script type="application/json" id="${SERVER_RENDER_ID}">${serverRenderJson(page.state)}</script>`,
  )
}
