import { setupServer } from 'msw/node'
import pino from 'pino'
import { SESSION_COOKIE, type ProjectRecord, type Role } from '@/contract'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { DEMO_ACCOUNTS } from '@/domain/access'
import { generateDataset } from '@/dataset/generate'
import { createApi } from '../../server/api'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { createSession } from '../../server/auth/sessions'
import { openDatabase } from '../../server/db/client'
import type { Database } from '../../server/db/handle'
import { seedIfEmpty } from '../../server/db/write'
import { forwardTo, sessionJar, withSessionJar, type ApiHost } from '@mocks/forward'
import { openSeededCopy } from './seeded-snapshot'
import { restoreTables, snapshotTables, type TableSnapshot } from './table-snapshot'

/**
 * The API of the web tests: MSW hands every /api request to the server's own app over an in-memory
 * PGlite, seeded from the dataset module with the demo accounts (password MOCK_DEMO_PASSWORD). The
 * database opens at the first request of a test file; a test that wrote is followed by a return to the
 * seeded state (testApi.reset, from tests/setup.ts).
 */
type State = {
  database: Database
  /** The server's app, as the page reaches it: with the page's session (the jar). */
  app: ApiHost
  /** The same app as any other client reaches it: with the session a request names (testApi.get/send). */
  api: ApiHost
  /** A session per demo account, opened once: signInAs only picks one. */
  tokens: Map<string, string>
  seeded: readonly ProjectRecord[]
  baseline: TableSnapshot
  baselineTokens: Map<string, string>
  empty: TableSnapshot
}

/**
 * Sessions in tests end only when a test ends them: a test's fake clock must not sign it out. (At most 399
 * days: the sign-in cookie's Max-Age is the session's life, and a cookie may not live longer than 400.)
 */
const TEST_SESSION_POLICY = { idleMs: 399 * 86_400_000, absoluteMs: 399 * 86_400_000 }

/** A fresh app over the database (no cache outlives the data), reached by the page and by testApi. */
function appsOver(database: Database): { app: ApiHost; api: ApiHost } {
  const api = createApi({ database, logger: pino({ level: 'silent' }), sessionPolicy: TEST_SESSION_POLICY })
  return { app: withSessionJar(api, jar), api }
}

async function seedWith(database: Database, records: readonly ProjectRecord[]) {
  await seedIfEmpty(database.db, () => records)
  await seedDemoAccounts(database.db, { password: MOCK_DEMO_PASSWORD })
  const tokens = new Map<string, string>()
  for (const account of DEMO_ACCOUNTS) tokens.set(account.username, await createSession(database.db, account.username, new Date()))
  return tokens
}

async function start(): Promise<State> {
  const copy = await openSeededCopy()
  if (copy) {
    const baseline = await snapshotTables(copy.database)
    return { database: copy.database, ...appsOver(copy.database), tokens: copy.tokens, seeded: generateDataset(), baseline, baselineTokens: copy.tokens, empty: copy.empty }
  }
  const database = await openDatabase({ dataDir: 'memory://' })
  const empty = await snapshotTables(database)
  const seeded = generateDataset()
  const tokens = await seedWith(database, seeded)
  return { database, ...appsOver(database), tokens, seeded, baseline: await snapshotTables(database), baselineTokens: tokens, empty }
}

let state: Promise<State> | null = null
/**
 * What replaceProjects seeded, by its records: seeding 132 projects and hashing five passwords took ~1.5 s, putting
 * the rows back ~0.2 s (decision 85, part five). It lives as long as the worker (isolate: false), across files: the
 * snapshot is taken at once after the seed, before the page or a test can ask anything.
 */
const replaced = new Map<string, { snapshot: TableSnapshot; tokens: Map<string, string> }>()
const current = () => (state ??= start())
/** Whether the database may differ from the seeded state (a write went through, or projects were replaced). */
let dirty = false
/** The demo account whose session the page has, when the test chose one (signInAs). */
let signedInAs: string | null = null
const jar = sessionJar()
const host = async (): Promise<ApiHost> => {
  const { app, tokens } = await current()
  if (signedInAs) {
    jar.set(tokens.get(signedInAs) ?? null)
    signedInAs = null
  }
  return app
}

export const server = setupServer(...forwardTo(host, 'jar', () => (dirty = true)))

/** The Cookie header of a demo account's open session (the one for this role). */
const sessionCookieOf = (s: State, role: Role) => `${SESSION_COOKIE}=${s.tokens.get(DEMO_ACCOUNTS.find((a) => a.role === role)!.username)}`

export const testApi = {
  /** Open and seed the database now (a page test's first request should not wait seconds for it). */
  async ready() {
    await current()
  },
  /** The page is signed in as this role's demo account (as after its sign-in). */
  signInAs(role: Role) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role)!
    signedInAs = account.username
    jar.set(null)
  },
  /** The page has no session. */
  signOut() {
    signedInAs = null
    jar.set(null)
  },
  /** The projects the database was seeded with (the dataset module's, or those given to replaceProjects). */
  async seededProjects(): Promise<readonly ProjectRecord[]> {
    return (await current()).seeded
  },
  /**
   * Serve these projects instead of the dataset (the demo accounts stay, the owner bound to one of their units).
   * The same records a second time (a test per page replaces them alike) come back as the first seed left them.
   */
  async replaceProjects(records: readonly ProjectRecord[]) {
    const s = await current()
    const key = JSON.stringify(records)
    const made = replaced.get(key)
    if (made) {
      await restoreTables(s.database, made.snapshot)
      s.tokens = made.tokens
    } else {
      await restoreTables(s.database, s.empty)
      s.tokens = await seedWith(s.database, records)
      replaced.set(key, { snapshot: await snapshotTables(s.database), tokens: s.tokens })
    }
    s.seeded = records
    Object.assign(s, appsOver(s.database))
    dirty = true
  },
  /** Back to the seeded dataset, if a test changed anything; a fresh app, so no cache outlives the data. */
  async reset() {
    jar.set(null)
    signedInAs = null
    if (!dirty || !state) return
    const s = await current()
    await restoreTables(s.database, s.baseline)
    s.tokens = s.baselineTokens
    s.seeded = generateDataset()
    Object.assign(s, appsOver(s.database))
    dirty = false
  },
  /**
   * Ask the API directly, as a demo account (staff unless named), outside the page: what a test expects
   * the page to show. Answers are the server's, so a test checks the page against the one implementation.
   */
  async get<T>(path: string, as: Role = 'staff'): Promise<T> {
    const s = await current()
    const response = await s.api.fetch(new Request(new URL(path, 'http://localhost/'), { headers: { cookie: sessionCookieOf(s, as) } }))
    if (!response.ok) throw new Error(`GET ${path} as ${as}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  },
  /** Change data behind the page's back (as another user would), through the API. */
  async send(path: string, init: { method: string; body?: unknown }, as: Role = 'staff') {
    const s = await current()
    dirty = true
    const response = await s.api.fetch(
      new Request(new URL(path, 'http://localhost/'), {
        method: init.method,
        headers: { cookie: sessionCookieOf(s, as), 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    )
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown }
  },
  /** Send a multipart form behind the page's back (a photo upload as another user would), through the API. */
  async sendForm(path: string, form: FormData, as: Role = 'staff') {
    const s = await current()
    dirty = true
    const response = await s.api.fetch(new Request(new URL(path, 'http://localhost/'), { method: 'POST', headers: { cookie: sessionCookieOf(s, as) }, body: form }))
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown }
  },
}
