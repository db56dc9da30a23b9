import { sql } from 'drizzle-orm'
import type { MonthCounts } from '@/contract/months'
import type { ReportQueue } from '@/contract/reports'
import { publishedMonthProblem } from '@/domain/calendar'
import { reportMonthOf } from '@/domain/monthly-report'
import type { Db } from './handle'
import { refuse, type Tx } from './versioned-write'

/**
 * Publication (发布) of a month, in the database. A report write holds its month open for the length of its
 * transaction (a shared advisory lock); publishing or withdrawing takes the same lock exclusively. So a
 * report write either commits before the month is published, or sees the publication and is refused:
 * no report changes in a month once it is published.
 */
const monthLockKey = (year: number, month: number) => `month:${reportMonthOf(year, month)}`

/** Inside a report write: wait for any publication of the month in progress, then refuse (409) if the month is published. */
export async function holdMonthOpen(tx: Tx, year: number, month: number, current?: unknown) {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext(${monthLockKey(year, month)}))`)
  if (await isMonthPublished(tx, year, month)) refuse({ status: 409, code: 'month_published', message: publishedMonthProblem(year, month) }, { current })
}

/** Inside a publication or its withdrawal: no report write of the month runs alongside. */
export async function lockMonth(tx: Tx, year: number, month: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${monthLockKey(year, month)}))`)
}

export async function isMonthPublished(db: Pick<Db, 'execute'>, year: number, month: number): Promise<boolean> {
  const result = (await db.execute(sql`select 1 from month_publications where year = ${year} and month = ${month}`)) as unknown as { rows: unknown[] }
  return result.rows.length > 0
}

/** A month's counts from its reporting state (the queue of GET /api/reports). */
export function countsOfQueue(queue: ReportQueue): MonthCounts {
  const counts: MonthCounts = { expected: queue.items.length, approved: 0, submitted: 0, returned: 0, draft: 0, missing: 0 }
  for (const item of queue.items) counts[item.state]++
  return counts
}
