import { and, asc, eq, inArray, max, sql, type SQL } from 'drizzle-orm'
import {
  FOCUS_AREAS,
  INVESTMENT_TYPES,
  LAG_CLASSES,
  STAGES,
  type Calendar,
  type FilterOptions,
  type Forecast,
  type ForecastFigures,
  type LagClass,
  type ProjectDetail,
  type ProjectList,
  type ProjectListItem,
  type ProjectListQuery,
  type ProjectRecord,
  type Provenance,
  type Summary,
  type ZoneDetail,
  type ZoneList,
} from '@/contract'
import {
  emptySums,
  figuresFromSums,
  keyedFigures,
  listTotals,
  monthlySeriesFromSums,
  zoneSummariesFromFigures,
  type GroupSums,
} from '@/domain/aggregate'
import { isDelayedClass } from '@/contract'
import { CONFIDENCE_LEVELS, type Confidence } from '@/contract/confidence'

/** An answer before the route says whether its month is published (server/routes/data.ts adds `published`). */
export type Unpublished<T> = Omit<T, 'published'>
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, STAGE_LABELS, ZONES, zoneInfo } from '@/domain/labels'
import type { DataScope } from '@/domain/access'
import { DEFAULT_PAGE_SIZE, ESCALATED_SHOWN, MOST_BEHIND_COUNT, buildProjectDetail, normaliseSearch } from '@/domain/answers'
import { compareZh } from '@/domain/zh-order'
import { DEFAULT_REPORT_DEADLINE_DAY, calendarFromYears } from '@/domain/calendar'
import { scheduleRate } from '@/domain/rules'
import { escalationOf } from '@/domain/escalation'
import { escalationOfProject } from './escalations'
import { approvalStatusesOf, listApprovalKinds } from './approvals'
import { SETTLED_APPROVAL_STATUSES, missingApprovalsNow } from '@/domain/approvals'
import type { MissingApproval } from '@/contract'
import { hasSimulatedName, provenanceOf } from '@/domain/provenance'
import {
  DEFAULT_FORECAST_SETTINGS,
  catchUpOfRecord,
  computedForecastWan,
  forecastInputOf,
  windowShareTable,
  groupCatchUpOf,
  isOptimistic,
  monthlyPattern,
  withFeasibility,
  type ForecastSettings,
  type MonthlyPattern,
} from '@/domain/forecast'
import type { Database } from './client'
import { computedForecastSql, optimisticSql, ownerForecastReports, ownerForecastSql } from './forecast-sql'
import { PLAN_YEAR_SQL, planYearOf } from './plan-year'
import { milestones, monthlyPlans, monthlyReports, problems, projectYears, projects } from './schema'

/**
 * The API's answers computed in SQL over the tables, with the per-project judgements that the domain
 * rules wrote into project_month_status. Every answer is for a reader's scope (src/domain/access.ts):
 * all projects, or one owner unit's own (OWNER_SEES=own), limited in SQL; the contract suite
 * (tests/contract, owner-scope.test.ts for the latter) checks both on each database.
 */

type StatusRow = {
  id: string
  name: string
  sourced_fields: string[]
  simulated: boolean
  zone_id: string
  focus_area: string
  investment_type: string
  stage: string
  owner_unit: string
  responsible_unit: string
  total_investment_wan: number
  annual_plan_wan: number
  baseline_percent: number | null
  baseline_text: string | null
  lag_class: string
  severity: string
  rule: string
  cumulative_actual_wan: number
  cumulative_plan_wan: number
  completion_rate: number | null
  gap_points: number | null
  shortfall_wan: number
  months_overdue: number
  last_report_month: number | null
  progress_percent: number | null
  progress_text: string | null
  report_pending: boolean
  best_month_wan: number
  average_month_wan: number
  catch_up_needed_wan: number | null
  catch_up_ratio: number | null
  confidence: string | null
  confidence_by: string | null
  confidence_month: number | null
  lag_streak: number
  /** 前期手续 missing while 应开未开 (decision 80), added after the query by withMissingApprovals. */
  missing_approvals?: MissingApproval[]
  esc_status: string | null
  esc_since: string | null
  esc_rule: string | null
  esc_reason: string | null
  esc_version: number | null
}

/** Whoever sees every project: the default scope of every answer. */
const EVERY_PROJECT: DataScope = { kind: 'all' }

/**
 * The condition on judged rows (`s`) that limits them to a reader's scope; null when the scope is every
 * project, so that reader's queries carry no condition at all. An owner unit counts the projects that are
 * its own now — the same test as the per-record check of a project page — including, in a closed year, one
 * retired since (that year keeps its judged rows). A scope that sees nothing counts nothing.
 */
function scopeCondition(scope: DataScope): SQL | null {
  if (scope.kind === 'all') return null
  if (scope.kind === 'none') return sql`false`
  return sql`s.project_id in (select o.id from projects o where o.owner_unit = ${scope.ownerUnit})`
}

/** `where` (default: every row) and the scope's condition; `where` itself when the scope is every project. */
function scoped(scope: DataScope, where?: SQL): SQL {
  const condition = scopeCondition(scope)
  if (condition === null) return where ?? sql`true`
  return where ? sql`(${where}) and ${condition}` : condition
}

/** The judged rows of one month: every list and aggregate reads only this table. */
const JUDGED = ({ year, month }: Period) => sql`project_month_status s where s.year = ${year} and s.month = ${month}`

/** A month of a plan year: every answer is for one. */
type Period = { year: number; month: number }

/**
 * Rows for display: pick (and order, and limit) from the judged rows, then join the few projects
 * picked for their name and provenance. `ord` keeps the chosen order through the join.
 */
async function itemRows(database: Database, at: Period, where: SQL, order: SQL, limit: number, offset = 0) {
  return database.rows<StatusRow>(sql`
    with picked as (
      select s.*, row_number() over (order by ${order}) as ord from ${JUDGED(at)} and ${where}
      order by ${order} limit ${limit} offset ${offset}
    )
    select picked.project_id as id, p.name, p.sourced_fields, p.simulated, picked.zone_id, picked.focus_area, picked.investment_type,
      picked.stage, picked.owner_unit, picked.responsible_unit, picked.total_investment_wan, picked.annual_plan_wan,
      picked.lag_class, picked.severity, picked.rule, picked.cumulative_actual_wan, picked.cumulative_plan_wan,
      picked.completion_rate, picked.gap_points, picked.shortfall_wan, picked.months_overdue, picked.last_report_month,
      picked.progress_percent, picked.progress_text,
      picked.best_month_wan, picked.average_month_wan, picked.catch_up_needed_wan, picked.catch_up_ratio,
      picked.confidence, picked.confidence_by, picked.confidence_month,
      exists(select 1 from monthly_reports r where r.project_id = picked.project_id and r.year = ${at.year}
        and r.month = ${at.month} and r.status = 'submitted') as report_pending,
      ${LAG_STREAK(at)} as lag_streak,
      e.status as esc_status, e.since::text as esc_since, e.rule as esc_rule, e.reason as esc_reason, e.version as esc_version
    from picked join projects p on p.id = picked.project_id
      left join project_escalations e on e.project_id = picked.project_id
    order by picked.ord`).then((rows) => withMissingApprovals(database, rows))
}

/**
 * The 前期手续 each 应开未开 row lacks (decision 80), by the domain's rule: the kinds and the picked projects'
 * records in two small reads, only when a row is 应开未开.
 */
async function withMissingApprovals(database: Database, rows: StatusRow[]): Promise<StatusRow[]> {
  const notStarted = rows.filter((r) => r.lag_class === 'not-started')
  if (notStarted.length === 0) return rows
  const kinds = await listApprovalKinds(database.db)
  const records = await approvalStatusesOf(database.db, notStarted.map((r) => r.id))
  for (const row of notStarted) row.missing_approvals = missingApprovalsNow('not-started', kinds, records.get(row.id) ?? [])
  return rows
}

/**
 * 连续滞后月数 of a picked row (decision 76), the domain's lagStreakMonths in SQL: from the latest published month
 * up to the month in view, back while each month's judged row is 滞后 or 严重滞后 (a month not judged ends the
 * run; publications run in order, so every earlier month is published). At most 12 primary-key probes a row.
 */
const LAG_STREAK = ({ year, month }: Period) => sql`(
  with anchor as (select coalesce(max(mp.month), 0)::int as a from month_publications mp where mp.year = ${year} and mp.month <= ${month})
  select anchor.a - coalesce((select max(g.m) from generate_series(1, anchor.a) g(m) where not exists (
    select 1 from project_month_status x where x.year = ${year} and x.month = g.m and x.project_id = picked.project_id
      and x.lag_class in ('lagging', 'severe'))), 0)
  from anchor)`

/** Postgres arrays come back as arrays from both drivers; text[] may arrive as '{a,b}' from some. */
function toArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[]
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
  return []
}

/** The catch-up the read model stored for a row, with its feasibility by the deployment's ratio (decision 75). */
function catchUpOfRow(row: StatusRow, settings: ForecastSettings): ProjectListItem['catchUp'] {
  if (row.catch_up_needed_wan === null) return null
  return withFeasibility(
    {
      neededPerMonthWan: Number(row.catch_up_needed_wan),
      bestMonthWan: Number(row.best_month_wan),
      averageMonthWan: Number(row.average_month_wan),
      ratioToBest: row.catch_up_ratio === null ? null : Number(row.catch_up_ratio),
    },
    settings,
  )
}

function toListItem(row: StatusRow, settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS): ProjectListItem {
  return {
    id: row.id,
    name: row.name,
    simulatedName: hasSimulatedName({ simulated: row.simulated, sourcedFields: toArray(row.sourced_fields) as ProjectRecord['sourcedFields'] }),
    zoneId: row.zone_id as ProjectListItem['zoneId'],
    zoneName: zoneInfo(row.zone_id as ProjectListItem['zoneId']).name,
    focusArea: row.focus_area as ProjectListItem['focusArea'],
    investmentType: row.investment_type as ProjectListItem['investmentType'],
    stage: row.stage as ProjectListItem['stage'],
    ownerUnit: row.owner_unit,
    responsibleUnit: row.responsible_unit,
    totalInvestmentWan: Number(row.total_investment_wan),
    annualPlanWan: Number(row.annual_plan_wan),
    progress: row.progress_text === null ? null : { percent: row.progress_percent, text: row.progress_text },
    status: {
      lagClass: row.lag_class as LagClass,
      severity: row.severity as ProjectListItem['status']['severity'],
      rule: row.rule,
      cumulativeActualWan: Number(row.cumulative_actual_wan),
      cumulativePlanWan: Number(row.cumulative_plan_wan),
      completionRate: row.completion_rate,
      gapPoints: row.gap_points,
      shortfallWan: Number(row.shortfall_wan),
      monthsOverdue: Number(row.months_overdue),
      lastReportMonth: row.last_report_month,
    },
    reportPending: Boolean(row.report_pending),
    catchUp: catchUpOfRow(row, settings),
    lagStreakMonths: Number(row.lag_streak),
    missingApprovals: row.missing_approvals ?? [],
    confidence:
      row.confidence === null || row.confidence_month === null
        ? null
        : { level: row.confidence as Confidence, by: row.confidence_by === 'commission' ? 'commission' : 'owner', month: Number(row.confidence_month) },
    escalation: escalationOf(
      row.esc_status === null
        ? null
        : { status: row.esc_status, since: String(row.esc_since).slice(0, 10), rule: row.esc_rule, reason: row.esc_reason, version: Number(row.esc_version) },
    ),
  }
}

type SumRow = {
  key: string | null
  dim: string
  lag_class: string
  n: number
  total: number
  annual: number
  actual: number
  shortfall: number
  previous_actual: number
  ns_planned: number
  ns_due: number
  ns_started: number
  ns_started_of_due: number
  red: number
}

function addToSums(sums: GroupSums, row: SumRow) {
  sums.projectCount += Number(row.n)
  sums.totalInvestmentWan += Number(row.total)
  sums.annualPlanWan += Number(row.annual)
  sums.cumulativeActualWan += Number(row.actual)
  sums.shortfallWan += Number(row.shortfall)
  if (isDelayedClass(row.lag_class as LagClass)) sums.delayedShortfallWan += Number(row.shortfall)
  sums.lagCounts[row.lag_class as LagClass] += Number(row.n)
  if (row.lag_class === 'not-started') sums.notStartedRedCount += Number(row.red)
}

const SUMS = sql`count(*)::int as n, coalesce(sum(s.total_investment_wan), 0)::float8 as total,
  coalesce(sum(s.annual_plan_wan), 0)::float8 as annual, coalesce(sum(s.cumulative_actual_wan), 0)::float8 as actual,
  coalesce(sum(s.shortfall_wan), 0)::float8 as shortfall,
  coalesce(sum(s.previous_cumulative_actual_wan), 0)::float8 as previous_actual,
  count(*) filter (where s.stage = 'new-start')::int as ns_planned,
  count(*) filter (where s.start_due)::int as ns_due,
  count(*) filter (where s.started and s.stage = 'new-start')::int as ns_started,
  count(*) filter (where s.started and s.start_due)::int as ns_started_of_due,
  count(*) filter (where s.severity = 'red')::int as red`

/** Sums by zone, type, focus area and stage (each × lag class) in one pass over the judged rows. */
async function groupedSums(database: Database, at: Period, where: SQL = sql`true`) {
  const rows = await database.rows<SumRow>(sql`
    select case when grouping(s.zone_id) = 0 then 'zone' when grouping(s.investment_type) = 0 then 'type'
                when grouping(s.focus_area) = 0 then 'focus' else 'stage' end as dim,
           coalesce(s.zone_id, s.investment_type, s.focus_area, s.stage) as key, s.lag_class, ${SUMS}
    from ${JUDGED(at)} and ${where}
    group by grouping sets ((s.zone_id, s.lag_class), (s.investment_type, s.lag_class), (s.focus_area, s.lag_class), (s.stage, s.lag_class))`)
  const byDim = { zone: new Map<string, GroupSums>(), type: new Map<string, GroupSums>(), focus: new Map<string, GroupSums>(), stage: new Map<string, GroupSums>() }
  const previousActualByZone = new Map<string, number>(ZONES.map((z) => [z.id, 0]))
  const newStarts = { planned: 0, due: 0, started: 0, startedOfDue: 0 }
  for (const row of rows) {
    const map = byDim[row.dim as keyof typeof byDim]
    let sums = map.get(row.key ?? '')
    if (!sums) map.set(row.key ?? '', (sums = emptySums()))
    addToSums(sums, row)
    if (row.dim === 'zone') {
      previousActualByZone.set(row.key ?? '', (previousActualByZone.get(row.key ?? '') ?? 0) + Number(row.previous_actual))
      newStarts.planned += Number(row.ns_planned)
      newStarts.due += Number(row.ns_due)
      newStarts.started += Number(row.ns_started)
      newStarts.startedOfDue += Number(row.ns_started_of_due)
    }
  }
  return { ...byDim, previousActualByZone: at.month > 1 ? previousActualByZone : null, newStarts }
}

function totalOf(map: Map<string, GroupSums>): GroupSums {
  const total = emptySums()
  for (const sums of map.values()) {
    total.projectCount += sums.projectCount
    total.totalInvestmentWan += sums.totalInvestmentWan
    total.annualPlanWan += sums.annualPlanWan
    total.cumulativeActualWan += sums.cumulativeActualWan
    total.shortfallWan += sums.shortfallWan
    total.delayedShortfallWan += sums.delayedShortfallWan
    total.notStartedRedCount += sums.notStartedRedCount
    for (const c of LAG_CLASSES) total.lagCounts[c] += sums.lagCounts[c]
  }
  return total
}

/**
 * Plan and approved actual by month of the year. Every project's come from the per-zone totals; a scope's
 * from its projects' judged rows (the rows those totals are the sums of).
 */
async function monthly(database: Database, { year, month }: Period, zoneId: string | undefined, scope: DataScope) {
  const condition = scopeCondition(scope)
  const rows = await database.rows<{ month: number; plan: number; actual: number }>(
    condition === null
      ? sql`
    select month, coalesce(sum(plan_wan), 0)::float8 as plan, coalesce(sum(actual_wan), 0)::float8 as actual
    from monthly_totals where year = ${year} and ${zoneId ? sql`zone_id = ${zoneId}` : sql`true`} group by month`
      : sql`
    select s.month, coalesce(sum(s.plan_wan), 0)::float8 as plan, coalesce(sum(s.actual_wan), 0)::float8 as actual
    from project_month_status s where s.year = ${year} and ${zoneId ? sql`s.zone_id = ${zoneId}` : sql`true`} and ${condition}
    group by s.month`,
  )
  const plan = new Array<number>(12).fill(0)
  const actual = new Array<number>(12).fill(0)
  for (const r of rows) {
    plan[Number(r.month) - 1] = Number(r.plan)
    actual[Number(r.month) - 1] = Number(r.actual)
  }
  return monthlySeriesFromSums(plan, actual, month)
}

async function mostBehind(database: Database, at: Period, where: SQL = sql`true`, settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS) {
  const order = sql`s.shortfall_wan desc, coalesce(s.gap_points, 0) asc, s.project_id collate "C" asc`
  const rows = await itemRows(database, at, sql`s.shortfall_wan > 0 and ${where}`, order, MOST_BEHIND_COUNT)
  return rows.map((row) => toListItem(row, settings))
}

/**
 * The reporting calendar from the data: the open plan year and every year with a list, each with its
 * latest published month (null when none), and the open year's publications month by month.
 */
export async function calendarOf(database: Database, now: Date): Promise<Calendar> {
  const rows = await database.rows<{ year: number; published: number | null; open: boolean; approved: boolean }>(sql`
    with years as (select distinct year from project_years union select ${PLAN_YEAR_SQL})
    select y.year::int as year, y.year = ${PLAN_YEAR_SQL} as open,
      (select max(month)::int from month_publications p where p.year = y.year) as published,
      exists(select 1 from monthly_reports r where r.year = y.year and r.status = 'approved') as approved
    from years y where y.year is not null order by y.year desc`)
  const publications = await database.rows<{ month: number; published_at: Date | string; published_by: string | null }>(sql`
    select month::int as month, published_at, published_by from month_publications where year = ${PLAN_YEAR_SQL} order by month`)
  return calendarFromYears(
    rows.map((r) => ({ year: Number(r.year), publishedMonth: r.published === null ? null : Number(r.published), open: Boolean(r.open), approved: Boolean(r.approved) })),
    DEFAULT_REPORT_DEADLINE_DAY,
    publications.map((p) => ({ month: Number(p.month), publishedAt: new Date(p.published_at).toISOString(), publishedBy: p.published_by })),
    now,
  )
}

export async function summaryOf(
  database: Database,
  month: number,
  calendar: Pick<Calendar, 'planYear' | 'latestReportMonth'>,
  scope: DataScope = EVERY_PROJECT,
  settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS,
): Promise<Unpublished<Summary>> {
  const { planYear, latestReportMonth } = calendar
  const at = { year: planYear, month }
  const [dims, monthlyPoints, behind, provenance, escalated] = await Promise.all([
    groupedSums(database, at, scoped(scope)),
    monthly(database, at, undefined, scope),
    mostBehind(database, at, scoped(scope), settings),
    provenanceIn(database, at, scope),
    escalatedIn(database, at, scoped(scope), settings),
  ])
  const totals = figuresFromSums(totalOf(dims.zone), month)
  const previousByZone = dims.previousActualByZone
  const previousActualWan = previousByZone ? [...previousByZone.values()].reduce((a, b) => a + b, 0) : null
  const previousRate = previousActualWan !== null && totals.annualPlanWan > 0 ? previousActualWan / totals.annualPlanWan : null
  const zoneFigures = new Map(ZONES.map((z) => [z.id as string, figuresFromSums(dims.zone.get(z.id) ?? emptySums(), month)]))
  const { planned, due, started, startedOfDue } = dims.newStarts
  return {
    ...totals,
    planYear,
    asOfMonth: month,
    latestReportMonth,
    scheduleRate: scheduleRate(month),
    previous:
      previousActualWan === null
        ? null
        : {
            cumulativeActualWan: previousActualWan,
            completionRate: previousRate,
            gapPoints: figuresFromSums({ ...emptySums(), annualPlanWan: totals.annualPlanWan, cumulativeActualWan: previousActualWan }, month - 1).gapPoints,
          },
    newStarts: {
      plannedThisYear: planned,
      dueToDate: due,
      started,
      startedOfDue,
      startRateToDate: due > 0 ? startedOfDue / due : null,
      startRateYear: planned > 0 ? started / planned : null,
    },
    completedCount: totals.lagCounts.completed,
    byZone: zoneSummariesFromFigures(zoneFigures, previousByZone, month),
    byInvestmentType: keyedFigures(INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS, dims.type, month),
    byFocusArea: keyedFigures(FOCUS_AREAS, FOCUS_AREA_LABELS, dims.focus, month),
    byStage: keyedFigures(STAGES, STAGE_LABELS, dims.stage, month),
    monthly: monthlyPoints,
    mostBehind: behind,
    provenance,
    escalated,
  }
}

/** The overview's 挂牌督办项目 (decision 76): the first few listed, largest shortfall first, and the count. */
async function escalatedIn(database: Database, at: Period, where: SQL, settings: ForecastSettings) {
  const listed = sql`s.project_id in (select e.project_id from project_escalations e where e.status = 'listed') and ${where}`
  const order = sql`s.shortfall_wan desc, s.project_id collate "C" asc`
  const [rows, [counted]] = await Promise.all([
    itemRows(database, at, listed, order, ESCALATED_SHOWN),
    database.rows<{ n: number }>(sql`select count(*)::int as n from ${JUDGED(at)} and ${listed}`),
  ])
  return { items: rows.map((row) => toListItem(row, settings)), total: Number(counted?.n ?? 0) }
}

/** Whether the stored projects include simulated ones: the domain's provenance rule over the whole store. */
async function provenanceOfStore(database: Database): Promise<Provenance> {
  const [row] = await database.rows<{ simulated: boolean }>(sql`select exists(select 1 from projects where simulated) as simulated`)
  return provenanceOf(Boolean(row?.simulated))
}

/** The provenance of an answer for a scope: the whole store's for every project, else that of the scope's projects counted this month. */
async function provenanceIn(database: Database, at: Period, scope: DataScope): Promise<Provenance> {
  const condition = scopeCondition(scope)
  if (condition === null) return provenanceOfStore(database)
  const [row] = await database.rows<{ simulated: boolean }>(sql`
    select exists(select 1 from ${JUDGED(at)} and ${condition} and s.project_id in (select v.id from projects v where v.simulated)) as simulated`)
  return provenanceOf(Boolean(row?.simulated))
}

async function zoneCards(database: Database, { year, month }: Period, scope: DataScope) {
  const dims = await groupedSums(database, { year, month }, scoped(scope))
  const zoneFigures = new Map(ZONES.map((z) => [z.id as string, figuresFromSums(dims.zone.get(z.id) ?? emptySums(), month)]))
  return zoneSummariesFromFigures(zoneFigures, dims.previousActualByZone, month)
}

export async function zoneListOf(database: Database, month: number, planYear: number, scope: DataScope = EVERY_PROJECT): Promise<Unpublished<ZoneList>> {
  const at = { year: planYear, month }
  return { asOfMonth: month, scheduleRate: scheduleRate(month), items: await zoneCards(database, at, scope), provenance: await provenanceIn(database, at, scope) }
}

export async function zoneDetailOf(
  database: Database,
  zoneId: string,
  month: number,
  planYear: number,
  scope: DataScope = EVERY_PROJECT,
  settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS,
): Promise<Unpublished<ZoneDetail> | null> {
  const at = { year: planYear, month }
  const summary = (await zoneCards(database, at, scope)).find((z) => z.id === zoneId)
  if (!summary) return null
  const inZone = scoped(scope, sql`s.zone_id = ${zoneId}`)
  const dims = await groupedSums(database, at, inZone)
  return {
    ...summary,
    planYear,
    asOfMonth: month,
    scheduleRate: scheduleRate(month),
    byStage: keyedFigures(STAGES, STAGE_LABELS, dims.stage, month),
    byInvestmentType: keyedFigures(INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS, dims.type, month),
    monthly: await monthly(database, at, zoneId, scope),
    shortfallProjects: await mostBehind(database, at, inZone, settings),
    provenance: await provenanceIn(database, at, scope),
  }
}

const ZONE_ORDER = sql.raw(`array_position(array[${ZONES.map((z) => `'${z.id}'`).join(',')}]::text[], s.zone_id)`)
const SORT_COLUMNS: Record<NonNullable<ProjectListQuery['sort']>, { column: SQL; nullable?: boolean }> = {
  id: { column: sql`s.project_id collate "C"` },
  name: { column: sql`s.name_rank` },
  zone: { column: ZONE_ORDER },
  totalInvestment: { column: sql`s.total_investment_wan` },
  annualPlan: { column: sql`s.annual_plan_wan` },
  actual: { column: sql`s.cumulative_actual_wan` },
  completionRate: { column: sql`s.completion_rate`, nullable: true },
  gap: { column: sql`s.gap_points`, nullable: true },
  progress: { column: sql`s.progress_percent`, nullable: true },
  shortfall: { column: sql`s.shortfall_wan` },
  // 冲刺 (decision 75): a project behind with no best month needs the most (∞); one without a catch-up has no value.
  catchUpRatio: { column: sql`(case when s.catch_up_needed_wan is null then null else coalesce(s.catch_up_ratio, 'Infinity'::float8) end)`, nullable: true },
  // 完成信心 by its place in the five levels (高 1 … 低 5): descending, 低 first; a project without one last.
  confidence: { column: sql.raw(`array_position(array[${CONFIDENCE_LEVELS.map((l) => `'${l}'`).join(',')}]::text[], s.confidence)`), nullable: true },
}

/** LIKE pattern for a literal substring. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function projectListOf(
  database: Database,
  query: ProjectListQuery,
  month: number,
  planYear: number,
  scope: DataScope = EVERY_PROJECT,
  settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS,
): Promise<Unpublished<ProjectList>> {
  const conditions: SQL[] = []
  if (query.zone) conditions.push(sql`s.zone_id = ${query.zone}`)
  if (query.focusArea) conditions.push(sql`s.focus_area = ${query.focusArea}`)
  if (query.investmentType) conditions.push(sql`s.investment_type = ${query.investmentType}`)
  if (query.stage) conditions.push(sql`s.stage = ${query.stage}`)
  if (query.owner) conditions.push(sql`s.owner_unit = ${query.owner}`)
  if (query.dept) conditions.push(sql`s.responsible_unit = ${query.dept}`)
  if (query.q && normaliseSearch(query.q)) conditions.push(sql`s.search_text like ${likeContains(normaliseSearch(query.q))}`)
  if (query.status) conditions.push(sql`s.lag_class in (${sql.join(query.status.map((c) => sql`${c}`), sql`, `)})`)
  if (query.escalation) conditions.push(sql`s.project_id in (select e.project_id from project_escalations e where e.status = ${query.escalation})`)
  // 前期手续 (decision 80): the kind is on the list and active, and the project has not settled it (no record is 未启动).
  if (query.missingApproval)
    conditions.push(sql`exists (select 1 from approval_kinds k where k.kind = ${query.missingApproval} and not k.retired)
      and s.project_id not in (select a.project_id from project_approvals a where a.kind = ${query.missingApproval}
        and a.status in (${sql.join(SETTLED_APPROVAL_STATUSES.map((st) => sql`${st}`), sql`, `)}))`)
  const scopeLimit = scopeCondition(scope)
  if (scopeLimit !== null) conditions.push(scopeLimit)
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`

  const counted = await database.rows<SumRow>(sql`select s.lag_class, 'all' as dim, null as key, ${SUMS} from ${JUDGED({ year: planYear, month })} and ${where} group by s.lag_class`)
  const sums = emptySums()
  for (const row of counted) addToSums(sums, row)
  const figures = figuresFromSums(sums, month)

  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE
  const lastPage = Math.max(1, Math.ceil(sums.projectCount / pageSize))
  const page = Math.min(query.page ?? 1, lastPage)
  const sort = SORT_COLUMNS[query.sort ?? 'id']
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`
  // Missing values last in both directions, ties by id (tests/server/answers.test.ts).
  const order = sort.nullable
    ? sql`(${sort.column}) is null, ${sort.column} ${direction}, s.project_id collate "C" asc`
    : sql`${sort.column} ${direction}, s.project_id collate "C" asc`
  const rows = await itemRows(database, { year: planYear, month }, where, order, pageSize, (page - 1) * pageSize)
  return {
    items: rows.map((row) => toListItem(row, settings)),
    total: sums.projectCount,
    page,
    pageSize,
    planYear,
    asOfMonth: month,
    totals: listTotals(figures),
    lagCounts: figures.lagCounts,
    provenance: await provenanceIn(database, { year: planYear, month }, scope),
  }
}

/**
 * Read whole records back from their tables: the projects `where` picks that are in the list of `year`
 * (default: the open plan year), as they are in that year, with its months, and their milestones and problems.
 */
export async function projectRecordsWhere(database: { db: Pick<Database['db'], 'select'> }, where: SQL, year?: number): Promise<ProjectRecord[]> {
  const { db } = database
  const planYear = year ?? (await planYearOf(db))
  const joined = await db
    .select()
    .from(projects)
    .innerJoin(projectYears, and(eq(projectYears.projectId, projects.id), eq(projectYears.year, planYear)))
    .where(where)
    .orderBy(asc(projects.id))
  if (joined.length === 0) return []
  const rows = joined.map((r) => ({ ...r.projects, ...r.project_years }))
  const ids = rows.map((r) => r.id)
  // One after another: inside a transaction they share one connection, which takes one query at a time.
  const plans = await db.select().from(monthlyPlans).where(and(inArray(monthlyPlans.projectId, ids), eq(monthlyPlans.year, planYear)))
  // Only approved reports count in the figures; drafts and reports awaiting review do not.
  const reports = await db
    .select()
    .from(monthlyReports)
    .where(and(inArray(monthlyReports.projectId, ids), eq(monthlyReports.year, planYear), eq(monthlyReports.status, 'approved')))
  const stones = await db.select().from(milestones).where(inArray(milestones.projectId, ids)).orderBy(asc(milestones.seq))
  const issues = await db.select().from(problems).where(inArray(problems.projectId, ids)).orderBy(asc(problems.seq))
  const pending = await db
    .select({ projectId: monthlyReports.projectId, month: monthlyReports.month })
    .from(monthlyReports)
    .where(and(inArray(monthlyReports.projectId, ids), eq(monthlyReports.year, planYear), eq(monthlyReports.status, 'submitted')))
  const byProject = <T extends { projectId: string }>(list: T[]) => {
    const map = new Map<string, T[]>()
    for (const item of list) map.set(item.projectId, [...(map.get(item.projectId) ?? []), item])
    return map
  }
  const plansOf = byProject(plans)
  const reportsOf = byProject(reports)
  const stonesOf = byProject(stones)
  const issuesOf = byProject(issues)
  const pendingOf = byProject(pending)
  return rows.map((row) => ({
    ...recordOf(planYear, row, plansOf.get(row.id) ?? [], reportsOf.get(row.id) ?? [], stonesOf.get(row.id) ?? [], issuesOf.get(row.id) ?? []),
    pendingReportMonths: (pendingOf.get(row.id) ?? []).map((r) => r.month).sort((a, b) => a - b),
  }))
}

/** Projects as they are in the last year whose list names them (for carrying them into another year's list). */
export async function lastListedRecords(database: { db: Pick<Database['db'], 'select'> }, ids: readonly string[]): Promise<ProjectRecord[]> {
  if (ids.length === 0) return []
  const { db } = database
  const latest = await db
    .select({ projectId: projectYears.projectId, year: max(projectYears.year) })
    .from(projectYears)
    .where(inArray(projectYears.projectId, [...ids]))
    .groupBy(projectYears.projectId)
  const byYear = new Map<number, string[]>()
  for (const { projectId, year } of latest) byYear.set(Number(year), [...(byYear.get(Number(year)) ?? []), projectId])
  const records: ProjectRecord[] = []
  for (const [year, yearIds] of byYear) records.push(...(await projectRecordsWhere(database, inArray(projects.id, yearIds), year)))
  return records
}

function recordOf(
  planYear: number,
  row: typeof projects.$inferSelect & typeof projectYears.$inferSelect,
  plans: (typeof monthlyPlans.$inferSelect)[],
  reports: (typeof monthlyReports.$inferSelect)[],
  stones: (typeof milestones.$inferSelect)[],
  issues: (typeof problems.$inferSelect)[],
): Omit<ProjectRecord, 'pendingReportMonths'> {
  const monthlyPlanWan = new Array<number>(12).fill(0)
  for (const p of plans) if (p.year === planYear) monthlyPlanWan[p.month - 1] = p.planWan
  const monthlyActualWan = new Array<number | null>(12).fill(null)
  const progressHistory: ProjectRecord['progressHistory'] = []
  for (const r of [...reports].sort((a, b) => a.month - b.month)) {
    if (r.year !== planYear) continue
    monthlyActualWan[r.month - 1] = r.actualWan
    if (r.progressText !== null) progressHistory.push({ month: r.month, percent: r.progressPercent, text: r.progressText })
  }
  return {
    id: row.id,
    name: row.name,
    zoneId: row.zoneId as ProjectRecord['zoneId'],
    focusArea: row.focusArea as ProjectRecord['focusArea'],
    focusSubCategory: row.focusSubCategory,
    investmentType: row.investmentType as ProjectRecord['investmentType'],
    stage: row.stage as ProjectRecord['stage'],
    level: row.level as ProjectRecord['level'],
    ownerUnit: row.ownerUnit,
    responsibleUnit: row.responsibleUnit,
    responsibleLeader: row.responsibleLeader,
    buildStartYear: row.buildStartYear,
    buildEndYear: row.buildEndYear,
    plannedStartDate: row.plannedStartDate,
    actualStartDate: row.actualStartDate,
    plannedCompletionDate: row.plannedCompletionDate,
    actualCompletionDate: row.actualCompletionDate,
    totalInvestmentWan: row.totalInvestmentWan,
    completedBeforeYearWan: row.completedBeforeYearWan,
    annualPlanWan: row.annualPlanWan,
    monthlyPlanWan,
    monthlyActualWan,
    baselineProgress: row.baselineProgress ?? null,
    progressHistory,
    milestones: stones.map((m) => ({ name: m.name, plannedDate: m.plannedDate, actualDate: m.actualDate })),
    problems: issues.map((p) => ({
      id: p.id,
      category: p.category,
      description: p.description,
      measure: p.measure,
      status: p.status as ProjectRecord['problems'][number]['status'],
      raisedDate: p.raisedDate,
      dueDate: p.dueDate,
      resolvedDate: p.resolvedDate,
      assignedTo: p.assignedTo,
      resolution: p.resolution,
      version: p.version,
    })),
    sourcedFields: toArray(row.sourcedFields) as ProjectRecord['sourcedFields'],
    provenanceNote: row.provenanceNote,
    simulated: row.simulated,
    version: row.version,
    planAdjustment: row.planAdjustment ?? null,
    retired: row.retiredAt ? { reason: row.retiredReason ?? '', at: row.retiredAt.toISOString() } : null,
  }
}

/** The condition on `projects` that limits them to a reader's scope (undefined: every project). */
function projectsInScope(scope: DataScope): SQL | undefined {
  if (scope.kind === 'all') return undefined
  return scope.kind === 'none' ? sql`false` : eq(projects.ownerUnit, scope.ownerUnit)
}

/** A project's page, as it is in `planYear`'s list; null when that list does not name it or it is outside the scope (see projectAccessOf). */
export async function projectDetailOf(
  database: Database,
  projectId: string,
  month: number,
  planYear: number,
  scope: DataScope = EVERY_PROJECT,
  settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS,
): Promise<Unpublished<ProjectDetail> | null> {
  const [record] = await projectRecordsWhere(database, and(eq(projects.id, projectId), projectsInScope(scope))!, planYear)
  if (!record) return null
  const published = await database.rows<{ month: number }>(sql`select month::int as month from month_publications where year = ${planYear}`)
  const escalation = await escalationOfProject(database.db, projectId)
  const detail = buildProjectDetail([record], projectId, month, planYear, { publishedMonths: published.map((r) => Number(r.month)), escalation })
  if (!detail) return null
  const approvals = await approvalStatusesOf(database.db, [projectId])
  const missing = missingApprovalsNow(detail.status.lagClass, await listApprovalKinds(database.db), approvals.get(projectId) ?? [])
  // 冲刺 and the forecasts (decision 75): the same rules the read model's rows and GET /api/forecast use.
  const [pattern, [latest]] = await Promise.all([
    patternOf(database, planYear),
    database.rows<{ wan: number; month: number }>(sql`
      select r.forecast_year_wan as wan, r.month::int as month from monthly_reports r
      where ${ownerForecastReports(sql`${projectId}`, sql`${planYear}`, sql`${month}`)}
      order by r.month desc limit 1`),
  ])
  const computed = computedForecastWan(forecastInputOf(record, month, planYear), pattern, month)
  const ownerWan = latest ? Number(latest.wan) : null
  return {
    ...detail,
    missingApprovals: missing,
    catchUp: catchUpOfRecord(record, detail.status.lagClass, month, settings),
    forecast: {
      ownerForecastWan: ownerWan,
      ownerForecastMonth: latest ? Number(latest.month) : null,
      computedForecastWan: computed,
      optimistic: isOptimistic(ownerWan, computed, settings),
    },
  }
}

/**
 * The district's monthly pattern for a plan year (decision 75): the approved months of the years before it, from
 * the per-zone monthly totals, else the year's own monthly plans. The district's for every reader: a shape of
 * twelve shares, not any project's figures.
 */
export async function patternOf(database: Database, planYear: number): Promise<MonthlyPattern> {
  const rows = await database.rows<{ year: number; month: number; plan: number; actual: number }>(sql`
    select year::int as year, month::int as month, coalesce(sum(plan_wan), 0)::float8 as plan, coalesce(sum(actual_wan), 0)::float8 as actual
    from monthly_totals where year <= ${planYear} group by year, month`)
  const closed = new Map<number, number[]>()
  const plan = new Array<number>(12).fill(0)
  for (const r of rows) {
    const year = Number(r.year)
    if (year === planYear) {
      plan[Number(r.month) - 1] = Number(r.plan)
      continue
    }
    const months = closed.get(year) ?? new Array<number>(12).fill(0)
    months[Number(r.month) - 1] = Number(r.actual)
    closed.set(year, months)
  }
  return monthlyPattern([...closed].map(([year, monthlyActualWan]) => ({ year, monthlyActualWan })), plan)
}

type ForecastZoneRow = {
  zone_id: string
  projects: number
  plan: number
  actual: number
  owner: number
  computed: number
  without_owner: number
  optimistic: number
}

/**
 * GET /api/forecast: each project's owner and computed forecast, whole 万元, summed by zone and over the zones
 * (never rounded after summing, so the zones add up to the district exactly), with each group's catch-up.
 * The per-project rules run in SQL (server/db/forecast-sql.ts, held equal to the domain's) and only the zones'
 * sums leave the database.
 */
export async function forecastOf(
  database: Database,
  month: number,
  planYear: number,
  scope: DataScope = EVERY_PROJECT,
  zoneId?: string,
  settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS,
): Promise<Unpublished<Forecast>> {
  const at = { year: planYear, month }
  const where = scoped(scope, zoneId ? sql`s.zone_id = ${zoneId}` : undefined)
  const pattern = await patternOf(database, planYear)
  const columns = {
    plan: sql.raw('plan'),
    actual: sql.raw('actual'),
    finished: sql.raw('finished'),
    reportedMonths: sql.raw('reported_months'),
    firstPlanMonth: sql.raw('plan_first_month'),
    lastPlanMonth: sql.raw('plan_last_month'),
    remaining: sql.raw('remaining'),
  }
  const latest = sql.raw('latest')
  const [rows, recent, provenance] = await Promise.all([
    database.rows<ForecastZoneRow>(sql`
      with projects_in_view as (
        select s.zone_id, s.annual_plan_wan::float8 as plan, s.cumulative_actual_wan::float8 as actual, s.lag_class = 'completed' as finished,
          s.reported_months, s.plan_first_month, s.plan_last_month,
          greatest(0, s.total_investment_wan - y.completed_before_year_wan)::float8 as remaining, s.owner_forecast_wan::float8 as latest
        from project_month_status s join project_years y on y.project_id = s.project_id and y.year = s.year
        where s.year = ${planYear} and s.month = ${month} and ${where}
      ), judged as (
        select zone_id, plan, actual, latest, ${ownerForecastSql(latest, columns)} as owner, ${computedForecastSql(columns, windowShareTable(pattern, month))} as computed
        from projects_in_view
      )
      select zone_id, count(*)::int as projects, sum(plan)::float8 as plan, sum(actual)::float8 as actual, sum(owner)::float8 as owner,
        sum(computed)::float8 as computed, (count(*) filter (where latest is null))::int as without_owner,
        (count(*) filter (where ${optimisticSql(latest, sql.raw('computed'), settings)}))::int as optimistic
      from judged group by zone_id`),
    // What the last three months delivered: the zones' monthly totals (the same sums, kept by every write) for
    // a reader of every project; summed from the scope's own rows otherwise.
    database.rows<{ zone_id: string; month: number; actual: number }>(
      scopeCondition(scope) === null
        ? sql`
      select zone_id, month::int as month, actual_wan::float8 as actual from monthly_totals
      where year = ${planYear} and month between ${Math.max(1, month - 2)} and ${month} and ${zoneId ? sql`zone_id = ${zoneId}` : sql`true`}`
        : sql`
      select s.zone_id, s.month::int as month, coalesce(sum(s.actual_wan), 0)::float8 as actual from project_month_status s
      where s.year = ${planYear} and s.month between ${Math.max(1, month - 2)} and ${month} and ${where}
      group by s.zone_id, s.month`,
    ),
    provenanceIn(database, at, scope),
  ])
  type Sums = Omit<ForecastFigures, 'catchUp'> & { recent: number[] }
  const empty = (): Sums => ({ projectCount: 0, planWan: 0, actualWan: 0, ownerForecastWan: 0, computedForecastWan: 0, withoutOwnerForecastCount: 0, optimisticCount: 0, recent: [] })
  const zones = ZONES.filter((z) => !zoneId || z.id === zoneId)
  const byZone = new Map<string, Sums>(zones.map((z) => [z.id as string, empty()]))
  for (const row of rows) {
    const sums = byZone.get(row.zone_id)
    if (!sums) continue
    sums.projectCount = Number(row.projects)
    sums.planWan = Number(row.plan)
    sums.actualWan = Number(row.actual)
    sums.ownerForecastWan = Number(row.owner)
    sums.computedForecastWan = Number(row.computed)
    sums.withoutOwnerForecastCount = Number(row.without_owner)
    sums.optimisticCount = Number(row.optimistic)
  }
  const firstRecent = Math.max(1, month - 2)
  for (const sums of byZone.values()) sums.recent = new Array<number>(month - firstRecent + 1).fill(0)
  for (const r of recent) {
    const sums = byZone.get(r.zone_id)
    if (sums) sums.recent[Number(r.month) - firstRecent] = Number(r.actual)
  }
  const figures = ({ recent, ...sums }: Sums): ForecastFigures => ({ ...sums, catchUp: groupCatchUpOf(sums.planWan, sums.actualWan, month, recent) })
  const district = empty()
  district.recent = new Array<number>(month - firstRecent + 1).fill(0)
  for (const sums of byZone.values()) {
    for (const key of ['projectCount', 'planWan', 'actualWan', 'ownerForecastWan', 'computedForecastWan', 'withoutOwnerForecastCount', 'optimisticCount'] as const) district[key] += sums[key]
    sums.recent.forEach((v, i) => (district.recent[i]! += v))
  }
  return {
    asOf: `${planYear}-${String(month).padStart(2, '0')}`,
    planYear,
    asOfMonth: month,
    ...figures(district),
    byZone: zones.map((z) => ({ zoneId: z.id, name: z.name, ...figures(byZone.get(z.id)!) })),
    pattern,
    settings,
    provenance,
  }
}

/**
 * Why a project has no page for a reader: it does not exist, `year`'s list does not name it, or it is
 * another unit's (checked in that order, so a project outside the year is 404 for everyone).
 */
export async function projectAccessOf(
  database: Database,
  projectId: string,
  year: number,
  scope: DataScope,
): Promise<'missing' | 'not-listed' | 'forbidden' | 'shown'> {
  const [row] = await database.db
    .select({
      ownerUnit: projects.ownerUnit,
      listed: sql<boolean>`exists(select 1 from project_years y where y.project_id = ${projects.id} and y.year = ${year})`,
    })
    .from(projects)
    .where(eq(projects.id, projectId))
  if (!row) return 'missing'
  if (!row.listed) return 'not-listed'
  if (scope.kind === 'none' || (scope.kind === 'owner-unit' && row.ownerUnit !== scope.ownerUnit)) return 'forbidden'
  return 'shown'
}

/**
 * The zones, and the units of the projects not retired. An owner unit limited to its own projects is
 * offered its own unit and the units responsible for its projects in the open year's list (none: none).
 */
export async function filterOptionsOf(database: Database, scope: DataScope = EVERY_PROJECT): Promise<FilterOptions> {
  const rows = await database.rows<{ owner_unit: string; responsible_unit: string }>(
    scope.kind === 'all'
      ? sql`select distinct owner_unit, responsible_unit from projects where retired_at is null`
      : sql`select distinct p.owner_unit, p.responsible_unit from projects p where p.retired_at is null
          and ${scope.kind === 'owner-unit' ? sql`p.owner_unit = ${scope.ownerUnit}` : sql`false`}
          and exists(select 1 from project_years y where y.project_id = p.id and y.year = ${PLAN_YEAR_SQL})`,
  )
  return {
    zones: ZONES.map((z) => ({ id: z.id, name: z.name })),
    ownerUnits: [...new Set(rows.map((r) => r.owner_unit))].sort(compareZh),
    responsibleUnits: [...new Set(rows.map((r) => r.responsible_unit))].sort(compareZh),
  }
}

/**
 * Run the summary's queries once before listening and throw the answer away: the embedded database
 * is WebAssembly, and its first aggregation runs ~2× slower while the engine warms up (measured:
 * 126 ms cold, 40 ms warm over 10,000 projects). This warms the engine, not a cached answer.
 */
export async function prewarm(database: Database) {
  const calendar = await calendarOf(database, new Date())
  for (let i = 0; i < 2; i++) await summaryOf(database, calendar.latestReportMonth, calendar)
}
