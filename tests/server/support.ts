import { expect } from 'vitest'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pino from 'pino'
import { generateDataset } from '@/dataset/generate'
import { ApiErrorSchema, type ProjectRecord } from '@/contract'
import type { Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { seedDemoAccounts } from '../../server/auth/accounts'
import type { createApp } from '../../server/app'
import { TEST_PASSWORD, freshMemoryDatabase, openServerSeededCopy } from '../support/seeded-snapshot'

/** Every table the seed writes, in the order a reader would think of them. */
export const SEEDED_TABLES = [
  'projects',
  'monthly_plans',
  'monthly_reports',
  'milestones',
  'problems',
  'project_month_status',
] as const

export const silentLogger = () => pino({ level: 'silent' })

/** The password of the demo accounts in server tests (DEMO_PASSWORD). */
export { TEST_PASSWORD }

/**
 * A fresh in-memory database, seeded from the dataset module the way the server seeds itself, with one demo
 * account per role: a copy of the run's seeded snapshot (tests/global-setup.ts) when there is one.
 */
export async function seededMemoryDatabase(): Promise<Database> {
  const copy = await openServerSeededCopy()
  if (copy) return copy
  const database = await freshMemoryDatabase()
  await seedIfEmpty(database.db, () => generateDataset())
  await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
  return database
}

/** A fresh in-memory database holding only `records` (hand-made, as a test spells them out), with the demo accounts. */
export async function memoryDatabaseWith(records: readonly ProjectRecord[]): Promise<Database> {
  const database = await freshMemoryDatabase()
  await seedIfEmpty(database.db, () => records)
  await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
  return database
}

type App = ReturnType<typeof createApp>
export type Client = { cookie: string; request: (path: string, init?: RequestInit) => Promise<Response> }

/** The session cookie (name=value) a response sets, or '' when it sets none. */
export function sessionCookieOf(response: Response): string {
  return response.headers.get('set-cookie')?.split(';')[0] ?? ''
}

/** JSON and our own Origin: what the SPA's fetch sends with a state-changing request. */
export const SAME_ORIGIN = 'http://localhost'

/** Sign in through the API. */
export function login(app: App, username: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: SAME_ORIGIN, ...headers },
    body: JSON.stringify({ username, password }),
  })
}

/** Requests as a signed-in user, as the SPA makes them: the session cookie, and our Origin on writes. */
export function clientWith(app: App, cookie: string): Client {
  return {
    cookie,
    request: (path, init = {}) => {
      const headers = new Headers(init.headers)
      if (!headers.has('cookie') && cookie) headers.set('cookie', cookie)
      const method = (init.method ?? 'GET').toUpperCase()
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !headers.has('origin')) headers.set('origin', SAME_ORIGIN)
      return Promise.resolve(app.request(path, { ...init, headers }))
    },
  }
}

/** Sign in as a demo account (default: staff) and return a client that carries the session. */
export async function signedIn(app: App, username = 'staff'): Promise<Client> {
  const response = await login(app, username)
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`)
  return clientWith(app, sessionCookieOf(response))
}

/** Row count of every seeded table. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of SEEDED_TABLES) {
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)
    counts[table] = Number(row?.n)
  }
  return counts
}

/**
 * A built SPA in miniature: the entry page, one hashed asset and a root file, in a temp dir of its own.
 * A "secret" file sits beside it (outside the served root) for path traversal checks.
 */
export function fakeBuiltSpa() {
  const parent = mkdtempSync(join(tmpdir(), 'nanan-spa-'))
  const root = join(parent, 'dist')
  mkdirSync(join(root, 'assets'), { recursive: true })
  const indexHtml =
    '<!doctype html><html><head><title>南岸区重点项目</title></head><body><div id="root"></div><script src="/assets/app-abc123.js"></script></body></html>'
  const appJs = 'console.log("app abc123")'
  const favicon = '<svg xmlns="http://www.w3.org/2000/svg"/>'
  writeFileSync(join(root, 'index.html'), indexHtml)
  writeFileSync(join(root, 'assets', 'app-abc123.js'), appJs)
  writeFileSync(join(root, 'favicon.svg'), favicon)
  // Vite's manifest: the zone page's chunk imports the entry, a chunk the entry also imports, and one of its own.
  mkdirSync(join(root, '.vite'))
  writeFileSync(
    join(root, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/app-abc123.js', isEntry: true, imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared-1.js' },
      '_figures.js': { file: 'assets/figures-1.js', imports: ['_shared.js'] },
      'src/app/routes/zone.tsx': { file: 'assets/zone-1.js', isDynamicEntry: true, imports: ['index.html', '_shared.js', '_figures.js'] },
      'src/app/routes/delayed.tsx': { file: 'assets/delayed-1.js', isDynamicEntry: true, imports: ['index.html', '_shared.js'] },
    }),
  )
  const secret = `secret-${Math.random().toString(36).slice(2)}`
  writeFileSync(join(parent, 'secret.txt'), secret)
  return { parent, root, indexHtml, appJs, favicon, secret }
}

/** The API's error shape with something a person can read in it. */
export function expectApiError(body: unknown, context = '') {
  const parsed = ApiErrorSchema.safeParse(body)
  expect(
    parsed.success,
    `${context}: error body should match ApiErrorSchema, got ${JSON.stringify(body)?.slice(0, 300)}`,
  ).toBe(true)
  if (parsed.success) expect(parsed.data.error.message.trim(), `${context}: error message`).not.toBe('')
  return parsed.success ? parsed.data.error : null
}

/** Read a response body as JSON when it says it is JSON, else as text. */
export async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!response.headers.get('content-type')?.includes('json')) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * A second staff member, signed in: four eyes (decision 71) — a report staff imported on a unit's behalf
 * is approved by another staff member. Created once per app through the admin's API.
 */
export async function secondStaff(app: App, username = 'staff-second'): Promise<Client> {
  const admin = await signedIn(app, 'admin')
  const made = await admin.request('/api/admin/accounts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, displayName: '第二审核人', role: 'staff', password: TEST_PASSWORD }),
  })
  if (made.status !== 201 && made.status !== 409) throw new Error(`creating ${username}: ${made.status} ${await made.text()}`)
  return signedIn(app, username)
}

/** An owner account of another unit (`ownerUnit`), signed in: the one who may not touch the demo owner's projects. */
export async function ownerOfUnit(app: App, ownerUnit: string, username = 'other-owner'): Promise<Client> {
  const admin = await signedIn(app, 'admin')
  const made = await admin.request('/api/admin/accounts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, displayName: '其他业主', role: 'owner', ownerUnit, password: TEST_PASSWORD }),
  })
  if (made.status !== 201) throw new Error(`creating ${username}: ${made.status} ${await made.text()}`)
  return signedIn(app, username)
}
