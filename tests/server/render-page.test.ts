import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { createElement } from 'react'
import { createApp } from '../../server/app'
import { drawChart } from '../../server/first-paint'
import { withRenderedPage } from '../../server/first-paint/render-page'
import type { Database } from '../../server/db/client'
import { SERVER_RENDER_ID, serverRenderJson, type ServerRender } from '@/app/first-paint/state'
import { loadChartsNow, PlanActualBars } from '@/components/charts/lazy-charts'
import { FIGURE_WIDTH_PX } from '@/config/charts'
import { PHONE_USER_AGENT } from '../../scripts/chromium.mjs'
import { fakeBuiltSpa, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * A data page drawn on the server (decision 57): the reader's first paint is the page itself, with its
 * figures and charts, and the browser adopts it from the state drawn beside it.
 */
let database: Database
let spa: ReturnType<typeof fakeBuiltSpa>
let site: ReturnType<typeof createApp>
let leader: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  spa = fakeBuiltSpa()
  site = createApp({ database, logger: silentLogger(), staticDir: spa.root })
  leader = await signedIn(site, 'leader')
})
afterAll(async () => {
  await database?.close()
  if (spa) rmSync(spa.parent, { recursive: true, force: true })
})


function drawnParts(html: string) {
  const root = /<div id="root">([\s\S]*?)<\/div>\s*<script type="application\/json" id="server-render">/.exec(html)?.[1] ?? ''
  const stateText = new RegExp(`<script type="application/json" id="${SERVER_RENDER_ID}">([\\s\\S]*?)</script>`).exec(html)?.[1]
  return { root, state: stateText ? (JSON.parse(stateText) as ServerRender) : null }
}

describe('a data page drawn on the server', () => {
  it('carries the overview with its figures and its three charts (全年能否完成 among them), drawn at a wide screen’s width', async () => {
    const response = await leader.request('/')
    expect(response.status).toBe(200)
    const html = await response.text()
    const { root, state } = drawnParts(html)
    expect(root).toContain('2024年重点项目总览')
    expect(root).toContain('277.08')
    expect(root.match(/<svg[^>]*class="recharts-surface"/g)).toHaveLength(3)
    expect(root.match(/class="chart-server-drawn"/g)).toHaveLength(3)
    expect(root).toContain('全年能否完成')
    expect(html).toContain('<title>总览 · 南岸区重点项目进度监测</title>')
    expect(state).not.toBeNull()
    expect(Object.values(state!.charts).map((chart) => chart.width)).toEqual([FIGURE_WIDTH_PX.wide, FIGURE_WIDTH_PX.wide, FIGURE_WIDTH_PX.wide])
    // The page's answers travel in the HTML: none is named for the browser to fetch again.
    expect(html).not.toContain('as="fetch"')
    const keys = state!.queries.queries.map((query) => JSON.stringify(query.queryKey))
    expect(keys.some((key) => key.includes('summary'))).toBe(true)
    expect(keys.some((key) => key.includes('"me"'))).toBe(true)
  })

  it('draws the charts at a phone’s width for a phone', async () => {
    const html = await (await leader.request('/zones/nanping', { headers: { 'User-Agent': PHONE_USER_AGENT } })).text()
    const { root, state } = drawnParts(html)
    expect(Object.values(state!.charts).map((chart) => chart.width)).toEqual([FIGURE_WIDTH_PX.phone])
    expect(root).toContain(`width="${FIGURE_WIDTH_PX.phone}"`)
  })

  it('shows the figures the API answers this visitor, read with the visitor’s own session', async () => {
    const html = await (await leader.request('/zones/nanping?asOf=2024-05')).text()
    const { state } = drawnParts(html)
    const zone = state!.queries.queries.find((query) => JSON.stringify(query.queryKey).includes('nanping'))
    expect(zone?.state.data).toEqual(await (await leader.request('/api/zones/nanping?asOf=2024-05')).json())
  })

  it('is never stored: it carries the visitor’s figures', async () => {
    const response = await leader.request('/')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Vary')).toMatch(/Cookie/)
  })

  it('puts a title with a `$` in it into the head as it is', () => {
    const page = { markup: '<main>x</main>', title: '项目 $\' $& $` 名称', state: { queries: { mutations: [], queries: [] }, router: {}, charts: {} } }
    const html = withRenderedPage('<html><head><title>t</title></head><body><div id="root"></div></body></html>', page, () => null)
    expect(html).toContain('<title>项目 $\' $& $` 名称</title>')
    expect(html).toContain('<div id="root"><main>x</main></div>')
  })

  it('runs no inline script: the state is data, and its text cannot close its element', async () => {
    const html = await (await leader.request('/')).text()
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '')
    expect(scripts.length).toBeGreaterThan(0)
    for (const attributes of scripts) expect(attributes, attributes).toMatch(/src="\/|type="application\/json"/)
    const hostile = serverRenderJson({ queries: { mutations: [], queries: [] }, router: { loaderData: { x: '</script><script>alert(1)</script>' } }, charts: {} })
    expect(hostile).not.toMatch(/<\/script/i)
    expect((JSON.parse(hostile) as ServerRender).router.loaderData).toEqual({ x: '</script><script>alert(1)</script>' })
  })

  it('sends the page for the browser to draw when there is no one to draw it for, or nothing to draw', async () => {
    const anonymous = await (await site.request('/')).text()
    expect(anonymous).toContain('<div id="root"></div>')
    const admin = await signedIn(site, 'admin')
    expect(await (await admin.request('/zones/nanping')).text()).toContain('<div id="root"></div>')
    // A project that does not exist: the page's own answer is a 404, which the browser shows as it always has.
    expect((await leader.request('/api/projects/P999')).status).toBe(404)
    const missing = await leader.request('/projects/P999')
    expect(missing.status).toBe(200)
    expect(await missing.text()).toContain('<div id="root"></div>')
    // A page that is not a data page (口径说明) is the browser's to draw; the list pages are drawn (issue 26).
    expect(await (await leader.request('/help')).text()).toContain('<div id="root"></div>')
    expect(await (await leader.request('/projects')).text()).not.toContain('<div id="root"></div>')
  })
})

describe('a chart drawn to markup', () => {
  it('fails rather than keep an empty drawing when the chart cannot be drawn', async () => {
    await loadChartsNow()
    // A row that is not there: the chart's own render fails (React reports it to the root, not to the caller).
    const missingRow = [null] as unknown as Parameters<typeof PlanActualBars>[0]['data']
    expect(() => drawChart(createElement(PlanActualBars, { width: 402, data: missingRow }))).toThrow()
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
  })

  it('escapes what it shows, and leaves no browser globals behind', async () => {
    await loadChartsNow()
    const markup = drawChart(createElement(PlanActualBars, { width: 400, data: [{ label: '<img src=x onerror=alert(1)>', planWan: 100, cumulativeActualWan: 50 }] }))
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(markup).not.toContain('<img')
    expect(markup).toMatch(/class="recharts-surface"/)
    // (React's development build, the tests', has work after a commit; the window goes once it has run.)
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    // Ids are the drawing's own: two drawings never share a clip path.
    const again = drawChart(createElement(PlanActualBars, { width: 401, data: [{ label: 'a', planWan: 1, cumulativeActualWan: 1 }] }))
    const ids = (text: string) => [...text.matchAll(/id="([^"]+)"/g)].map((m) => m[1])
    expect(ids(markup).filter((id) => ids(again).includes(id))).toEqual([])
  })
})

describe('a drawn page kept for the next visit (decision 58)', () => {
  // A clock of the site's own, far from the real one: a page drawn afresh has answers stamped with the real
  // time, while a kept page served again is stamped with the site's time at which it was served.
  let now = new Date('2024-10-08T09:10:00+08:00')
  let kept: ReturnType<typeof createApp>
  let keptLeader: Client
  beforeAll(async () => {
    kept = createApp({ database, logger: silentLogger(), staticDir: spa.root, now: () => now })
    keptLeader = await signedIn(kept, 'leader')
  })
  const stamps = (state: ServerRender | null) => state!.queries.queries.map((query) => query.state.dataUpdatedAt)
  const drawn = async (client: Client, path: string, init?: RequestInit) => drawnParts(await (await client.request(path, init)).text())

  it('is served again, unchanged, with its answers confirmed at the time it is served', async () => {
    const first = await drawn(keptLeader, '/zones/nanping')
    expect(stamps(first.state).every((at) => at !== now.getTime())).toBe(true)
    now = new Date(now.getTime() + 20 * 60_000)
    const again = await drawn(keptLeader, '/zones/nanping')
    expect(again.root).toBe(first.root)
    expect(stamps(again.state)).toEqual(stamps(first.state).map(() => now.getTime()))
  })

  it('is drawn afresh once the hour turns', async () => {
    await drawn(keptLeader, '/zones')
    now = new Date(now.getTime() + 60 * 60_000)
    const later = await drawn(keptLeader, '/zones')
    expect(stamps(later.state).some((at) => at === now.getTime())).toBe(false)
  })

  it('is kept apart for each kind of screen, each address and each reader', async () => {
    const wide = await drawn(keptLeader, '/zones/nanping')
    const phone = await drawn(keptLeader, '/zones/nanping', { headers: { 'User-Agent': PHONE_USER_AGENT } })
    expect(Object.values(wide.state!.charts).map((chart) => chart.width)).toEqual([FIGURE_WIDTH_PX.wide])
    expect(Object.values(phone.state!.charts).map((chart) => chart.width)).toEqual([FIGURE_WIDTH_PX.phone])
    const may = await drawn(keptLeader, '/zones/nanping?asOf=2024-05')
    expect(may.root).not.toBe(wide.root)
    expect(may.root).toContain('1-5月')
    // Another reader is drawn the page with their own session: the page names who is signed in.
    const staff = await drawn(await signedIn(kept, 'staff'), '/zones/nanping')
    expect(staff.root).not.toBe(wide.root)
    const me = (state: ServerRender | null) => state!.queries.queries.find((query) => JSON.stringify(query.queryKey).includes('"me"'))?.state.data
    expect(me(staff.state)).toMatchObject({ username: 'staff' })
    expect(me(wide.state)).toMatchObject({ username: 'leader' })
  })

  it('is drawn afresh as soon as the data changes', async () => {
    const before = await drawn(keptLeader, '/projects/P002')
    expect(before.root).not.toContain('改名后的项目')
    const staff = await signedIn(kept, 'staff')
    const { version } = (await (await staff.request('/api/projects/P002')).json()) as { version: number }
    const edit = await staff.request('/api/projects/P002', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version, name: '改名后的项目' }) })
    expect(edit.status).toBe(200)
    const after = await drawn(keptLeader, '/projects/P002')
    expect(after.root).toContain('改名后的项目')
  })
})
