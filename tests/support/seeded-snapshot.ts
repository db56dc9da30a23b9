import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { MOCK_DEMO_PASSWORD } from '@/config/demo'
import { DEMO_ACCOUNTS } from '@/domain/access'
import { generateDataset } from '@/dataset/generate'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { createSession } from '../../server/auth/sessions'
import { openDatabase } from '../../server/db/client'
import type { Database } from '../../server/db/handle'
import { seedIfEmpty } from '../../server/db/write'
import { snapshotTables, type TableSnapshot } from './table-snapshot'

/**
 * One seeded database for every test file: migrated, seeded from the dataset module, the demo accounts
 * (password MOCK_DEMO_PASSWORD) with one open session each. Made once per change of what it is made
 * from (tests/global-setup.ts) and opened by each file in under two seconds, instead of the four to five
 * seconds it takes to migrate and seed a database anew.
 *
 * Beside it, the same seed with the demo accounts' password of the server tests (TEST_PASSWORD, no sessions):
 * what `seededMemoryDatabase()` opens a copy of; and the database as it was before the seed, migrated and empty:
 * what `freshMemoryDatabase()` opens a copy of. And on PostgreSQL (TEST_DATABASE_URL), one seeded database
 * per run that each file's database is created from (`create database … template`, tens of milliseconds
 * instead of seconds of inserts).
 */
type Manifest = { archive: string; serverArchive: string; migratedArchive: string; tokens: Record<string, string>; empty: TableSnapshot }

/** The demo accounts' password in the server tests (DEMO_PASSWORD there). */
export const TEST_PASSWORD = 'test-password-2024'

const ENV = 'NANAN_SEEDED_SNAPSHOT'
const POSTGRES_ENV = 'NANAN_SEEDED_POSTGRES'
/** What the seeded database is made from: a change to any of these files makes a new one. */
const INPUTS = ['server/db', 'server/auth', 'src/dataset', 'src/domain', 'src/contract', 'src/config/demo.ts', 'tests/support/seeded-snapshot.ts']

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)))
}

function inputsHash(root: string): string {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap((input) => filesUnder(join(root, input)))) hash.update(file).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/** A new in-memory database, seeded, with the demo accounts (`password`); `empty` reads it before the seed. */
async function seeded(password: string, empty?: (database: Database) => Promise<void>): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' })
  await empty?.(database)
  await seedIfEmpty(database.db, () => generateDataset())
  await seedDemoAccounts(database.db, { password })
  return database
}

const archiveOf = async (database: Database) => new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer())
/** Written beside and renamed into place: a run reading it meanwhile (another worktree's) never sees half a file. */
function writeWhole(path: string, data: string | Uint8Array) {
  writeFileSync(`${path}.${process.pid}`, data)
  renameSync(`${path}.${process.pid}`, path)
}

/** Make the seeded database (or find the one made from the same inputs); its manifest's path goes to the env. */
export async function prepareSeededSnapshot(root: string): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', 'nanan-tests')
  const manifestPath = join(dir, `seeded-${inputsHash(root)}.json`)
  if (!existsSync(manifestPath)) {
    mkdirSync(dir, { recursive: true })
    let empty: TableSnapshot | undefined
    const migratedArchive = manifestPath.replace(/\.json$/, '-migrated.tar')
    const database = await seeded(MOCK_DEMO_PASSWORD, async (d) => {
      empty = await snapshotTables(d)
      writeWhole(migratedArchive, await archiveOf(d))
    })
    const tokens: Record<string, string> = {}
    for (const account of DEMO_ACCOUNTS) tokens[account.username] = await createSession(database.db, account.username, new Date())
    const archive = manifestPath.replace(/\.json$/, '.tar')
    writeWhole(archive, await archiveOf(database))
    await database.close()
    const server = await seeded(TEST_PASSWORD)
    const serverArchive = manifestPath.replace(/\.json$/, '-server.tar')
    writeWhole(serverArchive, await archiveOf(server))
    await server.close()
    writeWhole(manifestPath, JSON.stringify({ archive, serverArchive, migratedArchive, tokens, empty: empty! } satisfies Manifest))
  }
  process.env[ENV] = manifestPath
  return manifestPath
}

/**
 * On the PostgreSQL cluster of TEST_DATABASE_URL (when set): a database seeded as `prepareSeededSnapshot`'s
 * (demo accounts with MOCK_DEMO_PASSWORD, no sessions), made once per run and inputs, kept as a template.
 */
export async function prepareSeededPostgres(root: string): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return null
  const name = `nanan_seeded_${inputsHash(root)}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) {
      // Made under a name of its own, then renamed: a run that stops half-way leaves no half-seeded template.
      const making = `${name}_${process.pid}`
      await client.query(`drop database if exists ${making}`)
      await client.query(`create database ${making}`)
      const own = new URL(url)
      own.pathname = `/${making}`
      const database = await openDatabase({ databaseUrl: own.toString() })
      await seedIfEmpty(database.db, () => generateDataset())
      await seedDemoAccounts(database.db, { password: MOCK_DEMO_PASSWORD })
      await database.close()
      await client.query(`alter database ${making} rename to ${name}`)
    }
  } finally {
    await client.end()
  }
  process.env[POSTGRES_ENV] = name
  return name
}

/** The seeded PostgreSQL database of this run to copy (`create database … template`), or null when none was prepared. */
export const seededPostgresTemplate = (): string | null => process.env[POSTGRES_ENV] ?? null

const manifest = (): Manifest | null => {
  const manifestPath = process.env[ENV]
  return manifestPath && existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : null
}

/** A copy of the seeded database, with its sessions and the empty state; null when no snapshot was prepared. */
export async function openSeededCopy(): Promise<{ database: Database; tokens: Map<string, string>; empty: TableSnapshot } | null> {
  const found = manifest()
  if (!found) return null
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(found.archive)]) })
  return { database, tokens: new Map(Object.entries(found.tokens)), empty: found.empty }
}

/** A copy of the seeded database with the server tests' password (TEST_PASSWORD) and no sessions; null when none was prepared. */
export async function openServerSeededCopy(): Promise<Database | null> {
  const found = manifest()
  if (!found || !existsSync(found.serverArchive)) return null
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(found.serverArchive)]) })
}

/**
 * A new in-memory database, migrated and empty (no projects, no accounts), for a test that seeds its own records:
 * a copy of the run's migrated snapshot when there is one. Making it anew cost about 3 s of CPU (PGlite's initdb,
 * then every migration); a copy about 0.6 s (decision 85, part five).
 */
export async function freshMemoryDatabase(): Promise<Database> {
  const found = manifest()
  if (found && existsSync(found.migratedArchive)) return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(found.migratedArchive)]) })
  return openDatabase({ dataDir: 'memory://' })
}

/**
 * A server's data directory (DATA_DIR) holding a copy of the server tests' seeded database, as the server's
 * first start would leave it; false when no snapshot was prepared (the server then seeds it on first start).
 */
export async function writeServerSeededDataDir(dataDir: string): Promise<boolean> {
  const found = manifest()
  if (!found || !existsSync(found.serverArchive)) return false
  const client = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(found.serverArchive)]) })
  await client.close()
  return true
}
