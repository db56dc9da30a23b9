import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { ProjectRecord } from '@/contract'
import type { Report, ReportQueue } from '@/contract/reports'
import { DEFAULT_REPORT_DEADLINE_DAY } from '@/domain/calendar'
import { buildReportQueue, parseReportMonth, reportMonthOf } from '@/domain/monthly-report'
import type { Db } from './handle'
import { projectRecordsWhere } from './queries'
import { PLAN_YEAR_SQL } from './plan-year'
import { monthlyReports, projectMonthStatus, projectYears, projects } from './schema'
import { fillReportOutlook, statusRows } from './write'
import { isMonthPublished } from './months'
import { photosOfMonth, photosOfProjectYear, photosOfReport } from './photos'
import type { ReportPhoto } from '@/contract/photos'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
type Executor = Pick<Db, 'select'>

type ReportRow = typeof monthlyReports.$inferSelect

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A report from its row, with its photos (none when the caller has no need of them: an import's checks). */
export function reportOfRow(row: ReportRow, simulated: boolean, photos: ReportPhoto[] = []): Report {
  return {
    projectId: row.projectId,
    month: reportMonthOf(row.year, row.month),
    status: row.status as Report['status'],
    version: row.version,
    actualWan: row.actualWan,
    progressPercent: row.progressPercent,
    progressText: row.progressText ?? '',
    milestonesReached: row.milestonesReached,
    problems: row.problemsText,
    coordination: row.coordinationText,
    nextMonthPlan: row.nextMonthPlan,
    progressDropReason: row.progressDropReason,
    overrunConfirmed: row.overrunConfirmed,
    returnComment: row.returnComment,
    forecastYearWan: row.forecastYearWan,
    forecastCompletionDate: row.forecastCompletionDate,
    confidence: row.confidence as Report['confidence'],
    confidenceReason: row.confidenceReason,
    commissionConfidence: row.commissionConfidence as Report['commissionConfidence'],
    commissionConfidenceReason: row.commissionConfidenceReason,
    flags: row.flags,
    updatedAt: iso(row.updatedAt),
    updatedBy: row.updatedBy,
    submittedAt: iso(row.submittedAt),
    submittedBy: row.submittedBy,
    reviewedAt: iso(row.reviewedAt),
    reviewedBy: row.reviewedBy,
    // Rows written before any report was filled in are the demo dataset's months.
    simulated: simulated && row.updatedBy === null,
    photos,
  }
}

/** Every report of a project in the plan year, by month, each with its photos. */
export async function reportsOfProject(db: Executor, projectId: string, simulated: boolean): Promise<Report[]> {
  const rows = await db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.projectId, projectId), sql`${monthlyReports.year} = ${PLAN_YEAR_SQL}`))
    .orderBy(asc(monthlyReports.month))
  if (rows.length === 0) return []
  const photos = await photosOfProjectYear(db, projectId, rows[0]!.year)
  return rows.map((r) => reportOfRow(r, simulated, photos.get(reportMonthOf(r.year, r.month)) ?? []))
}

/** One report, or null when none was started. */
export async function reportOf(db: Executor, projectId: string, month: string, simulated: boolean): Promise<Report | null> {
  const { year, month: m } = parseReportMonth(month)
  const [row] = await db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.projectId, projectId), eq(monthlyReports.year, year), eq(monthlyReports.month, m)))
  return row ? reportOfRow(row, simulated, await photosOfReport(db, projectId, year, m)) : null
}

/** Every report of one month, by project. */
export async function reportsOfMonth(db: Executor, month: string): Promise<Map<string, ReportRow>> {
  const { year, month: m } = parseReportMonth(month)
  const rows = await db.select().from(monthlyReports).where(and(eq(monthlyReports.year, year), eq(monthlyReports.month, m)))
  return new Map(rows.map((r) => [r.projectId, r]))
}

const at = (value: string | null) => (value ? new Date(value) : null)

/** Store the report as the domain made it (insert or replace the month's row). */
export async function storeReport(tx: Tx, report: Report) {
  const { year, month } = parseReportMonth(report.month)
  const values = {
    projectId: report.projectId,
    year,
    month,
    actualWan: report.actualWan,
    progressPercent: report.progressPercent,
    progressText: report.progressText,
    status: report.status,
    version: report.version,
    milestonesReached: report.milestonesReached,
    problemsText: report.problems,
    coordinationText: report.coordination,
    nextMonthPlan: report.nextMonthPlan,
    progressDropReason: report.progressDropReason,
    overrunConfirmed: report.overrunConfirmed,
    returnComment: report.returnComment,
    forecastYearWan: report.forecastYearWan,
    forecastCompletionDate: report.forecastCompletionDate,
    confidence: report.confidence,
    confidenceReason: report.confidenceReason,
    commissionConfidence: report.commissionConfidence,
    commissionConfidenceReason: report.commissionConfidenceReason,
    flags: report.flags,
    updatedAt: at(report.updatedAt),
    updatedBy: report.updatedBy,
    submittedAt: at(report.submittedAt),
    submittedBy: report.submittedBy,
    reviewedAt: at(report.reviewedAt),
    reviewedBy: report.reviewedBy,
  }
  const { projectId: _p, year: _y, month: _m, ...update } = values
  await tx
    .insert(monthlyReports)
    .values(values)
    .onConflictDoUpdate({ target: [monthlyReports.projectId, monthlyReports.year, monthlyReports.month], set: update })
}

/**
 * After an approval or an edit: judge the project again from its approved figures (the domain's rule),
 * replace its twelve rows of the read model and move its zone's monthly totals by what those rows changed
 * — all in the write's transaction, so a reader sees the old figures or the new ones, never half of each
 * (the write bumps the data version: server/db/versioned-write.ts). Touches one project's rows and the
 * totals rows they change, not whole tables.
 */
export async function refreshProjectReadModel(tx: Tx, projectId: string, planYear: number) {
  const [record] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId), planYear)
  if (!record) return
  const [{ nameRank } = { nameRank: 0 }] = await tx.select({ nameRank: projects.nameRank }).from(projects).where(eq(projects.id, projectId))
  const before = await tx
    .delete(projectMonthStatus)
    .where(and(eq(projectMonthStatus.projectId, projectId), eq(projectMonthStatus.year, planYear)))
    .returning({ zoneId: projectMonthStatus.zoneId, month: projectMonthStatus.month, planWan: projectMonthStatus.planWan, actualWan: projectMonthStatus.actualWan })
  const after = statusRows(record, planYear, nameRank)
  await tx.insert(projectMonthStatus).values(after)
  await fillReportOutlook(tx, planYear, [projectId])
  await moveMonthlyTotals(tx, before, after, planYear)
}

type TotalsRow = { zoneId: string; month: number; planWan: number; actualWan: number | null }

/**
 * monthly_totals holds, per zone and month, the sums of project_month_status. When one project's rows
 * are replaced within its zone, add the difference to the months it changed (an October approval: one
 * row) instead of summing the zone again (~13,000 rows at 10,000 projects: ≈ 15 ms of the ≈ 33 ms an
 * approval's read model took, docs/decisions.md). The upsert adds under the row's lock, so concurrent
 * approvals in one zone on PostgreSQL each add their own difference. A project that changed zone, or
 * had no rows, has its zones summed again (a zone left empty then loses its rows, as a full refresh would).
 */
async function moveMonthlyTotals(tx: Tx, before: readonly TotalsRow[], after: readonly TotalsRow[], planYear: number) {
  const zones = new Set([...before, ...after].map((r) => r.zoneId))
  if (zones.size !== 1 || before.length !== after.length) {
    for (const zoneId of [...zones].sort()) await sumZoneTotals(tx, zoneId, planYear)
    return
  }
  const byMonth = new Map<number, TotalsDelta>()
  const add = (row: TotalsRow, sign: 1 | -1) => {
    const sums = byMonth.get(row.month) ?? { zoneId: row.zoneId, month: row.month, planWan: 0, actualWan: 0 }
    sums.planWan += sign * row.planWan
    sums.actualWan += sign * (row.actualWan ?? 0)
    byMonth.set(row.month, sums)
  }
  for (const row of before) add(row, -1)
  for (const row of after) add(row, 1)
  // In month order: two transactions lock the rows they share in the same order.
  await addToTotals(tx, [...byMonth.values()].filter((d) => d.planWan !== 0 || d.actualWan !== 0).sort((a, b) => a.month - b.month), planYear)
}

type TotalsDelta = { zoneId: string; month: number; planWan: number; actualWan: number }

/** Adds each delta to its (year, month, zone) total; the caller orders them so concurrent writers lock alike. */
async function addToTotals(tx: Tx, deltas: readonly TotalsDelta[], planYear: number) {
  if (deltas.length === 0) return
  await tx.execute(sql`
    insert into monthly_totals (year, month, zone_id, plan_wan, actual_wan)
    values ${sql.join(
      deltas.map((d) => sql`(${planYear}, ${d.month}, ${d.zoneId}, ${d.planWan}, ${d.actualWan})`),
      sql`, `,
    )}
    on conflict (year, month, zone_id) do update
      set plan_wan = monthly_totals.plan_wan + excluded.plan_wan, actual_wan = monthly_totals.actual_wan + excluded.actual_wan`)
}

/**
 * New projects add their monthly plans and approved figures to their zones' monthly totals (the same
 * delta upsert as an approval), instead of summing each zone again: an import of 20,000 projects
 * otherwise re-reads every judged row of the zones it touches.
 */
export async function addToMonthlyTotals(tx: Tx, records: readonly ProjectRecord[], planYear: number) {
  const sums = new Map<string, TotalsDelta>()
  for (const record of records) {
    if (record.retired) continue
    for (let i = 0; i < 12; i++) {
      const key = `${record.zoneId}|${String(i + 1).padStart(2, '0')}`
      const sum = sums.get(key) ?? { zoneId: record.zoneId, month: i + 1, planWan: 0, actualWan: 0 }
      sum.planWan += record.monthlyPlanWan[i] ?? 0
      sum.actualWan += record.monthlyActualWan[i] ?? 0
      sums.set(key, sum)
    }
  }
  // In (zone, month) order: two transactions lock the rows they share in the same order.
  await addToTotals(tx, [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, sum]) => sum), planYear)
}

/** A zone's monthly totals summed again from the read model. */
async function sumZoneTotals(tx: Tx, zoneId: string, planYear: number) {
  // One re-sum of a zone at a time (two concurrent ones would each miss the other's rows, or collide on
  // the key on PostgreSQL); the lock is the transaction's, so the second one reads after the first commits.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`monthly_totals:${zoneId}`}))`)
  // Lock the zone's rows in month order first, the order the delta update takes them in: no deadlock.
  await tx.execute(sql`select month from monthly_totals where year = ${planYear} and zone_id = ${zoneId} order by month for update`)
  await tx.execute(sql`delete from monthly_totals where year = ${planYear} and zone_id = ${zoneId}`)
  await tx.execute(sql`
    insert into monthly_totals (year, month, zone_id, plan_wan, actual_wan)
    select year, month, zone_id, coalesce(sum(plan_wan), 0), coalesce(sum(actual_wan), 0)
    from project_month_status where year = ${planYear} and zone_id = ${zoneId} group by year, month, zone_id`)
}

/** Lock a project's row for the rest of the transaction: every write to its reports goes one at a time. */
export async function lockProject(tx: Tx, projectId: string) {
  const rows = await tx
    .select({ id: projects.id, name: projects.name, ownerUnit: projects.ownerUnit, simulated: projects.simulated, retired: projects.retiredAt })
    .from(projects)
    .where(eq(projects.id, projectId))
    .for('update')
  return rows[0] ?? null
}

/** A retired project leaves the open year's read model: its judged rows go and its zone's monthly totals lose them (closed years keep it as it was; the write bumps the data version). */
export async function removeFromReadModel(tx: Tx, projectId: string, planYear: number) {
  const before = await tx
    .delete(projectMonthStatus)
    .where(and(eq(projectMonthStatus.projectId, projectId), eq(projectMonthStatus.year, planYear)))
    .returning({ zoneId: projectMonthStatus.zoneId, month: projectMonthStatus.month, planWan: projectMonthStatus.planWan, actualWan: projectMonthStatus.actualWan })
  await moveMonthlyTotals(tx, before, [], planYear)
}

/**
 * A month's reporting state: the open year's projects that report it (not retired; an owner unit's own
 * when `ownUnit` is given), each with its report's state, counted by unit (GET /api/reports, GET /api/months/:month).
 */
export async function reportQueueOf(db: Pick<Db, 'select' | 'execute'>, planYear: number, year: number, month: number, ownUnit: string | null, now: Date): Promise<ReportQueue> {
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      ownerUnit: projects.ownerUnit,
      responsibleUnit: projects.responsibleUnit,
      actualCompletionDate: projects.actualCompletionDate,
      simulated: projects.simulated,
    })
    .from(projects)
    // The open year's list: a project only in a closed year's list owes no report now.
    .innerJoin(projectYears, and(eq(projectYears.projectId, projects.id), eq(projectYears.year, planYear)))
    .where(and(isNull(projects.retiredAt), ownUnit ? eq(projects.ownerUnit, ownUnit) : sql`true`))
    .orderBy(asc(projects.id))
  const reports = await reportsOfMonth(db, reportMonthOf(year, month))
  const photos = await photosOfMonth(db, year, month)
  const simulated = new Map(rows.map((r) => [r.id, r.simulated]))
  return buildReportQueue(
    rows,
    (id) => {
      const row = reports.get(id)
      return row ? reportOfRow(row, simulated.get(id) ?? false, photos.get(id) ?? []) : null
    },
    year,
    month,
    now,
    DEFAULT_REPORT_DEADLINE_DAY,
    await isMonthPublished(db, year, month),
  )
}
