import { sql, type SQL } from 'drizzle-orm'
import type { ForecastSettings } from '@/domain/forecast'

/**
 * Three rules of src/domain/forecast.ts written as SQL over one row's columns, so that GET /api/forecast sums
 * them in the database instead of shipping every judged row to JavaScript (at 10,000 projects the shipping was
 * ~110 ms of ~185 ms, decision 75). They are the domain's rules, not new ones: tests/server/forecast-sql.test.ts
 * evaluates both on every branch and holds them equal. Change one, change the other.
 */
export type ForecastColumns = {
  /** annual plan, approved actual 1-N月 (float8) */
  plan: SQL
  actual: SQL
  /** finished by the as-of month (boolean) */
  finished: SQL
  /** months with an approved report up to N (int) */
  reportedMonths: SQL
  /** first and last months with a planned amount (int, null: none) */
  firstPlanMonth: SQL
  lastPlanMonth: SQL
  /** 总投资 − 截至上年底完成 (float8, null: unknown) */
  remaining: SQL
}

/**
 * computedForecastWan: `shares` is windowShareTable(pattern, month), 144 numbers, read at
 * (first − 1) × 12 + last (SQL arrays count from 1). Math.round on non-negative figures is floor(x + 0.5).
 */
export function computedForecastSql(c: ForecastColumns, shares: readonly number[]): SQL {
  if (shares.length !== 144) throw new Error('windowShareTable gives 144 shares')
  const table = sql`${`{${shares.join(',')}}`}::float8[]`
  const share = sql`(${table})[(coalesce(${c.firstPlanMonth}, 1) - 1) * 12 + coalesce(${c.lastPlanMonth}, 12)]`
  const cap = sql`least(2 * ${c.plan}, greatest(${c.plan}, coalesce(${c.remaining}, 'Infinity'::float8)))`
  return sql`(case
    when ${c.finished} or ${c.plan} = 0 then ${c.actual}
    when ${share} = 0 then greatest(${c.actual}, ${c.plan})
    when ${c.reportedMonths} = 0 then ${c.actual}
    else floor(greatest(${c.actual}, least(${c.actual} / ${share}, ${cap})) + 0.5)
  end)::float8`
}

/** ownerForecastOf(latest, …).wan: the latest approved 全年预计, else the actual of a finished project, else its plan. */
export const ownerForecastSql = (latest: SQL, c: Pick<ForecastColumns, 'finished' | 'plan' | 'actual'>): SQL =>
  sql`coalesce(${latest}, case when ${c.finished} then ${c.actual} else ${c.plan} end)::float8`

/** isOptimistic(latest, computed, settings): an owner's own forecast above the computed one by more than the margin. */
export const optimisticSql = (latest: SQL, computed: SQL, settings: Pick<ForecastSettings, 'optimismMarginPercent'>): SQL =>
  sql`(${latest} is not null and 100 * ${latest} > ${computed} * ${100 + settings.optimismMarginPercent})`

/**
 * The reports (alias `r`) an owner's forecast is read from as of a month: the project's approved reports of the year up
 * to that month that gave a 全年预计. The latest of them (`order by r.month desc limit 1`) is the owner's forecast (decision 75).
 */
export const ownerForecastReports = (projectId: SQL, year: SQL, month: SQL) =>
  sql`r.project_id = ${projectId} and r.year = ${year} and r.month <= ${month} and r.status = 'approved' and r.forecast_year_wan is not null`

/** effectiveConfidence (src/domain/forecast-report.ts) of a report row `r`: the commission's rating when given, else the owner's. */
export const EFFECTIVE_CONFIDENCE_SQL = sql`coalesce(r.commission_confidence, r.confidence)`

/**
 * The reports (alias `r`) a project's 完成信心 is read from as of a month: its approved reports of the year up to that
 * month with a rating. The latest of them gives the project's 完成信心 (decision 74).
 */
export const confidenceReports = (projectId: SQL, year: SQL, month: SQL) =>
  sql`r.project_id = ${projectId} and r.year = ${year} and r.month <= ${month} and r.status = 'approved' and ${EFFECTIVE_CONFIDENCE_SQL} is not null`
