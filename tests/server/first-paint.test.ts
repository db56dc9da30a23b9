import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { rmSync } from 'node:fs'
import { createElement, StrictMode } from 'react'
import { loadChartsNow } from '@/components/charts/lazy-charts'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { fakeBuiltSpa, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * The first paint against an upgrade of React or Recharts (decisions 57, 62): the server draws Recharts in a
 * borrowed DOM with a faked `window.event` (server/first-paint/draw-chart.ts), which leans on how both
 * libraries schedule their work. If an upgrade changes that, the drawings come out empty, or the browser's
 * React no longer adopts the page as drawn. Drawn through the real app: the overview and a project page,
 * their charts' geometry and axes, the figures of the API's answer, and the page hydrated in a DOM by the
 * client's entry (src/app/first-paint/) with no mismatch. (tests/server/render-page.test.ts covers the rest:
 * widths, caching, escaping, pages not drawn.)
 */
const PAGES = [
  { url: '/', api: '/api/summary', charts: 3 },
  { url: '/projects/P001', api: '/api/projects/P001', charts: 1 },
] as const
/** The list pages (issue 26): drawn with their first page of rows, which their render asks for as it reads the URL. */
const LIST_PAGES = [
  { url: '/delayed', api: '/api/projects?status=severe,lagging,not-started,not-reported&sort=shortfall&order=desc' },
  { url: '/projects?zone=nanping&sort=shortfall&order=desc', api: '/api/projects?zone=nanping&sort=shortfall&order=desc' },
  { url: '/reports', api: '/api/reports?month=2024-10' },
  // The bulletin names the month's severely lagging projects.
  { url: '/bulletin', api: '/api/projects?status=severe&sort=shortfall&order=desc&pageSize=3' },
] as const

let database: Database
let spa: ReturnType<typeof fakeBuiltSpa>
let site: ReturnType<typeof createApp>
let leader: Client
/** Each page's HTML and its API answer, all asked for before any page is adopted in a DOM (which lends globals). */
const served = new Map<string, { html: string; answer: unknown }>()

beforeAll(async () => {
  // The charts' code loads at a page's first drawing. Here Vitest compiles it then, which on a busy machine (a fresh
  // clone, the builds beside) outlasted the drawing's 2 s budget, and '/' came as the shell, as designed: this file is
  // about the drawing, not that budget (tests/server/render-page.test.ts), so it loads them first.
  await loadChartsNow()
  database = await seededMemoryDatabase()
  spa = fakeBuiltSpa()
  site = createApp({ database, logger: silentLogger(), staticDir: spa.root })
  leader = await signedIn(site, 'leader')
  for (const { url, api } of [...PAGES, ...LIST_PAGES]) {
    const html = await (await leader.request(url)).text()
    served.set(url, { html, answer: (await (await leader.request(api)).json()) as unknown })
  }
})
afterAll(async () => {
  await database?.close()
  if (spa) rmSync(spa.parent, { recursive: true, force: true })
})

/** The root's markup: the page as drawn. */
const drawnRoot = (html: string) => /<div id="root">([\s\S]*?)<\/div>\s*<script type="application\/json" id="server-render">/.exec(html)?.[1] ?? ''

/** The numbers of the `d` of each path in an SVG (its geometry). */
const pathNumbers = (svg: string) => [...svg.matchAll(/<path[^>]*\sd="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
/** The `d` of each path whose class starts with one of Recharts' shapes (a bar's rectangle, a line's curve). */
const shapes = (svg: string, kind: 'recharts-rectangle' | 'recharts-curve') =>
  [...svg.matchAll(/<path[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(`class="${kind}`)).map((tag) => /\sd="([^"]*)"/.exec(tag)?.[1] ?? '')
/** A path's extent: the spread of its x and of its y coordinates (absolute commands, as Recharts writes them). */
function extent(d: string) {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
  const spread = (values: number[]) => (values.length ? Math.max(...values) - Math.min(...values) : 0)
  return { x: spread(numbers.filter((_, i) => i % 2 === 0)), y: spread(numbers.filter((_, i) => i % 2 === 1)), all: numbers }
}

describe.each(PAGES)('the server draws $url with its charts', ({ url, charts }) => {
  it('draws each chart as a picture: shapes with geometry, the money axis in 亿元 reaching the figures', () => {
    const root = drawnRoot(served.get(url)!.html)
    const figures = [...root.matchAll(/<figure class="chart"[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/figure>/g)]
    expect(figures).toHaveLength(charts)
    for (const [, summary = '', figure = ''] of figures) {
      const svg = /<svg[^>]*class="recharts-surface"[\s\S]*?<\/svg>/.exec(figure)?.[0] ?? ''
      expect(svg, `${summary}: drawn`).toMatch(/viewBox="0 0 [1-9]\d* [1-9]\d*"/)
      const numbers = pathNumbers(svg)
      expect(numbers.every(Number.isFinite), 'no NaN in its geometry').toBe(true)
      expect(new Set(numbers).size, 'its geometry is not all one point').toBeGreaterThan(4)
      // Bars with an area, or lines that go somewhere.
      const bars = shapes(svg, 'recharts-rectangle').map(extent).filter((e) => e.x > 0 && e.y > 0)
      const lines = shapes(svg, 'recharts-curve').map(extent).filter((e) => e.x > 0 && e.all.length >= 4)
      expect(bars.length + lines.length, `${summary}: bars or lines with a size`).toBeGreaterThan(0)
      // The money axis counts in 亿元 (its ticks say 亿, or the axis is named …（亿元）) and reaches the figures
      // the chart's summary names (a drawing in 万元, or an empty scale, would not).
      const text = figure.replace(/<[^>]+>/g, ' ')
      const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '').filter((t) => /^\d+(\.\d+)?亿?$/.test(t))
      expect(ticks.length, `${summary}: money ticks`).toBeGreaterThan(2)
      expect(ticks.some((t) => t.endsWith('亿')) || text.includes('（亿元）'), `${summary}: axis in 亿元`).toBe(true)
      const stated = [...summary.matchAll(/(\d+(?:\.\d+)?)亿元/g)].map((m) => Number(m[1]))
      if (stated.length > 0) expect(Math.max(...ticks.map((t) => parseFloat(t)))).toBeGreaterThanOrEqual(Math.max(...stated))
    }
  })

  it('shows the figures of the API’s answer for this visitor', async () => {
    const { html, answer } = served.get(url)!
    const root = drawnRoot(html)
    const names = JSON.stringify(answer).match(/"name":"([^"]+)"/g)?.map((m) => m.slice(8, -1)) ?? []
    expect(names.length).toBeGreaterThan(0)
    for (const name of names.slice(0, 3)) expect(root).toContain(name.replace(/&/g, '&amp;'))
  })

  it('is adopted by the browser’s entry as drawn: no hydration mismatch', async () => {
    const problems = await hydrateInDom(served.get(url)!.html, `http://localhost${url}`)
    expect(problems).toEqual([])
  })
})

describe.each(LIST_PAGES)('the server draws the list page $url with its rows', ({ url }) => {
  it('shows the names of its answer for this visitor', () => {
    const { html, answer } = served.get(url)!
    const root = drawnRoot(html)
    expect(root.length).toBeGreaterThan(0)
    const names = JSON.stringify(answer).match(/"(?:name|projectName)":"([^"]+)"/g)?.map((m) => m.replace(/^"(?:name|projectName)":"/, '').slice(0, -1)) ?? []
    expect(names.length).toBeGreaterThan(0)
    for (const name of names.slice(0, 3)) expect(root).toContain(name.replace(/&/g, '&amp;'))
  })

  it('is adopted by the browser’s entry as drawn: no hydration mismatch', async () => {
    const problems = await hydrateInDom(served.get(url)!.html, `http://localhost${url}`)
    expect(problems).toEqual([])
  })
})

/**
 * The drawn HTML in a DOM of its own (jsdom), adopted by the client's entry exactly as src/main.tsx does:
 * adoptDrawnPage, then hydrateRoot of the app. Returns what React reported: recoverable errors (a mismatch
 * makes React draw the part again) and console errors.
 */
async function hydrateInDom(html: string, url: string) {
  // Vitest's own jsdom environment, set up for this page only: its window and document become the globals.
  const { builtinEnvironments } = await import('vitest/environments')
  const environment = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { html, url, pretendToBeVisual: true } })
  const document = (globalThis as unknown as { document: Document }).document
  const problems: string[] = []
  const originalError = console.error
  console.error = (...args: unknown[]) => void problems.push(`console.error: ${args.map(String).join(' ').slice(0, 300)}`)
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  // A browser has it (jsdom has not): what is below the first screen waits for the reader to come near, as drawn.
  class IntersectionObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return []
    }
  }
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub, IntersectionObserver: IntersectionObserverStub, IS_REACT_ACT_ENVIRONMENT: false })
  // The app's modules afresh for each page, as a browser loads them (one page's start says so once).
  vi.resetModules()
  try {
    const [{ hydrateRoot }, { App }, { adoptDrawnPage }, { createQueryClient }] = await Promise.all([
      import('react-dom/client'),
      import('@/app/app'),
      import('@/app/first-paint'),
      import('@/lib/query-client'),
    ])
    const queryClient = createQueryClient()
    const router = await adoptDrawnPage(queryClient)
    if (!router) return ['the page was not taken for drawn']
    const container = document.getElementById('root')!
    const root = hydrateRoot(container, createElement(StrictMode, null, createElement(App, { queryClient, router })), {
      onRecoverableError: (error) => void problems.push(`recoverable: ${String(error)}`),
      onUncaughtError: (error) => void problems.push(`uncaught: ${String(error).slice(0, 300)}`),
    })
    // React adopts the root, then each Suspense boundary in later tasks: wait until the page says it has it.
    for (let i = 0; i < 200 && document.documentElement.dataset.app !== 'running'; i++) await new Promise((r) => setTimeout(r, 10))
    if (document.documentElement.dataset.app !== 'running') problems.push('the page was never adopted')
    await new Promise((r) => setTimeout(r, 50))
    root.unmount()
    router.dispose()
    queryClient.clear()
    // React's development build still reads `window.event` in work it scheduled: the DOM goes once that has run.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    await new Promise((r) => setTimeout(r, 20))
    return problems
  } finally {
    console.error = originalError
    await environment.teardown(globalThis)
    for (const key of ['ResizeObserver', 'IntersectionObserver', 'IS_REACT_ACT_ENVIRONMENT']) delete (globalThis as Record<string, unknown>)[key]
  }
}
