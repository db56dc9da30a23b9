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
  /**
   * Run several reads on one snapshot (a read-only REPEATABLE READ transaction): an answer made of many
   * queries never mixes data from before and after a write. Its queries run one after another.
   */
  snapshot: <T>(read: (database: Database) => Promise<T>) => Promise<T>
}

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

/** The same handle over either driver: `query` is the driver's own plain query, `close` its shutdown. */
function wrap(
  kind: Database['kind'],
  db: Db,
  query: (text: string) => Promise<unknown>,
  close: () => Promise<void>,
): Database {
  const self: Database = {
    db,
    kind,
    rows: async <T>(statement: SQL) => ((await db.execute(statement)) as unknown as { rows: T[] }).rows,
    ping: () =>
      query('select 1').then(
        () => true,
        () => false,
      ),
    close,
    snapshot: (read) =>
      db.transaction(
        async (tx) => {
          // One connection: queue the queries instead of sending them at once.
          let queue: Promise<unknown> = Promise.resolve()
          const rows = <T>(statement: SQL): Promise<T[]> => {
            const next = queue.then(async () => ((await tx.execute(statement)) as unknown as { rows: T[] }).rows)
            queue = next.catch(() => undefined)
            return next
          }
          return read({ ...self, db: tx as unknown as Db, rows, snapshot: (inner) => inner({ ...self, db: tx as unknown as Db, rows }) })
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
  }
  return self
}

/**
 * Open the database: PostgreSQL when `databaseUrl` is set, else the embedded PGlite in `dataDir`
 * (`memory://` keeps it in memory, for tests). Migrations run on every open; they are idempotent.
 */
export async function openDatabase(options: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
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
  const client = await PGlite.create(dataDir.startsWith('memory://') ? undefined : dataDir)
  await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder() })
  return wrap(
    'embedded',
    drizzlePglite(client, { schema }) as unknown as Db,
    (text) => client.query(text),
    () => client.close(),
  )
}
