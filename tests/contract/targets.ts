import { setupServer } from 'msw/node'
import pino from 'pino'
import pg from 'pg'
import { generateDataset } from '@/dataset/generate'
import { handlers } from '@mocks/handlers'
import { createApp } from '../../server/app'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'

/** One implementation of the API under test: answers a request like a client would see it. */
export type Target = {
  name: string
  request: (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown; headers: Headers }>
  close: () => Promise<void>
}

const toResult = async (response: Response) => ({
  status: response.status,
  body: response.headers.get('content-type')?.includes('json') ? ((await response.json()) as unknown) : await response.text(),
  headers: response.headers,
})

/** The MSW handlers (the demo's and the web tests' API), through real fetch calls. */
export function mockTarget(): Target {
  const server = setupServer(...handlers)
  server.listen({ onUnhandledRequest: 'error' })
  return {
    name: 'mock',
    request: async (path, init) => toResult(await fetch(new URL(path, 'http://localhost/'), init)),
    close: async () => server.close(),
  }
}

export const silentLogger = () => pino({ level: 'silent' })

/** The real server in-process on a database seeded from the same dataset module. */
export async function serverTarget(name: string, database: Database, options: { staticDir?: string } = {}): Promise<Target & { database: Database }> {
  await seedIfEmpty(database.db, () => generateDataset())
  const app = createApp({ database, logger: silentLogger(), staticDir: options.staticDir })
  return {
    name,
    database,
    request: async (path, init) => toResult(await app.request(path, init)),
    close: () => database.close(),
  }
}

export const embeddedDatabase = () => openDatabase({ dataDir: 'memory://' })

/**
 * A PostgreSQL database for the suite, from TEST_DATABASE_URL (CI starts a cluster and sets it).
 * The schema is dropped first so every run starts empty.
 */
export async function postgresDatabase(): Promise<Database | null> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return null
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;')
  await client.end()
  return openDatabase({ databaseUrl: url })
}
