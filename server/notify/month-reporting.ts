import { sql } from 'drizzle-orm'
import type { MonthCounts } from '@/contract/months'
import { reportMonthOf } from '@/domain/monthly-report'
import type { Db } from '../db/handle'

/**
 * A month's reporting in two SQL reads for 待办 and 催报 (docs/decisions/067): the projects due to report it
 * — the open year's list, not retired, not completed before the month began (`reportsInMonth`) — counted by
 * their report's state per owner unit, and one unit's reports still to do. The /reports page builds the
 * full queue (server/db/reports.ts) from the same rule; these read only what a 待办 needs, so its answer
 * does not grow with every project's row at city scale.
 */
type Executor = Pick<Db, 'execute'>
const rowsOf = async <T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows

const reportingIn = (year: number, month: number) => sql`
  from projects p
  join project_years y on y.project_id = p.id and y.year = ${year}
  left join monthly_reports r on r.project_id = p.id and r.year = ${year} and r.month = ${month}
  where p.retired_at is null and (p.actual_completion_date is null or p.actual_completion_date >= ${`${reportMonthOf(year, month)}-01`}::date)`

export type UnitStates = { unit: string; counts: MonthCounts }

/** Per owner unit, its projects due to report the month by the state of their report (missing: none started). */
export async function unitStatesOf(db: Executor, year: number, month: number): Promise<UnitStates[]> {
  const rows = await rowsOf<{ unit: string; state: keyof MonthCounts; n: number | string }>(
    db,
    sql`select p.owner_unit as unit, coalesce(r.status, 'missing') as state, count(*) as n ${reportingIn(year, month)} group by 1, 2 order by 1`,
  )
  const byUnit = new Map<string, MonthCounts>()
  for (const row of rows) {
    let counts = byUnit.get(row.unit)
    if (!counts) byUnit.set(row.unit, (counts = { expected: 0, approved: 0, submitted: 0, returned: 0, draft: 0, missing: 0 }))
    counts[row.state] += Number(row.n)
    counts.expected += Number(row.n)
  }
  return [...byUnit].map(([unit, counts]) => ({ unit, counts }))
}

/** The district's counts of a month (GET /api/months/:month's `counts`), from the units' states. */
export function districtCounts(units: readonly UnitStates[]): MonthCounts {
  const total: MonthCounts = { expected: 0, approved: 0, submitted: 0, returned: 0, draft: 0, missing: 0 }
  for (const { counts } of units) for (const key of Object.keys(total) as (keyof MonthCounts)[]) total[key] += counts[key]
  return total
}

/** Reports not yet submitted: not started, drafts and returned ones. */
export const notSubmitted = (counts: MonthCounts) => counts.missing + counts.draft + counts.returned

/** The units with reports of the month not submitted, and how many each (催报's addressees). */
export async function unitsNotSubmittedIn(db: Executor, year: number, month: number): Promise<{ unit: string; projects: number }[]> {
  return (await unitStatesOf(db, year, month)).filter((u) => notSubmitted(u.counts) > 0).map((u) => ({ unit: u.unit, projects: notSubmitted(u.counts) }))
}

/** One unit's reports of the month still to do, with a returned one's reason. */
export async function unitReportsToDo(db: Executor, year: number, month: number, unit: string) {
  return rowsOf<{ project_id: string; name: string; state: 'missing' | 'draft' | 'returned'; return_comment: string | null }>(
    db,
    sql`select p.id as project_id, p.name, coalesce(r.status, 'missing') as state, r.return_comment
        ${reportingIn(year, month)} and p.owner_unit = ${unit} and (r.status is null or r.status in ('draft', 'returned'))
        order by p.id`,
  )
}
