import { eq, sql } from 'drizzle-orm'
import type { Db } from './handle'
import { meta } from './schema'

/**
 * The deployment's plan year is data: written when the database is seeded (the demo dataset's year, or
 * for an empty deployment the current year) and when the first ledger is imported into an empty
 * deployment (the year its plan is for). Every read and write of the plan year's figures uses it.
 */
export const PLAN_YEAR_KEY = 'plan_year'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * The plan year inside a query: one sub-select the database evaluates once per statement, so a read
 * needs no extra round trip and still uses the (year, month, …) indexes.
 */
export const PLAN_YEAR_SQL = sql`(select value::smallint from meta where key = ${PLAN_YEAR_KEY})`

export async function planYearOf(db: Pick<Db, 'select'>): Promise<number> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, PLAN_YEAR_KEY))
  if (!row) throw new Error('the database has no plan year: it was not seeded (server/db/write.ts: seedIfEmpty)')
  return Number(row.value)
}

export async function storePlanYear(tx: Tx | Db, year: number) {
  await tx
    .insert(meta)
    .values({ key: PLAN_YEAR_KEY, value: String(year) })
    .onConflictDoUpdate({ target: meta.key, set: { value: String(year), updatedAt: sql`now()` } })
}

/** A database seeded before the plan year was data: its year is the year of its monthly plans. */
export async function ensurePlanYear(tx: Tx | Db, fallback: number) {
  await tx.execute(sql`
    insert into meta (key, value)
    select ${PLAN_YEAR_KEY}, coalesce(max(year), ${fallback})::text from monthly_plans
    on conflict (key) do nothing`)
}
