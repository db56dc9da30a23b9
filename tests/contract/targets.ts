import { setupServer } from 'msw/node'
import pino from 'pino'
import pg from 'pg'
import { generateDataset } from '@/dataset/generate'
import { forwardTo } from '@mocks/forward'
import { openSeededCopy, seededPostgresTemplate } from '../support/seeded-snapshot'
import { createApi } from '../../server/api'
import { createApp } from '../../server/app'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { seedDemoAccounts } from '../../server/auth/accounts'

/** One implementation of the API under test: answers a request like a client would see it. */
export type Target = {
  name: string
  /** The deployment's OWNER_SEES when the target is the server itself ('all' by default). */
  ownerSees?: 'all' | 'own'
  /** A request as the signed-in user (default: the demo staff account). */
  request: (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown; headers: Headers }>
  /** A request with no session at all. */
  anonymous: (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown; headers: Headers }>
  /** Sign in as another demo account; later `request`s carry that session. */
  signInAs: (username: string) => Promise<void>
  close: () => Promise<void>
}

/** The demo accounts' password on every target (the mock's fixed demo password). */
export const CONTRACT_PASSWORD = 'nanan-demo-2024'
const ORIGIN = 'http://localhost'

/** Sessions over any fetch-like function: sign in, then send the cookie (and our Origin on writes). */
function withSessions(send: (path: string, init?: RequestInit) => Promise<Response>) {
  let cookie = ''
  // One sign-in per account and target: later signInAs calls go back to its session. Each sign-in is a
  // scrypt check (~80 ms of CPU here); the reporting cycle, which switches accounts before every request,
  // made about 1,000 of them.
  const sessions = new Map<string, string>()
  const withHeaders = (init: RequestInit = {}, session: string) => {
    const headers = new Headers(init.headers)
    if (session) headers.set('cookie', session)
    if (!['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase())) headers.set('origin', ORIGIN)
    return { ...init, headers }
  }
  return {
    request: async (path: string, init?: RequestInit) => toResult(await send(path, withHeaders(init, cookie))),
    anonymous: async (path: string, init?: RequestInit) => toResult(await send(path, withHeaders(init, ''))),
    signInAs: async (username: string) => {
      const kept = sessions.get(username)
      if (kept) {
        cookie = kept
        return
      }
      const response = await send(
        '/api/auth/login',
        withHeaders({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: CONTRACT_PASSWORD }) }, ''),
      )
      if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`)
      cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
      sessions.set(username, cookie)
    },
  }
}

const toResult = async (response: Response) => ({
  status: response.status,
  body: response.headers.get('content-type')?.includes('json') ? ((await response.json()) as unknown) : await response.text(),
  headers: response.headers,
})

/**
 * The API as the page meets it in the web tests and the demo: fetch → MSW → mocks/forward.ts → the
 * server's app over the given database. Checks the forwarding (cookies, statuses, headers, bodies), not
 * a second implementation: there is none.
 */
export async function forwardedTarget(database: Database): Promise<Target> {
  const app = createApi({ database, logger: silentLogger() })
  // Each request here names its own session (signed in, anonymous): the client keeps the cookies.
  const server = setupServer(...forwardTo(() => Promise.resolve(app), 'client-keeps-cookies'))
  server.listen({ onUnhandledRequest: 'error' })
  const sessions = withSessions((path, init) => fetch(new URL(path, 'http://localhost/'), init))
  await sessions.signInAs('staff')
  return { name: 'msw → app', ...sessions, close: async () => server.close() }
}

export const silentLogger = () => pino({ level: 'silent' })

/**
 * The real server in-process on a database seeded from the same dataset module. `ownerSees` is the
 * deployment's OWNER_SEES (default 'all'); several targets may share one database (close it once).
 */
export async function serverTarget(
  name: string,
  database: Database,
  options: { staticDir?: string; ownerSees?: 'all' | 'own' } = {},
): Promise<Target & { database: Database }> {
  await seedIfEmpty(database.db, () => generateDataset())
  await seedDemoAccounts(database.db, { password: CONTRACT_PASSWORD })
  const app = createApp({ database, logger: silentLogger(), staticDir: options.staticDir, ownerSees: options.ownerSees })
  const sessions = withSessions((path, init) => Promise.resolve(app.request(path, init)))
  await sessions.signInAs('staff')
  return { name, ownerSees: options.ownerSees ?? 'all', database, ...sessions, close: () => database.close() }
}

/** An embedded database, seeded (a copy of the run's seeded snapshot when there is one: tests/global-setup.ts). */
export const embeddedDatabase = async () => (await openSeededCopy())?.database ?? openDatabase({ dataDir: 'memory://' })

/** A new, empty PostgreSQL database on the cluster of TEST_DATABASE_URL (CI starts a cluster and sets it). */
export const postgresDatabase = () => newPostgresDatabase(null)

/**
 * A new PostgreSQL database, seeded: a copy of the run's seeded one (tests/global-setup.ts) when there is one,
 * else seeded here (serverTarget seeds what is empty).
 */
export const seededPostgresDatabase = () => newPostgresDatabase(seededPostgresTemplate())

let postgresDatabases = 0
async function newPostgresDatabase(template: string | null): Promise<Database | null> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return null
  // A database of its own per call: test files run side by side on one cluster and never see each other's rows.
  const name = `nanan_${process.pid}_${++postgresDatabases}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  await client.end()
  const own = new URL(url)
  own.pathname = `/${name}`
  return openDatabase({ databaseUrl: own.toString() })
}

/**
 * The databases the server is checked on, as the contract suite chooses them: the embedded one always,
 * PostgreSQL when TEST_DATABASE_URL is set (and CI must set it).
 */
export async function serverDatabases(): Promise<{ name: string; database: Database }[]> {
  const databases = [{ name: 'embedded', database: await embeddedDatabase() }]
  const postgres = await seededPostgresDatabase()
  if (postgres) databases.push({ name: 'postgres', database: postgres })
  else if (process.env.CI) throw new Error('CI must run the contract suite on PostgreSQL too: set TEST_DATABASE_URL')
  return databases
}

/**
 * The targets every write case runs on: each database (embedded, and PostgreSQL when TEST_DATABASE_URL is
 * set) served both ways a deployment may choose, OWNER_SEES=all and OWNER_SEES=own. Each target has its own
 * database, as each case writes. Every answer must be the same on all of them (times aside).
 */
export async function writeTargets(): Promise<Target[]> {
  const targets: Target[] = []
  for (const ownerSees of ['all', 'own'] as const) {
    targets.push(await serverTarget(`embedded, OWNER_SEES=${ownerSees}`, await embeddedDatabase(), { ownerSees }))
    const postgres = await seededPostgresDatabase()
    if (postgres) targets.push(await serverTarget(`postgres, OWNER_SEES=${ownerSees}`, postgres, { ownerSees }))
    else if (process.env.CI) throw new Error('CI must run the contract suite on PostgreSQL too: set TEST_DATABASE_URL')
  }
  return targets
}

/**
 * The target whose answer another must equal: the first one. An owner's reads are scoped to the unit's
 * projects under OWNER_SEES=own (owner-scope.test.ts checks those against an oracle), so they are compared
 * with the first target served the same way; every other answer, writes included, must be the same everywhere.
 */
export function referenceFor(targets: Target[], index: number, username: string, method = 'GET'): number {
  if (username !== 'owner' || method !== 'GET') return 0
  return targets.findIndex((t) => (t.ownerSees ?? 'all') === (targets[index]!.ownerSees ?? 'all'))
}
