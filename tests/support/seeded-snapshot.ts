import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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
 * from (tests/global-setup.ts) and opened by each file in under a second, instead of the five seconds it
 * takes to migrate and seed a database anew.
 */
type Manifest = { archive: string; tokens: Record<string, string>; empty: TableSnapshot }

const ENV = 'NANAN_SEEDED_SNAPSHOT'
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

/** Make the seeded database (or find the one made from the same inputs); its manifest's path goes to the env. */
export async function prepareSeededSnapshot(root: string): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', 'nanan-tests')
  const manifestPath = join(dir, `seeded-${inputsHash(root)}.json`)
  if (!existsSync(manifestPath)) {
    mkdirSync(dir, { recursive: true })
    const database = await openDatabase({ dataDir: 'memory://' })
    const empty = await snapshotTables(database)
    await seedIfEmpty(database.db, () => generateDataset())
    await seedDemoAccounts(database.db, { password: MOCK_DEMO_PASSWORD })
    const tokens: Record<string, string> = {}
    for (const account of DEMO_ACCOUNTS) tokens[account.username] = await createSession(database.db, account.username, new Date())
    const archive = manifestPath.replace(/\.json$/, '.tar')
    writeFileSync(archive, new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer()))
    await database.close()
    writeFileSync(manifestPath, JSON.stringify({ archive, tokens, empty } satisfies Manifest))
  }
  process.env[ENV] = manifestPath
  return manifestPath
}

/** A copy of the seeded database, with its sessions and the empty state; null when no snapshot was prepared. */
export async function openSeededCopy(): Promise<{ database: Database; tokens: Map<string, string>; empty: TableSnapshot } | null> {
  const manifestPath = process.env[ENV]
  if (!manifestPath || !existsSync(manifestPath)) return null
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(manifest.archive)]) })
  return { database, tokens: new Map(Object.entries(manifest.tokens)), empty: manifest.empty }
}
