import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { SQL } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

export type Database = {
  db: Db
  kind: 'embedded' | 'postgres'
  /** Run a raw query and return its rows (both drivers answer `{ rows }`). */
  rows: <T>(query: SQL) => Promise<T[]>
  ping: () => Promise<boolean>
  close: () => Promise<void>
}

/** Migrations live beside the schema; the bundled server (dist-server/) finds them from the repo root. */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, 'migrations'), join(here, '..', 'server', 'db', 'migrations'), resolve('server/db/migrations')]
  return candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json'))) ?? candidates[0]!
}

/**
 * Open the database: PostgreSQL when `databaseUrl` is set, else the embedded PGlite in `dataDir`
 * (`memory://` keeps it in memory, for tests). Migrations run on every open; they are idempotent.
 */
export async function openDatabase(options: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    const db = drizzlePg(pool, { schema }) as unknown as Db
    await migratePg(drizzlePg(pool), { migrationsFolder: migrationsFolder() })
    return {
      db,
      kind: 'postgres',
      rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
      ping: async () => {
        try {
          await pool.query('select 1')
          return true
        } catch {
          return false
        }
      },
      close: () => pool.end(),
    }
  }
  const dataDir = options.dataDir ?? 'memory://'
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create(dataDir.startsWith('memory://') ? undefined : dataDir)
  const db = drizzlePglite(client, { schema }) as unknown as Db
  await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder() })
  return {
    db,
    kind: 'embedded',
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    ping: async () => {
      try {
        await client.query('select 1')
        return true
      } catch {
        return false
      }
    },
    close: () => client.close(),
  }
}
