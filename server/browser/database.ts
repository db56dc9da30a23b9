import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { wrap, type Database, type Db } from '../db/handle'
import journal from '../db/migrations/meta/_journal.json'
import * as schema from '../db/schema'

/** The migrations' SQL, bundled into the demo (the browser has no migrations folder to read). */
const files = import.meta.glob<string>('../db/migrations/*.sql', { query: '?raw', import: 'default', eager: true })

/** The same migrations the server runs, in the form drizzle's migrator reads them from the folder. */
function migrations() {
  return journal.entries.map((entry) => {
    const text = files[`../db/migrations/${entry.tag}.sql`]
    if (text === undefined) throw new Error(`migration ${entry.tag} is missing from the demo bundle`)
    return { sql: text.split('--> statement-breakpoint'), bps: entry.breakpoints, folderMillis: entry.when, hash: entry.tag }
  })
}

/** The seeded demo database, made before the build by scripts/demo-database.ts. */
const SEEDED = new URL('./demo-database.tar.gz', import.meta.url)

/**
 * The backend-free demo's database: PGlite in the page's memory, opened from the seeded copy made at build
 * time, and migrated as the server migrates it (server/db/client.ts does the same from the migrations
 * folder; on the copy there is nothing left to do). A reload starts a fresh demo.
 */
export async function openBrowserDatabase(): Promise<Database> {
  const seeded = await fetch(SEEDED).then((response) => (response.ok ? response.blob() : undefined))
  const client = await PGlite.create(seeded ? { loadDataDir: seeded } : {})
  const db = drizzle(client, { schema })
  // drizzle's own migrator, given the migrations instead of a folder to read.
  const internals = db as unknown as { dialect: { migrate: (m: unknown, s: unknown, c: object) => Promise<void> }; session: unknown }
  await internals.dialect.migrate(migrations(), internals.session, {})
  return wrap('embedded', db as unknown as Db, (text) => client.query(text), () => client.close())
}
