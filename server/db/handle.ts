import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema'

/*
 * The database handle every route and query uses, whatever the driver. Free of Node's modules: the
 * backend-free demo opens PGlite in the browser and wraps it the same way (server/browser/database.ts).
 */

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
  /** The embedded database's files as one archive (PGlite only), to open copies of it later. */
  dumpDataDir?: (compression?: 'none' | 'gzip') => Promise<Blob>
}

/** The same handle over either driver: `query` is the driver's own plain query, `close` its shutdown. */
export function wrap(
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
          return read({
            ...self,
            db: tx as unknown as Db,
            rows,
            snapshot: (inner) => inner({ ...self, db: tx as unknown as Db, rows }),
          })
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
  }
  return self
}
