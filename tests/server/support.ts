import { expect } from 'vitest'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pino from 'pino'
import { generateDataset } from '@/dataset/generate'
import { ApiErrorSchema } from '@/contract'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'

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

/** A fresh in-memory database, seeded from the dataset module the way the server seeds itself. */
export async function seededMemoryDatabase(): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' })
  await seedIfEmpty(database.db, () => generateDataset())
  return database
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
