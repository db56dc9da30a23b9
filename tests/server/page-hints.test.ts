import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { paths } from '@/config/paths'
import { CHARTS_MODULE, PAGE_HINTS, drawnOnServer, entrySteps, matchPattern, namedFiles, pageHints, pageHintsOf, withHints, type Manifest } from '../../server/page-hints'

/** The server names a page's code and first data in its HTML (decision 52): what it names, and for whom. */

const manifest: Manifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_react.js'] },
  '_react.js': { file: 'assets/react-1.js' },
  '_kpi.js': { file: 'assets/kpi-1.js', imports: ['_react.js'] },
  'src/app/routes/overview.tsx': { file: 'assets/overview-1.js', imports: ['index.html', '_react.js', '_kpi.js'] },
  'src/app/routes/zone.tsx': { file: 'assets/zone-1.js', imports: ['index.html', '_kpi.js'] },
  'src/components/charts/charts.tsx': { file: 'assets/charts-1.js', imports: ['_react.js'] },
}
const NOW = new Date('2024-11-15T04:00:00Z')
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')
const reader = { readsData: true }
/** index.html names the entry itself. */
const named = namedFiles('<script type="module" src="/assets/index-1.js"></script>')

describe('which page a URL is', () => {
  it('matches patterns with and without parameters, and nothing else', () => {
    expect(matchPattern('/', '/')).toEqual({})
    expect(matchPattern('/zones', '/zones/')).toEqual({})
    expect(matchPattern('/zones/:zoneId', '/zones/nanping')).toEqual({ zoneId: 'nanping' })
    expect(matchPattern('/projects/:projectId', '/projects/P%30%30%31')).toEqual({ projectId: 'P001' })
    expect(matchPattern('/zones/:zoneId', '/zones')).toBeNull()
    expect(matchPattern('/zones', '/zones/nanping')).toBeNull()
    expect(matchPattern('/', '/zones')).toBeNull()
    expect(matchPattern('/projects/:projectId', '/projects/%E0%A4%A')).toBeNull()
    // As the router matches: a trailing slash or two, and any case, are the same page.
    expect(matchPattern('/zones/:zoneId', '/zones/nanping//')).toEqual({ zoneId: 'nanping' })
    expect(matchPattern('/zones', '/Zones')).toEqual({})
  })
})

describe('the hints of a page', () => {
  it('names the entry’s imports, the page’s chunk and its imports, once each, not what index.html already loads', () => {
    const html = pageHints(manifest, new URL('http://x/'), reader, NOW, named)
    expect(hrefs(html)).toEqual(['/assets/react-1.js', '/assets/overview-1.js', '/assets/kpi-1.js', '/api/auth/me', '/api/calendar', '/api/summary', '/api/forecast', '/assets/charts-1.js'])
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/overview-1.js">')
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/summary">')
  })

  it('asks for the month the page will ask for: a valid asOf is kept, a future or malformed one dropped', () => {
    expect(hrefs(pageHints(manifest, new URL('http://x/?asOf=2024-05'), reader, NOW))).toContain('/api/summary?asOf=2024-05')
    for (const asOf of ['2024-12', '2024-5', 'latest']) expect(hrefs(pageHints(manifest, new URL(`http://x/?asOf=${asOf}`), reader, NOW)), asOf).toContain('/api/summary')
  })

  it('names a zone’s or a project’s data only for an id that can exist', () => {
    expect(hrefs(pageHints(manifest, new URL('http://x/zones/nanping'), reader, NOW))).toContain('/api/zones/nanping')
    expect(hrefs(pageHints(manifest, new URL('http://x/zones/nowhere'), reader, NOW)).filter((h) => h.startsWith('/api/zones'))).toEqual([])
    expect(hrefs(pageHints(null, new URL('http://x/projects/P001'), reader, NOW))).toEqual(['/api/auth/me', '/api/calendar', '/api/projects/P001'])
    expect(hrefs(pageHints(null, new URL('http://x/projects/%3Cscript%3E'), reader, NOW))).toEqual(['/api/auth/me', '/api/calendar'])
  })

  it('names a list’s first answers only for a link without filters, in the order and spelling the page asks for', () => {
    const api = (url: string) =>
      hrefs(pageHints(null, new URL(url), reader, NOW))
        .map((h) => h.replaceAll('&amp;', '&'))
        .filter((h) => h.startsWith('/api/') && !h.startsWith('/api/auth'))
    expect(api('http://x/projects')).toEqual(['/api/calendar', '/api/filter-options', '/api/projects?sort=id&order=asc'])
    expect(api('http://x/delayed?asOf=2024-05')).toEqual([
      '/api/calendar',
      '/api/filter-options',
      '/api/projects?asOf=2024-05&status=severe%2Clagging%2Cnot-started%2Cnot-reported&sort=shortfall&order=desc',
      '/api/projects?asOf=2024-05&status=severe%2Clagging%2Cnot-started%2Cnot-reported&sort=shortfall&order=desc&page=1&pageSize=1',
    ])
    // The link's own filters decide the request: the page spells it, the server names nothing it might not ask for.
    expect(api('http://x/projects?zone=nanping')).toEqual(['/api/calendar'])
    expect(api('http://x/delayed?sort=gap')).toEqual(['/api/calendar'])
    // In the HTML, the & of a URL is written as &amp;.
    expect(pageHints(null, new URL('http://x/projects'), reader, NOW)).toContain('href="/api/projects?sort=id&amp;order=asc"')
  })

  it('names the chart code last, for a wide screen only, on a page with charts and for an account that reads data', () => {
    const chartLink = '<link rel="modulepreload" crossorigin href="/assets/charts-1.js" media="(min-width: 64rem)">'
    for (const path of ['/', '/zones/nanping', '/projects/P001']) {
      const html = pageHints(manifest, new URL(`http://x${path}`), reader, NOW, named)
      expect(html, path).toContain(chartLink)
      // After the page's data: six connections per site, and the answers should not wait behind the charts.
      expect(hrefs(html).at(-1), path).toBe('/assets/charts-1.js')
    }
    // Not for an id that cannot exist (its data is not named either).
    for (const path of ['/zones/nowhere', '/projects/%3Cx%3E']) expect(pageHints(manifest, new URL(`http://x${path}`), reader, NOW, named), path).not.toContain('charts-1.js')
    for (const path of ['/zones', '/projects', '/delayed', '/login']) expect(pageHints(manifest, new URL(`http://x${path}`), reader, NOW, named), path).not.toContain('charts-1.js')
    expect(pageHints(manifest, new URL('http://x/'), null, NOW, named)).not.toContain('charts-1.js')
    expect(pageHints(manifest, new URL('http://x/'), { readsData: false }, NOW, named)).not.toContain('charts-1.js')
  })

  it('names no data without a session, only the session for an account that reads no data, only the entry’s code for an unknown page', () => {
    const code = ['/assets/react-1.js', '/assets/overview-1.js', '/assets/kpi-1.js']
    expect(hrefs(pageHints(manifest, new URL('http://x/'), null, NOW, named))).toEqual(code)
    expect(hrefs(pageHints(manifest, new URL('http://x/'), { readsData: false }, NOW, named))).toEqual([...code, '/api/auth/me'])
    expect(hrefs(pageHints(manifest, new URL('http://x/no/such/page'), reader, NOW, named))).toEqual(['/assets/react-1.js'])
    expect(hrefs(pageHints(null, new URL('http://x/login'), reader, NOW))).toEqual([])
  })

  it('names nothing for a page the server drew: its answers are in it, and its code comes after its first paint', () => {
    for (const path of ['/', '/zones', '/zones/nanping', '/projects/P001', '/projects', '/delayed', '/reports', '/bulletin']) {
      const url = new URL(`http://x${path}`)
      expect(drawnOnServer(url), path).toBe(true)
      expect(pageHints(manifest, url, reader, NOW, named, true), path).toBe('')
    }
    // On a phone the list pages are the browser's to draw (their drawn page cost a slowed phone more blocking time
    // than the content it brought sooner, decision 86); the overview, the zones and a project page are drawn.
    for (const path of ['/projects', '/delayed', '/reports', '/bulletin']) expect(drawnOnServer(new URL(`http://x${path}`), true), `${path} on a phone`).toBe(false)
    for (const path of ['/', '/zones', '/zones/nanping', '/projects/P001']) expect(drawnOnServer(new URL(`http://x${path}`), true), `${path} on a phone`).toBe(true)
    // The pages without data of their own are drawn by the browser.
    for (const path of ['/login', '/help', '/todo', '/history']) expect(drawnOnServer(new URL(`http://x${path}`)), path).toBe(false)
  })

  it('orders the entry’s files for a drawn page to run one by one, each after what it imports', () => {
    const layered: Manifest = {
      'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_runtime.js', '_boot.js'] },
      '_runtime.js': { file: 'assets/runtime-1.js' },
      '_boot.js': { file: 'assets/boot-1.js', imports: ['_runtime.js', '_react.js'] },
      '_react.js': { file: 'assets/react-1.js', imports: ['_runtime.js'] },
    }
    expect(entrySteps(layered)).toEqual(['/assets/runtime-1.js', '/assets/react-1.js', '/assets/boot-1.js'])
    expect(entrySteps(null)).toEqual([])
  })

  it('adds the files a drawn page’s own chunk imports, after the entry’s and each after its own imports, but not the chunk itself', () => {
    const project = PAGE_HINTS.find((hint) => hint.pattern === '/projects/:projectId')!.module
    const layered: Manifest = {
      'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_runtime.js', '_boot.js'] },
      '_runtime.js': { file: 'assets/runtime-1.js' },
      '_boot.js': { file: 'assets/boot-1.js', imports: ['_runtime.js'] },
      [project]: { file: 'assets/project-1.js', imports: ['_boot.js', '_reports.js', '_form.js'] },
      '_reports.js': { file: 'assets/reports-1.js', imports: ['_boot.js', '_schemas.js'] },
      '_schemas.js': { file: 'assets/schemas-1.js', imports: ['_runtime.js'] },
      '_form.js': { file: 'assets/form-1.js', imports: ['_schemas.js'] },
    }
    expect(entrySteps(layered, new URL('http://x/projects/P001'))).toEqual([
      '/assets/runtime-1.js',
      '/assets/boot-1.js',
      '/assets/schemas-1.js',
      '/assets/reports-1.js',
      '/assets/form-1.js',
    ])
    // Another page's files are not its to run.
    expect(entrySteps(layered, new URL('http://x/zones'))).toEqual(['/assets/runtime-1.js', '/assets/boot-1.js'])
  })

  it('go before </head> and change nothing else', () => {
    const html = '<html><head><title>t</title>\n  </head><body></body></html>'
    expect(withHints(html, '')).toBe(html)
    expect(withHints(html, '<link rel="preload" href="/a">')).toBe('<html><head><title>t</title>\n    <link rel="preload" href="/a">\n  </head><body></body></html>')
  })
})

describe('the server’s page table and the router', () => {
  // The router lazy-loads each page with a literal import(): the server must name the same module.
  const router = readFileSync('src/app/router.tsx', 'utf8')
  it.each(PAGE_HINTS.map((hint) => [hint.pattern, hint.module] as const))('%s is %s in src/app/router.tsx', (pattern, module) => {
    const key = Object.entries(paths).find(([, p]) => p.path === pattern)?.[0]
    expect(key, pattern).toBeDefined()
    const line = router.split('\n').find((l) => l.includes(`paths.${key}.path,`))
    expect(line, `a route for paths.${key}`).toBeDefined()
    expect(line).toContain(`import('./routes/${module.replace('src/app/routes/', '').replace('.tsx', '')}')`)
  })

  it('names the chart code for exactly the pages the router prefetches it for, by the module load-charts.ts imports', () => {
    const withCharts = router
      .split('\n')
      .filter((line) => line.includes('{ charts: true }'))
      .map((line) => line.match(/paths\.(\w+)\.path,/)?.[1])
    const hinted = PAGE_HINTS.filter((hint) => hint.charts).map((hint) => Object.entries(paths).find(([, p]) => p.path === hint.pattern)?.[0])
    expect(hinted.sort()).toEqual(withCharts.sort())
    const loader = readFileSync('src/components/charts/load-charts.ts', 'utf8')
    expect(CHARTS_MODULE).toBe(`src/components/charts/${loader.match(/import\('\.\/([\w-]+)'\)/)?.[1]}.tsx`)
  })

  it('takes its pages from a route table: a page the router gains is hinted, one that names no module stops the server', () => {
    const load = () => Promise.resolve({})
    expect(pageHintsOf([{ children: [{ path: paths.help.path, lazy: load, handle: { module: 'help', charts: true } }, { path: '*', lazy: load }] }])).toEqual([
      { pattern: '/help', module: 'src/app/routes/help.tsx', charts: true },
    ])
    expect(pageHintsOf([{ path: paths.home.path, lazy: load, handle: { module: 'overview' } }])[0]).toMatchObject({ pattern: '/', drawnOnServer: true })
    expect(() => pageHintsOf([{ path: paths.help.path, lazy: load }])).toThrow('the route /help names no module')
    expect(() => pageHintsOf([{ path: '/elsewhere', lazy: load, handle: { module: 'elsewhere' } }])).toThrow('not a pattern of src/config/paths.ts')
  })

  it('covers every page of the router', () => {
    const routed = [...router.matchAll(/paths\.(\w+)\.path,/g)].map((m) => m[1])
    expect(PAGE_HINTS.map((hint) => Object.entries(paths).find(([, p]) => p.path === hint.pattern)?.[0]).sort()).toEqual(routed.sort())
  })
})
