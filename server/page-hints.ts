import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { matchPath, type RouteObject } from 'react-router'
import type { RouteHandle } from '@/app/route-access'
import { createRoutes } from '@/app/router'
import { apiPaths, AsOfSchema, authPaths, ProjectIdSchema, ZoneIdSchema } from '@/contract'
import { isFutureMonth } from '@/domain/calendar'
import { paths } from '@/config/paths'
import { firstListUrls } from '@/config/project-lists'
import { CHARTS_ON_FIRST_SCREEN_MEDIA } from '@/config/charts'

/**
 * Route-aware hints in the page's HTML (decision 52). The SPA's index.html names only the entry chunk; the
 * page's own chunk is found when the entry has run, and its data when the page's chunk has run. On a slow
 * phone each of those steps is a round trip and a few hundred milliseconds of script. The server knows the
 * URL, so it names them up front:
 *  - <link rel="modulepreload"> for the entry's imports and the page's chunk with its imports (from Vite's
 *    manifest; the build adds no preload code of its own, so this is the one place chunks are preloaded);
 *  - <link rel="preload" as="fetch"> for the API answers the page asks for first, for a signed-in account
 *    that may read them. The browser hands the preloaded answer to the page's own fetch (same URL, same
 *    credentials mode), so the request is made once, earlier.
 * Chart code is named only for a wide screen (the link's media query), where a chart is on the first
 * screen: it is the largest chunk, and a phone's first screen of text does not need it (decision 56).
 */

/** Each page: its route pattern, its route module (as src/app/router.tsx loads it) and its first API answers. */
type PageHint = {
  pattern: string
  module: string
  /** The page draws charts: on a wide screen its first screen has one (src/config/charts.ts). */
  charts?: true
  /**
   * For a reader of project data the server draws the page into its HTML (server/first-paint/, decision 57);
   * 'wide': only for a wide screen — a list page on a phone is drawn by the browser (decision 86: drawn, its
   * larger page cost a 4×-slowed phone 200–450 ms of blocking time for 1 s of earlier content).
   */
  drawnOnServer?: true | 'wide'
  /** `asOf`: the month the page will ask for (undefined: the latest); `filtered`: its link names more than that. */
  api?: (params: Record<string, string>, view: { asOf: string | undefined; asOfSearch: string; filtered: boolean }) => string[]
}

type PageKey = keyof typeof paths

/** What the server knows of a page beyond the router's table: the answers it asks for first, and whether it is drawn here. */
const PAGE_DATA: Partial<Record<PageKey, Pick<PageHint, 'drawnOnServer' | 'api'>>> = {
  home: { drawnOnServer: true, api: (_, { asOfSearch }) => [`${apiPaths.summary}${asOfSearch}`, `${apiPaths.forecast}${asOfSearch}`] },
  zones: { drawnOnServer: true, api: (_, { asOfSearch }) => [`${apiPaths.zones}${asOfSearch}`] },
  zone: {
    drawnOnServer: true,
    api: ({ zoneId = '' }, { asOfSearch }) => (ZoneIdSchema.safeParse(zoneId).success ? [`${apiPaths.zone(zoneId)}${asOfSearch}`] : []),
  },
  // A list's first answers only for a link that names no filters: any other link's are the page's to spell.
  projects: { drawnOnServer: 'wide', api: (_, { asOf, filtered }) => (filtered ? [] : [apiPaths.filterOptions, ...firstListUrls('all', asOf)]) },
  project: {
    drawnOnServer: true,
    api: ({ projectId = '' }, { asOfSearch }) => (ProjectIdSchema.safeParse(projectId).success ? [`${apiPaths.project(projectId)}${asOfSearch}`] : []),
  },
  delayed: { drawnOnServer: 'wide', api: (_, { asOf, filtered }) => (filtered ? [] : [apiPaths.filterOptions, ...firstListUrls('delayed', asOf)]) },
  reports: { drawnOnServer: 'wide' },
  bulletin: { drawnOnServer: 'wide' },
}

/** Every page route of a route table, nested ones included; the catch-all (`*`) is no page. */
function pageRoutes(routes: readonly RouteObject[]): { pattern: string; handle: RouteHandle }[] {
  return routes.flatMap((route) => [
    ...(route.path !== undefined && route.path !== '*' ? [{ pattern: route.path, handle: (route.handle ?? {}) as RouteHandle }] : []),
    ...pageRoutes(route.children ?? []),
  ])
}

/**
 * The hints of a route table's pages: each page's pattern, module and charts as its route declares them, with
 * what PAGE_DATA adds. A page the router gains is here at once; one that names no module, or whose pattern
 * is not one of src/config/paths.ts, stops the server at start (and its tests), not a reader later.
 */
export function pageHintsOf(routes: readonly RouteObject[]): PageHint[] {
  return pageRoutes(routes).map(({ pattern, handle }) => {
    const key = (Object.keys(paths) as PageKey[]).find((k) => paths[k].path === pattern)
    if (key === undefined) throw new Error(`the route ${pattern} is not a pattern of src/config/paths.ts`)
    if (!handle.module) throw new Error(`the route ${pattern} names no module in its handle (src/app/router.tsx)`)
    return { pattern, module: `src/app/routes/${handle.module}.tsx`, ...(handle.charts ? { charts: true as const } : {}), ...PAGE_DATA[key] }
  })
}

/** The app's pages, from its router (src/app/router.tsx). */
export const PAGE_HINTS: readonly PageHint[] = pageHintsOf(createRoutes())

/** The chart code's module (src/components/charts/load-charts.ts imports it). */
export const CHARTS_MODULE = 'src/components/charts/charts.tsx'

type ManifestChunk = { file: string; imports?: string[]; isEntry?: boolean }
export type Manifest = Record<string, ManifestChunk>

/** Vite's build manifest (build.manifest in vite.config.ts), or null for a build without one. */
export function readManifest(staticDir: string): Manifest | null {
  const file = join(staticDir, '.vite', 'manifest.json')
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest
  } catch {
    return null
  }
}

/**
 * The pattern's parameters when the path matches it ('/zones/:zoneId' against '/zones/nanping'), else null:
 * the router's own matching (react-router's matchPath), with each parameter decoded as the page will read it —
 * a parameter that is not valid percent-encoding matches nothing.
 */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const match = matchPath({ path: pattern, end: true }, path)
  if (!match) return null
  try {
    return Object.fromEntries(Object.entries(match.params).map(([name, value]) => [name, decodeURIComponent(value ?? '')]))
  } catch {
    return null
  }
}

/**
 * The chunks to name: the entry's imports (the build leaves module preloading to the server, decision 52),
 * then the page's chunk and its imports, minus what index.html already names.
 */
function moduleFiles(manifest: Manifest, pageKey: string | undefined, named: ReadonlySet<string>): string[] {
  const files: string[] = []
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) return
    if (!named.has(chunk.file)) files.push(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
  if (entryKey) visit(entryKey)
  if (pageKey) visit(pageKey)
  return files
}

/**
 * The files the entry imports, then those the page's own chunk imports (`url`'s route module), each after the
 * files it imports itself: the order in which a drawn page evaluates them one by one, each in a task of its
 * own (public/after-first-paint.js). The entry and the page's chunk are left out: the entry runs last and
 * loads the page's chunk itself. Run as one, the project page's chunk with its 24 files (the schemas of its
 * reports, approvals and problems among them) was a task of ~80 ms on a 4×-slowed phone (decision 88).
 */
export function entrySteps(manifest: Manifest | null, url?: URL): string[] {
  const entryKey = manifest ? Object.keys(manifest).find((key) => manifest[key]?.isEntry) : undefined
  if (!manifest || !entryKey) return []
  const pageKey = url ? pageOf(url.pathname)?.hint.module : undefined
  const files: string[] = []
  const seen = new Set<string>([entryKey, ...(pageKey ? [pageKey] : [])])
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) return
    for (const imported of chunk.imports ?? []) visit(imported)
    files.push(`/${chunk.file}`)
  }
  for (const imported of manifest[entryKey]?.imports ?? []) visit(imported)
  for (const imported of (pageKey && manifest[pageKey]?.imports) || []) visit(imported)
  return files
}

/** The files of this site a page's HTML already loads (its <script src> and <link href>). */
export const namedFiles = (html: string) => new Set([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] ?? ''))

/** The `asOf` the page's queries will carry: the client's rule (src/lib/as-of.ts validAsOf). */
function asOfOf(search: URLSearchParams, now: Date): string | undefined {
  const raw = search.get('asOf')
  if (!raw) return undefined
  const parsed = AsOfSchema.safeParse(raw)
  if (!parsed.success || isFutureMonth(parsed.data.year, parsed.data.month, now)) return undefined
  return raw
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The page hint a path matches, with its parameters. */
function pageOf(pathname: string) {
  return PAGE_HINTS.map((hint) => ({ hint, params: matchPattern(hint.pattern, pathname) })).find((m) => m.params !== null)
}

/** Whether the server draws this page for a visitor who reads project data (decision 57). */
export const drawnOnServer = (url: URL, phone = false) => {
  const drawn = pageOf(url.pathname)?.hint.drawnOnServer
  return drawn === true || (drawn === 'wide' && !phone)
}

/** A phone asks (its client hint, or its user agent): its pages are drawn at a phone's width, and some not at all. */
export const isPhoneRequest = (headers: { header: (name: string) => string | undefined }) =>
  headers.header('Sec-CH-UA-Mobile') === '?1' || /Mobi|Android|iPhone/i.test(headers.header('User-Agent') ?? '')

/**
 * The <link> tags for one page request. `readsData`: the request carries a live session whose role may
 * read project data (null: no session, so nothing but the page's code is named). `drawn`: the server drew
 * the page, so its answers are in the HTML already and its code waits for the reader (decision 58): nothing is named.
 */
export function pageHints(
  manifest: Manifest | null,
  url: URL,
  session: { readsData: boolean } | null,
  now: Date,
  named: ReadonlySet<string> = new Set(),
  drawn = false,
): string {
  const page = pageOf(url.pathname)
  const links: string[] = []
  // A drawn page shows before its code runs: its code is fetched at the reader's first reach (public/after-first-paint.js).
  if (manifest && !drawn) for (const file of moduleFiles(manifest, page?.hint.module, named)) links.push(`<link rel="modulepreload" crossorigin href="/${escapeAttribute(file)}">`)
  // The page's own first answers: none for an id that cannot exist, and then no chart code either.
  let pageData: string[] = []
  if (page?.params && session && page.hint.pattern !== paths.login.path) {
    const api: string[] = [authPaths.me]
    if (session.readsData) {
      const asOf = asOfOf(url.searchParams, now)
      const filtered = [...url.searchParams.keys()].some((key) => key !== 'asOf')
      pageData = page.hint.api?.(page.params, { asOf, asOfSearch: asOf ? `?asOf=${encodeURIComponent(asOf)}` : '', filtered }) ?? []
      api.push(apiPaths.calendar, ...pageData)
    }
    if (!drawn) for (const href of api) links.push(`<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeAttribute(href)}">`)
  }
  // Last: a browser opens six connections to a site, and the page's data should not wait behind 120 kB of charts.
  const chartCode = manifest?.[CHARTS_MODULE]?.file
  // A drawn page's charts come drawn: their code is wanted only when the reader reaches for a chart.
  if (chartCode && page?.hint.charts && pageData.length > 0 && !drawn) {
    links.push(`<link rel="modulepreload" crossorigin href="/${escapeAttribute(chartCode)}" media="${CHARTS_ON_FIRST_SCREEN_MEDIA}">`)
  }
  return links.join('\n    ')
}

/** index.html with the page's hints before </head>. */
export const withHints = (html: string, hints: string) => (hints ? html.replace(/\n?\s*<\/head>/, `\n    ${hints}\n  </head>`) : html)
