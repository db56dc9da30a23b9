import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { wrap, type Database, type Db } from './handle'
import pg from 'pg'
import * as schema from './schema'

export type { Database, Db } from './handle'

/** Migrations live beside the schema; the bundled server (dist-server/) finds them from the repo root. */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [
    join(here, 'migrations'),
    join(here, '..', 'server', 'db', 'migrations'),
    resolve('server/db/migrations'),
  ]
  return candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json'))) ?? candidates[0]!
}

/**
 * Open the database: PostgreSQL when `databaseUrl` is set, else the embedded PGlite in `dataDir`
 * (`memory://` keeps it in memory, for tests). Migrations run on every open; they are idempotent.
 */
export async function openDatabase(options: { dataDir?: string; databaseUrl?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    await migratePg(drizzlePg(pool), { migrationsFolder: migrationsFolder() })
    return wrap(
      'postgres',
      drizzlePg(pool, { schema }) as unknown as Db,
      (text) => pool.query(text),
      () => pool.end(),
    )
  }
  const dataDir = options.dataDir ?? 'memory://'
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  // loadDataDir: a copy of a database made earlier (tests start from one seeded snapshot: tests/global-setup.ts).
  const client = await PGlite.create({ ...(dataDir.startsWith('memory://') ? {} : { dataDir }), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) })
  await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder() })
  return {
    ...wrap(
      'embedded',
      drizzlePglite(client, { schema }) as unknown as Db,
      (text) => client.query(text),
      () => client.close(),
    ),
    dumpDataDir: (compression: 'none' | 'gzip' = 'none') => client.dumpDataDir(compression),
  }
}
