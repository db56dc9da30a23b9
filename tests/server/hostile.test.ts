import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectListSchema } from '@/contract'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { bodyOf, expectApiError, rowCounts, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * Malformed and hostile input to every route. The API must never fail with a 5xx; it refuses what it
 * cannot take with a 400 (or 404) in the error shape, naming the parameter, and it treats text a
 * search accepts as text: SQL or markup in a search finds nothing, it does not run. Afterwards the
 * stored data must be exactly as before.
 */

let database: Database
let app: Client
let countsBefore: Record<string, number>
let summaryBefore: unknown

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = await signedIn(createApp({ database, logger: silentLogger() }))
  countsBefore = await rowCounts(database)
  summaryBefore = await (await app.request('/api/summary')).json()
})
afterAll(async () => {
  await database?.close()
})

const enc = encodeURIComponent
const LONG = 'x'.repeat(10_000)
const SQL_FRAGMENTS = [
  "'; drop table projects; --",
  '1 or 1=1',
  "' or '1'='1",
  '1; delete from monthly_plans where true; --',
  "%' or 1=1 --",
]
const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
]
/** Raw query-string values, already escaped as they would arrive on the wire. */
const BAD_BYTES = {
  'lone %FF': '%FF',
  'broken UTF-8 %C3%28': '%C3%28',
  'NUL %00': '%00',
  'a lone %': '%',
  'newline %0A': 'a%0Ab',
}

/** What a hostile request must get. */
type Expectation =
  | { kind: 'refused'; status: 400 | 404; field?: string }
  /** The value is just text the search accepts: a 200 with nothing found. */
  | { kind: 'finds-nothing' }
type Case = { route: string; name: string; path: string; expect: Expectation }

const ROUTES = {
  summary: '/api/summary',
  zones: '/api/zones',
  zone: '/api/zones/nanping',
  projects: '/api/projects',
  project: '/api/projects/P001',
  'filter-options': '/api/filter-options',
} as const

const refused = (field?: string, status: 400 | 404 = 400): Expectation => ({ kind: 'refused', status, field })

/** Attacks on the query string that every route sees the same way: asOf is the only parameter most routes take. */
function queryAttacks(route: keyof typeof ROUTES): Case[] {
  const base = ROUTES[route]
  // filter-options takes no parameter at all: even a good asOf is refused there, by name.
  const asOfValues: [string, string][] = [
    ['wrong type', 'abc'],
    ['a boolean', 'true'],
    ['JSON', enc('{"year":2024}')],
    ['negative', '-2024-01'],
    ['huge', '999999999-99'],
    ['month 99', '2024-99'],
    ['a number in exponent form', '1e308'],
    ['10k characters', LONG],
    ['empty', ''],
    ...SQL_FRAGMENTS.map((s): [string, string] => [`SQL ${s}`, enc(s)]),
    ...SCRIPT_FRAGMENTS.map((s): [string, string] => [`script ${s}`, enc(s)]),
    ...Object.entries(BAD_BYTES),
    ['good month then NUL', '2024-09%00'],
  ]
  const cases: Case[] = asOfValues.map(([name, value]) => ({
    route,
    name: `asOf ${name}`,
    path: `${base}?asOf=${value}`,
    expect: refused('asOf'),
  }))
  cases.push(
    { route, name: 'asOf repeated', path: `${base}?asOf=2024-01&asOf=2024-02`, expect: refused('asOf') },
    { route, name: 'unknown parameter', path: `${base}?foo=1`, expect: refused('foo') },
    { route, name: 'parameter name of 10k characters', path: `${base}?${LONG}=1`, expect: refused(LONG) },
    {
      route,
      name: 'parameter name that is SQL',
      path: `${base}?${enc(SQL_FRAGMENTS[0]!)}=1`,
      expect: refused(SQL_FRAGMENTS[0]),
    },
    {
      route,
      name: 'parameter name that is a script',
      path: `${base}?${enc(SCRIPT_FRAGMENTS[0]!)}=1`,
      expect: refused(SCRIPT_FRAGMENTS[0]),
    },
    { route, name: 'parameter name %FF', path: `${base}?%FF=1`, expect: refused() },
    { route, name: 'parameter name NUL', path: `${base}?%00=1`, expect: refused() },
    {
      route,
      name: 'parameter that shadows Object.prototype',
      path: `${base}?constructor=1`,
      expect: refused('constructor'),
    },
  )
  return cases
}

/** The list takes many parameters: each one, attacked. */
function listAttacks(): Case[] {
  const base = ROUTES.projects
  const cases: Case[] = []
  const add = (
    param: string,
    values: [string, string][],
    expect: (name: string) => Expectation = () => refused(param),
  ) => {
    for (const [name, value] of values)
      cases.push({
        route: 'projects',
        name: `${param} ${name}`,
        path: `${base}?${param}=${value}`,
        expect: expect(name),
      })
  }
  const numbers: [string, string][] = [
    ['negative', '-1'],
    ['zero', '0'],
    ['fraction', '1.5'],
    ['wrong type', 'abc'],
    ['huge', '99999999999999999999'],
    ['1e308', '1e308'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['empty', ''],
    ['SQL', enc('1 or 1=1')],
    ...Object.entries(BAD_BYTES),
  ]
  add('page', [...numbers, ['past the cap', '100001']])
  add('pageSize', [...numbers, ['above 200', '201']])
  const enumAttacks: [string, string][] = [
    ['unknown value', 'atlantis'],
    ['wrong case', 'ID'],
    ['10k characters', LONG],
    ['__proto__', '__proto__'],
    ...SQL_FRAGMENTS.slice(0, 2).map((s): [string, string] => [`SQL ${s}`, enc(s)]),
    [`script`, enc(SCRIPT_FRAGMENTS[0]!)],
    ...Object.entries(BAD_BYTES),
  ]
  for (const param of ['zone', 'focusArea', 'investmentType', 'stage', 'sort', 'order']) add(param, enumAttacks)
  add('status', [...enumAttacks, ['one good one unknown', 'lagging,atlantis'], ['only commas', ',,,']])

  // Free text: too long or with bytes that are not text is refused; anything else is text that matches nothing.
  const tooLongOrNotText: [string, string][] = [['10k characters', LONG], ...Object.entries(BAD_BYTES)]
  const justText: [string, string][] = [...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, '\\', '\\%', '😀'].map((s) => [
    `text ${s}`,
    enc(s),
  ])
  for (const param of ['q', 'owner', 'dept']) {
    add(param, tooLongOrNotText)
    add(param, justText, () => ({ kind: 'finds-nothing' }))
  }
  cases.push(
    { route: 'projects', name: 'page repeated', path: `${base}?page=1&page=2`, expect: refused('page') },
    { route: 'projects', name: 'q repeated', path: `${base}?q=a&q=b`, expect: refused('q') },
    {
      route: 'projects',
      name: 'status repeated',
      path: `${base}?status=lagging&status=severe`,
      expect: refused('status'),
    },
    {
      route: 'projects',
      name: 'a good filter with an unknown one',
      path: `${base}?zone=nanping&limit=10`,
      expect: refused('limit'),
    },
  )
  return cases
}

/** Attacks on the id in the path: malformed is 400 naming the parameter; well-formed but unknown is 404. */
function pathAttacks(): Case[] {
  const segments: [string, string][] = [
    ['10k characters', LONG],
    ...SQL_FRAGMENTS.map((s): [string, string] => [`SQL ${s}`, enc(s)]),
    ...SCRIPT_FRAGMENTS.map((s): [string, string] => [`script ${s}`, enc(s)]),
    ['%FF', '%FF'],
    ['%C3%28', '%C3%28'],
    ['NUL', '%00'],
    ['an encoded slash', '%2F'],
    ['negative', '-1'],
  ]
  return [
    ...segments.map(([name, segment]): Case => ({
      route: 'zone',
      name: `zoneId ${name}`,
      path: `/api/zones/${segment}`,
      expect: refused('zoneId'),
    })),
    { route: 'zone', name: 'zoneId good then NUL', path: '/api/zones/nanping%00', expect: refused('zoneId') },
    { route: 'zone', name: 'zoneId in capitals', path: '/api/zones/NANPING', expect: refused('zoneId') },
    {
      route: 'zone',
      name: 'zoneId well-formed but unknown',
      path: '/api/zones/atlantis',
      expect: refused(undefined, 404),
    },
    ...segments.map(([name, segment]): Case => ({
      route: 'project',
      name: `projectId ${name}`,
      path: `/api/projects/${segment}`,
      expect: refused('projectId'),
    })),
    {
      route: 'project',
      name: 'projectId good then SQL',
      path: `/api/projects/${enc("P001' or '1'='1")}`,
      expect: refused('projectId'),
    },
    { route: 'project', name: 'projectId good then NUL', path: '/api/projects/P001%00', expect: refused('projectId') },
    {
      route: 'project',
      name: 'projectId of 10k digits',
      path: `/api/projects/P${'9'.repeat(10_000)}`,
      expect: refused('projectId'),
    },
    { route: 'project', name: 'projectId in lower case', path: '/api/projects/p001', expect: refused('projectId') },
    {
      route: 'project',
      name: 'projectId well-formed but unknown',
      path: '/api/projects/P999999',
      expect: refused(undefined, 404),
    },
  ]
}

const CASES: Case[] = [
  ...(Object.keys(ROUTES) as (keyof typeof ROUTES)[]).flatMap(queryAttacks),
  ...listAttacks(),
  ...pathAttacks(),
]

describe('hostile input', () => {
  it('covers every route of the API', () => {
    expect(new Set(CASES.map((c) => c.route))).toEqual(new Set(Object.keys(ROUTES)))
  })

  it.each(CASES.map((c) => [`${c.route}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const response = await app.request(c.path)
    const body = await bodyOf(response)
    expect(response.status, 'never a server error').toBeLessThan(500)

    if (c.expect.kind === 'finds-nothing') {
      expect(response.status).toBe(200)
      expect(ProjectListSchema.parse(body).total, 'text that only looks like code finds nothing').toBe(0)
      return
    }
    expect(response.status).toBe(c.expect.status)
    const error = expectApiError(body, c.path.slice(0, 80))
    if (c.expect.field !== undefined)
      expect(Object.keys(error?.fields ?? {}), 'the refusal names the parameter').toContain(c.expect.field)
  })

  it('ignores hostile headers on a good request', async () => {
    const headers = {
      'If-None-Match': `"${LONG}"`,
      'Accept-Encoding': 'gzip;q=banana, *;q=-1',
      Accept: 'text/html',
      'Accept-Language': LONG,
    }
    for (const path of Object.values(ROUTES)) {
      const response = await app.request(path, { headers })
      expect(response.status, path).toBe(200)
    }
  })

  // Known bug in src/contract/parse.ts (not server code): the parsed parameters go into a plain object,
  // so `__proto__=1` sets nothing and the unknown parameter is silently accepted instead of refused.
  // When that is fixed this test starts passing: drop `.fails` then.
  it('refuses __proto__ as an unknown parameter, like any other', async () => {
    const response = await app.request('/api/summary?__proto__=1')
    expect(response.status).toBe(400)
  })
})

describe('after all of it', () => {
  it('stores exactly what it stored before', async () => {
    expect(await rowCounts(database)).toEqual(countsBefore)
    expect(countsBefore.projects).toBe(132)
    const summaryAfter = await (await app.request('/api/summary')).json()
    expect(summaryAfter).toEqual(summaryBefore)
  })
})
