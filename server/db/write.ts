import { eq, inArray, sql } from 'drizzle-orm'
import { REPORT_PLAN_YEAR, type ProjectRecord } from '@/contract'
import { progressAt } from '@/domain/aggregate'
import { RULES_VERSION, classifyProject, cumulativeTo, monthOf } from '@/domain/rules'
import { rankNames, searchTextOf } from '@/domain/answers'
import { catchUpFiguresOf, monthsDelivered, planWindow } from '@/domain/forecast'
import { DEFAULT_BULLETIN_SETTINGS, type BulletinSettings } from '@/domain/bulletin'
import { simulatedForecast } from '@/dataset/forecasts'
import { issueMissingBulletins } from './bulletins'
import { EFFECTIVE_CONFIDENCE_SQL, confidenceReports, ownerForecastReports } from './forecast-sql'
import type { Db } from './handle'
import { ensurePlanYear, storePlanYear } from './plan-year'
import { ensureProblemCategories } from './problem-categories'
import { ensureApprovalKinds } from './approvals'
import { meta, milestones, monthlyReports, problems, projectYears, projects } from './schema'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Insert in chunks that stay under PostgreSQL's 65,535 bind parameters per statement. */
async function insertChunked<T>(rows: readonly T[], chunkSize: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += chunkSize) await insert(rows.slice(i, i + chunkSize))
}

/** The judgement of one project at the end of each month, made by the domain rules. */
export function statusRows(record: ProjectRecord, planYear: number, nameRank = 0) {
  const searchText = searchTextOf(record)
  const window = planWindow(record.monthlyPlanWan)
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1
    const status = classifyProject(record, month, planYear)
    const progress = progressAt(record, month)
    const delivered = monthsDelivered(record.monthlyActualWan, month)
    const catchUp = catchUpFiguresOf({ ...delivered, annualPlanWan: record.annualPlanWan, cumulativeActualWan: status.cumulativeActualWan, lagClass: status.lagClass }, month)
    return {
      projectId: record.id,
      year: planYear,
      month,
      zoneId: record.zoneId,
      focusArea: record.focusArea,
      investmentType: record.investmentType,
      stage: record.stage,
      ownerUnit: record.ownerUnit,
      responsibleUnit: record.responsibleUnit,
      searchText,
      nameRank,
      totalInvestmentWan: record.totalInvestmentWan,
      annualPlanWan: record.annualPlanWan,
      planWan: record.monthlyPlanWan[i] ?? 0,
      actualWan: record.monthlyActualWan[i] ?? null,
      ...status,
      previousCumulativeActualWan: cumulativeTo(record.monthlyActualWan, month - 1),
      progressPercent: progress?.percent ?? null,
      progressText: progress?.text ?? null,
      startDue: record.stage === 'new-start' && monthOf(record.plannedStartDate, planYear) <= month,
      started: record.actualStartDate !== null && monthOf(record.actualStartDate, planYear) <= month,
      planFirstMonth: window.firstPlanMonth,
      planLastMonth: window.lastPlanMonth,
      reportedMonths: delivered.reportedMonths,
      bestMonthWan: delivered.bestMonthWan,
      averageMonthWan: delivered.averageMonthWan,
      catchUpNeededWan: catchUp?.neededPerMonthWan ?? null,
      catchUpRatio: catchUp?.ratioToBest ?? null,
    }
  })
}

/** Write whole project records (and their judgements) inside a transaction the caller holds. */
export async function insertProjects(tx: Tx, records: readonly ProjectRecord[], planYear: number, nameRanks?: ReadonlyMap<string, number>) {
  await insertChunked([...records], 1000, (chunk) =>
    tx.insert(projects).values(
      chunk.map((r) => ({
        id: r.id,
        name: r.name,
        nameRank: nameRanks?.get(r.id) ?? 0,
        searchText: searchTextOf(r),
        zoneId: r.zoneId,
        focusArea: r.focusArea,
        focusSubCategory: r.focusSubCategory,
        investmentType: r.investmentType,
        level: r.level,
        ownerUnit: r.ownerUnit,
        responsibleUnit: r.responsibleUnit,
        responsibleLeader: r.responsibleLeader,
        buildStartYear: r.buildStartYear,
        buildEndYear: r.buildEndYear,
        plannedStartDate: r.plannedStartDate,
        actualStartDate: r.actualStartDate,
        plannedCompletionDate: r.plannedCompletionDate,
        actualCompletionDate: r.actualCompletionDate,
        totalInvestmentWan: r.totalInvestmentWan,
        sourcedFields: r.sourcedFields,
        provenanceNote: r.provenanceNote,
        simulated: r.simulated,
        version: r.version,
        retiredAt: r.retired ? new Date(r.retired.at) : null,
        retiredReason: r.retired?.reason ?? null,
      })),
    ),
  )
  const milestoneRows = records.flatMap((r) => r.milestones.map((m, seq) => ({ projectId: r.id, seq, ...m })))
  await insertChunked(milestoneRows, 5000, (chunk) => tx.insert(milestones).values(chunk))
  const problemRows = records.flatMap((r) => r.problems.map((p, seq) => ({ projectId: r.id, seq, ...p })))
  await insertChunked(problemRows, 3000, (chunk) => tx.insert(problems).values(chunk))
  await insertPlanYear(tx, records, planYear, nameRanks)
}

/**
 * Put stored projects into a plan year's list: their fields of that year, monthly plans, reports and judged
 * rows (a new project, or one carried into the next year's list).
 */
export async function insertPlanYear(tx: Tx, records: readonly ProjectRecord[], planYear: number, nameRanks?: ReadonlyMap<string, number>) {
  await insertChunked([...records], 5000, (chunk) =>
    tx.insert(projectYears).values(
      chunk.map((r) => ({
        projectId: r.id,
        year: planYear,
        stage: r.stage,
        completedBeforeYearWan: r.completedBeforeYearWan,
        annualPlanWan: r.annualPlanWan,
        baselineProgress: r.baselineProgress,
        planAdjustment: r.planAdjustment,
      })),
    ),
  )
  const plans = records.flatMap((r) => r.monthlyPlanWan.map((planWan, i) => ({ projectId: r.id, year: planYear, month: i + 1, planWan })))
  await insertChunked(plans, 50_000, (chunk) =>
    insertByColumns(tx, 'monthly_plans', [['projectId', 'project_id', 'text'], ['year', 'year', 'smallint'], ['month', 'month', 'smallint'], ['planWan', 'plan_wan', 'integer']] as const, chunk),
  )

  const reports = records.flatMap((r) =>
    r.monthlyActualWan.flatMap((actualWan, i) => {
      if (actualWan === null) return []
      const entry = r.progressHistory.find((h) => h.month === i + 1)
      return [
        {
          projectId: r.id,
          year: planYear,
          month: i + 1,
          actualWan,
          progressPercent: entry?.percent ?? null,
          progressText: entry?.text ?? null,
          // A simulated report of 6月 on carries a simulated forecast (src/dataset/forecasts.ts; decision 74).
          ...simulatedForecast(r, i + 1, planYear),
        },
      ]
    }),
  )
  await insertChunked(reports, 5000, (chunk) => tx.insert(monthlyReports).values(chunk))
  await insertChunkedStatus(tx, records, planYear, nameRanks)
}

/** Judge the records and write their rows of the read model. */
export async function insertChunkedStatus(tx: Tx, records: readonly ProjectRecord[], planYear: number, nameRanks?: ReadonlyMap<string, number>) {
  // A retired project is in no figure: it has no judged rows.
  const rows = records.filter((r) => !r.retired).flatMap((r) => statusRows(r, planYear, nameRanks?.get(r.id) ?? 0))
  await insertChunked(rows, 20_000, (chunk) => insertStatusRows(tx, chunk))
  await fillReportOutlook(tx, planYear, records.map((r) => r.id))
}

/**
 * What the read model keeps of the projects' latest approved reports, for each judged month of a year: the owner's
 * forecast (owner_forecast_wan) and the 完成信心 (confidence, confidence_by, confidence_month). Called after their rows
 * are written or their reports change, in the same transaction (a row whose reports no longer give one becomes null).
 */
export async function fillReportOutlook(tx: Pick<Tx, 'execute'>, planYear: number, projectIds: readonly string[]) {
  // A seed's or an import's tables have no planner statistics yet: without them this join was planned as a scan of
  // every report per row (about 3 minutes at 10,000 projects; 2.2 s with statistics). Only rows whose values move
  // are written.
  if (projectIds.length > 1000) await tx.execute(sql`analyze monthly_reports, project_month_status`)
  await insertChunked(projectIds, 50_000, (ids) =>
    tx.execute(sql`
      with given as (select unnest(${pgArray(ids)}::text[]) as project_id),
      latest as (
        select s.project_id, s.month,
          (array_agg(r.forecast_year_wan order by r.month desc) filter (where ${ownerForecastReports(sql`s.project_id`, sql`s.year`, sql`s.month`)}))[1] as wan,
          (array_agg(${EFFECTIVE_CONFIDENCE_SQL} order by r.month desc) filter (where ${confidenceReports(sql`s.project_id`, sql`s.year`, sql`s.month`)}))[1] as confidence,
          (array_agg(case when r.commission_confidence is not null then 'commission' else 'owner' end order by r.month desc)
            filter (where ${confidenceReports(sql`s.project_id`, sql`s.year`, sql`s.month`)}))[1] as confidence_by,
          max(r.month) filter (where ${confidenceReports(sql`s.project_id`, sql`s.year`, sql`s.month`)}) as confidence_month
        from project_month_status s join given g on g.project_id = s.project_id
          left join monthly_reports r on r.project_id = s.project_id and r.year = s.year and r.month <= s.month and r.status = 'approved'
        where s.year = ${planYear}
        group by s.project_id, s.month)
      update project_month_status s
      set owner_forecast_wan = latest.wan, confidence = latest.confidence, confidence_by = latest.confidence_by, confidence_month = latest.confidence_month
      from latest
      where s.year = ${planYear} and s.project_id = latest.project_id and s.month = latest.month
        and (s.owner_forecast_wan, s.confidence, s.confidence_by, s.confidence_month)
          is distinct from (latest.wan, latest.confidence, latest.confidence_by, latest.confidence_month)`),
  )
}

type StatusRow = ReturnType<typeof statusRows>[number]

/** Each column of the read model with its SQL type, in the table's order. */
const STATUS_COLUMNS: readonly [keyof StatusRow & string, string, string][] = [
  ['projectId', 'project_id', 'text'],
  ['year', 'year', 'smallint'],
  ['month', 'month', 'smallint'],
  ['zoneId', 'zone_id', 'text'],
  ['focusArea', 'focus_area', 'text'],
  ['investmentType', 'investment_type', 'text'],
  ['stage', 'stage', 'text'],
  ['ownerUnit', 'owner_unit', 'text'],
  ['responsibleUnit', 'responsible_unit', 'text'],
  ['searchText', 'search_text', 'text'],
  ['nameRank', 'name_rank', 'integer'],
  ['totalInvestmentWan', 'total_investment_wan', 'integer'],
  ['annualPlanWan', 'annual_plan_wan', 'integer'],
  ['planWan', 'plan_wan', 'integer'],
  ['actualWan', 'actual_wan', 'integer'],
  ['lagClass', 'lag_class', 'text'],
  ['severity', 'severity', 'text'],
  ['rule', 'rule', 'text'],
  ['cumulativeActualWan', 'cumulative_actual_wan', 'integer'],
  ['previousCumulativeActualWan', 'previous_cumulative_actual_wan', 'integer'],
  ['cumulativePlanWan', 'cumulative_plan_wan', 'integer'],
  ['completionRate', 'completion_rate', 'float8'],
  ['gapPoints', 'gap_points', 'float8'],
  ['shortfallWan', 'shortfall_wan', 'integer'],
  ['monthsOverdue', 'months_overdue', 'smallint'],
  ['lastReportMonth', 'last_report_month', 'smallint'],
  ['progressPercent', 'progress_percent', 'float8'],
  ['progressText', 'progress_text', 'text'],
  ['startDue', 'start_due', 'boolean'],
  ['started', 'started', 'boolean'],
  ['planFirstMonth', 'plan_first_month', 'smallint'],
  ['planLastMonth', 'plan_last_month', 'smallint'],
  ['reportedMonths', 'reported_months', 'smallint'],
  ['bestMonthWan', 'best_month_wan', 'integer'],
  ['averageMonthWan', 'average_month_wan', 'integer'],
  ['catchUpNeededWan', 'catch_up_needed_wan', 'integer'],
  ['catchUpRatio', 'catch_up_ratio', 'float8'],
]

/** A PostgreSQL array literal of values (text quoted and escaped; null as NULL). */
function pgArray(values: readonly unknown[]): string {
  return `{${values
    .map((v) => (v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"` : String(v)))
    .join(',')}}`
}

/**
 * Insert rows as one array per column (`insert … select from unnest(…)`): a parameter per column instead
 * of one per value, which the embedded database binds far faster (measured in docs/decisions.md).
 */
async function insertByColumns<R>(tx: Tx, table: string, columns: readonly (readonly [keyof R & string, string, string])[], rows: readonly R[]) {
  if (rows.length === 0) return
  const names = sql.raw(columns.map(([, column]) => column).join(', '))
  const arrays = sql.join(
    columns.map(([key, , type]) => sql`${pgArray(rows.map((r) => r[key]))}::${sql.raw(type)}[]`),
    sql`, `,
  )
  await tx.execute(sql`insert into ${sql.raw(table)} (${names}) select * from unnest(${arrays})`)
}

const insertStatusRows = (tx: Tx, rows: readonly StatusRow[]) => insertByColumns(tx, 'project_month_status', STATUS_COLUMNS, rows)

/** Rebuild the per-zone monthly totals from the read model (after any write to plans or reports). */
export async function refreshMonthlyTotals(tx: Tx) {
  await tx.execute(sql`delete from monthly_totals`)
  await tx.execute(sql`
    insert into monthly_totals (year, month, zone_id, plan_wan, actual_wan)
    select year, month, zone_id, coalesce(sum(plan_wan), 0), coalesce(sum(actual_wan), 0)
    from project_month_status group by year, month, zone_id`)
}

/** The advisory lock of a change to the list's ids or name ranks (an addition, a rename, a ledger import): one at a time. */
export const PROJECT_NAMES_LOCK = 'project-names'

/** Re-rank every name in zh-CN order (SQL has no zh-CN collation in the embedded database). */
export async function refreshNameRanks(tx: Tx) {
  const rows = await tx.select({ id: projects.id, name: projects.name }).from(projects)
  const ranks = [...rankNames(rows)].map(([id, rank]) => ({ id, rank }))
  // Only the rows whose rank moved are written; ids and ranks go as two arrays (two parameters).
  await insertChunked(ranks, 50_000, async (chunk) => {
    const ids = pgArray(chunk.map((r) => r.id))
    const values = pgArray(chunk.map((r) => r.rank))
    await tx.execute(sql`
      update projects set name_rank = v.rank from unnest(${ids}::text[], ${values}::int[]) as v(id, rank)
      where projects.id = v.id and projects.name_rank is distinct from v.rank`)
    await tx.execute(sql`
      update project_month_status set name_rank = v.rank from unnest(${ids}::text[], ${values}::int[]) as v(id, rank)
      where project_month_status.project_id = v.id and project_month_status.name_rank is distinct from v.rank`)
  })
}

const SEEDED_KEY = 'seeded_at'
/** Which release's rules judged the read model (see rejudge.ts). */
export const RULES_VERSION_KEY = 'rules_version'
export const DATA_VERSION_KEY = 'data_version'

/** Every write calls this inside its transaction: cached answers of older versions are then unused. */
export async function bumpDataVersion(tx: Tx) {
  const version = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  await tx
    .insert(meta)
    .values({ key: DATA_VERSION_KEY, value: version })
    .onConflictDoUpdate({ target: meta.key, set: { value: version, updatedAt: sql`now()` } })
}

/**
 * Every write's mark (a draft saved, a problem assigned, anything audited), beside the data version that
 * only the writes others read bump: what an account's 待办 depends on is cached per both (docs/decisions/067).
 */
export const ACTIVITY_VERSION_KEY = 'activity_version'
export async function bumpActivity(tx: Tx) {
  const version = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  await tx.insert(meta).values({ key: ACTIVITY_VERSION_KEY, value: version }).onConflictDoUpdate({ target: meta.key, set: { value: version, updatedAt: sql`now()` } })
}

/** The data version and the activity version together ('' where none yet): a key that moves with any write. */
export async function writeVersions(db: Pick<Db, 'select'>): Promise<string> {
  const rows = await db.select({ key: meta.key, value: meta.value }).from(meta).where(inArray(meta.key, [DATA_VERSION_KEY, ACTIVITY_VERSION_KEY]))
  const of = (key: string) => rows.find((r) => r.key === key)?.value ?? ''
  return `${of(DATA_VERSION_KEY)}|${of(ACTIVITY_VERSION_KEY)}`
}

/** When the database was seeded (null: not yet): the demo's clock starts then (docs/decisions/066). */
export async function seededAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, SEEDED_KEY))
  return row ? new Date(row.value) : null
}

/** The current data version ('' before the first write). */
export async function dataVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, DATA_VERSION_KEY))
  return row?.value ?? ''
}

/**
 * The seed's publications (发布): every month of each year up to its latest month with an approved report
 * (the demo: January to September published, October open, so the cycle can be tried at once). The
 * A year closing (the next year's ledger opens it) gets the same for itself. The
 * migration that made the table did the same for the databases that existed then
 * (server/db/migrations/0007_month_publications.sql; docs/decisions/063).
 */
export async function publishThroughApproved(tx: Tx | Db, at: Date | 'after-deadline', comment = '演示数据：截至已审核月报的最新月份视为已发布', year?: number) {
  // The seed's months are published on the 8th of the next month at 10:00 China time, as staff would have
  // after the 5th's deadline (the demo's events fall in the demo's year); a year closing publishes at `at`.
  const publishedAt =
    at === 'after-deadline'
      ? sql`make_timestamptz((l.year + m.month / 12)::int, (m.month % 12 + 1)::int, 8, 2, 0, 0, 'UTC')`
      : sql`${at.toISOString()}::timestamptz`
  await tx.execute(sql`
    insert into month_publications (year, month, published_at, published_by, comment)
    select l.year, m.month, ${publishedAt}, null, ${comment}
    from (select year, max(month) as latest from monthly_reports where status = 'approved' and ${year === undefined ? sql`true` : sql`year = ${year}`} group by year) l
    cross join lateral generate_series(1, l.latest) as m(month)
    on conflict do nothing`)
}

/**
 * Seed an empty database exactly once, with records of `planYear` (the demo dataset's: the report's
 * year; an empty deployment: the current year, until its first ledger says otherwise). The whole seed is
 * one transaction with its marker, under an advisory lock: a crash half-way leaves nothing, and two
 * servers starting together seed once. A database seeded before the plan year was data gets its year then.
 */
export async function seedIfEmpty(
  db: Db,
  records: () => readonly ProjectRecord[],
  planYear: number = REPORT_PLAN_YEAR,
  bulletinSettings: BulletinSettings = DEFAULT_BULLETIN_SETTINGS,
): Promise<'seeded' | 'already-seeded'> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20240204)`)
    const done = await tx.select().from(meta).where(eq(meta.key, SEEDED_KEY))
    await ensureProblemCategories(tx)
    await ensureApprovalKinds(tx)
    if (done.length > 0) {
      await ensurePlanYear(tx, planYear)
      return 'already-seeded' as const
    }
    await storePlanYear(tx, planYear)
    const seed = records()
    await insertProjects(tx, seed, planYear, rankNames(seed))
    await refreshMonthlyTotals(tx)
    await publishThroughApproved(tx, 'after-deadline')
    // The months the seed publishes are issued their bulletins, like any publication (decision 64).
    await issueMissingBulletins(tx, bulletinSettings)
    await tx.insert(meta).values({ key: SEEDED_KEY, value: new Date().toISOString() })
    await tx.insert(meta).values({ key: RULES_VERSION_KEY, value: RULES_VERSION })
    await bumpDataVersion(tx)
    return 'seeded' as const
  }).then(async (outcome) => {
    // Fresh statistics, or the planner guesses 2 rows per table and picks nested loops (measured: 244 ms → see docs).
    if (outcome === 'seeded') await db.execute(sql`analyze`)
    return outcome
  })
}
