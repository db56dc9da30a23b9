import { sql } from 'drizzle-orm'
import type { Database } from '../../server/db/handle'

/** Every row of every table and where each sequence stood: a database's state, to go back to. */
export type TableSnapshot = { tables: { name: string; rows: string }[]; sequences: { name: string; value: string | null }[] }

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`)

/**
 * Read the state of the public schema. Tests go back to it after a test that wrote (restoreTables):
 * one statement per table, a few milliseconds, against seconds to open and seed a database anew.
 */
export async function snapshotTables(database: Database): Promise<TableSnapshot> {
  const names = await database.rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)
  const tables = []
  for (const { name } of names) {
    const [row] = await database.rows<{ rows: string }>(sql`select coalesce(json_agg(t), '[]')::text as rows from ${ident(name)} t`)
    tables.push({ name, rows: row!.rows })
  }
  const sequences = await database.rows<{ name: string; value: string | null }>(
    sql`select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public'`,
  )
  return { tables, sequences }
}

export async function restoreTables(database: Database, snapshot: TableSnapshot) {
  await database.db.transaction(async (tx) => {
    // Rows go back in any order: the foreign keys held when they were read.
    await tx.execute(sql`set local session_replication_role = replica`)
    await tx.execute(sql`truncate ${sql.join(snapshot.tables.map((t) => ident(t.name)), sql`, `)} restart identity cascade`)
    for (const table of snapshot.tables) {
      if (table.rows === '[]') continue
      await tx.execute(sql`insert into ${ident(table.name)} select * from json_populate_recordset(null::${ident(table.name)}, ${table.rows}::json)`)
    }
    for (const sequence of snapshot.sequences) {
      if (sequence.value !== null) await tx.execute(sql`select setval(${sequence.name}, ${sequence.value}::bigint)`)
    }
  })
}
