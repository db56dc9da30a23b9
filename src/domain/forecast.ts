import type { ProjectRecord } from '@/contract'
import { classifyMoneyGap, cumulativeTo, monthOf } from './rules'

/**
 * Will the year land (issue 27, decision 75): the district's monthly pattern, each project's computed forecast
 * beside its owner's 全年预计, the 预计偏乐观 mark, and the catch-up (冲刺) a project behind 序时 needs.
 * Every rule here is pure; the server stores the per-project parts in the read model and sums the rest in SQL.
 */

/** The settings of the forecast and the catch-up (env FORECAST_OPTIMISM_MARGIN and CATCH_UP_MAX_RATIO). */
export type ForecastSettings = {
  /** An owner's forecast above the computed one by more than this percentage is 预计偏乐观. */
  optimismMarginPercent: number
  /** A catch-up needing more than this many times the project's best month is 按现有进度难以完成. */
  feasibleRatio: number
}

export const DEFAULT_FORECAST_SETTINGS: ForecastSettings = { optimismMarginPercent: 20, feasibleRatio: 2 }

/** A computed forecast never exceeds this many times the annual plan (an early month's spurt is not a year). */
export const PACE_CAP_TIMES_PLAN = 2

/** Where the monthly pattern came from: the approved months of closed years, this year's plan, or even months. */
export type PatternSource = 'closed-years' | 'plan' | 'even'

/** How a year's investment usually spreads over its twelve months: shares that add up to 1. */
export type MonthlyPattern = { source: PatternSource; years: number[]; shares: number[] }

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/**
 * The district's monthly pattern: the approved monthly actuals of the closed years (summed over every such year
 * that has any), else this year's monthly plans (the plan's shape), else twelve even months (序时).
 */
export function monthlyPattern(closedYears: readonly { year: number; monthlyActualWan: readonly number[] }[], planMonthlyWan: readonly number[]): MonthlyPattern {
  const years = closedYears.filter((y) => sum(y.monthlyActualWan) > 0)
  if (years.length > 0) {
    const totals = Array.from({ length: 12 }, (_, i) => sum(years.map((y) => y.monthlyActualWan[i] ?? 0)))
    const all = sum(totals)
    return { source: 'closed-years', years: years.map((y) => y.year).sort((a, b) => a - b), shares: totals.map((t) => t / all) }
  }
  const planTotal = sum(planMonthlyWan)
  if (planTotal > 0) return { source: 'plan', years: [], shares: Array.from({ length: 12 }, (_, i) => (planMonthlyWan[i] ?? 0) / planTotal) }
  return { source: 'even', years: [], shares: new Array<number>(12).fill(1 / 12) }
}

/**
 * The share of a project's year that the pattern puts in its months up to `month`, counting only the months of
 * its own plan (from its first to its last month with a planned amount): a new start planned from July is not
 * expected to have spent January's share. 0 before its planned months begin, 1 once they are over.
 */
export function windowShare(pattern: MonthlyPattern, firstPlanMonth: number | null, lastPlanMonth: number | null, month: number): number {
  const first = firstPlanMonth ?? 1
  const last = lastPlanMonth ?? 12
  if (month < first) return 0
  if (month >= last) return 1
  let inWindow = 0
  let toMonth = 0
  for (let m = first; m <= last; m++) {
    const share = pattern.shares[m - 1] ?? 0
    inWindow += share
    if (m <= month) toMonth += share
  }
  // The pattern has nothing in the project's months: fall back to even months over them.
  if (inWindow === 0) return (month - first + 1) / (last - first + 1)
  return toMonth / inWindow
}

/**
 * windowShare for every plan window as of `month`: entry (first − 1) × 12 + (last − 1) is
 * windowShare(pattern, first, last, month). The server's SQL reads a project's share from it (decision 75).
 */
export function windowShareTable(pattern: MonthlyPattern, month: number): number[] {
  const table = new Array<number>(144).fill(0)
  for (let first = 1; first <= 12; first++) for (let last = first; last <= 12; last++) table[(first - 1) * 12 + (last - 1)] = windowShare(pattern, first, last, month)
  return table
}

/** What the computed forecast of one project needs, as of one month: the record and the read model both give it. */
export type ForecastInput = {
  annualPlanWan: number
  /** Approved actual 1-N月. */
  cumulativeActualWan: number
  /** Finished by the as-of month (已完工), or retired from the list: nothing more will be counted. */
  finished: boolean
  /** Months up to the as-of month with an approved report. */
  reportedMonths: number
  /** The first and last months with a planned amount (null: no monthly plan at all). */
  firstPlanMonth: number | null
  lastPlanMonth: number | null
  /** 总投资 − 截至上年底完成: what is left of the project at the start of the year (null: unknown, no cap). */
  remainingInvestmentWan: number | null
}

/**
 * The computed forecast (万元, whole): the actual to date, grown at the project's own pace by the pattern.
 *   finished or retired                      → A (its actual)
 *   no annual plan                           → A
 *   its planned months not begun (S = 0)     → max(A, P) (nothing yet to judge its pace by: its plan stands)
 *   no approved month yet                    → A (= 0: no evidence of any pace, none assumed)
 *   otherwise                                → round( max(A, min(A ÷ S, cap)) ), cap = min(2P, max(P, R))
 * where A = approved actual 1-N月, P = annual plan, S = windowShare (the pattern's share of the project's months
 * up to N), R = 总投资 − 截至上年底完成. A ÷ S = A + (1 − S) × A ÷ S: the remaining share at the pace so far.
 */
export function computedForecastWan(input: ForecastInput, pattern: MonthlyPattern, month: number): number {
  const { annualPlanWan: plan, cumulativeActualWan: actual } = input
  if (input.finished || plan === 0) return actual
  const share = windowShare(pattern, input.firstPlanMonth, input.lastPlanMonth, month)
  if (share === 0) return Math.max(actual, plan)
  if (input.reportedMonths === 0) return actual
  const cap = Math.min(PACE_CAP_TIMES_PLAN * plan, input.remainingInvestmentWan === null ? Infinity : Math.max(plan, input.remainingInvestmentWan))
  return Math.round(Math.max(actual, Math.min(actual / share, cap)))
}

/** The first and last months of a twelve-month plan with an amount (null, null: none). */
export function planWindow(monthlyPlanWan: readonly number[]): { firstPlanMonth: number | null; lastPlanMonth: number | null } {
  let first: number | null = null
  let last: number | null = null
  monthlyPlanWan.forEach((v, i) => {
    if (v > 0) {
      first ??= i + 1
      last = i + 1
    }
  })
  return { firstPlanMonth: first, lastPlanMonth: last }
}

/** The approved months up to `month`: how many, the best one and the average of them (万元, whole). */
export function monthsDelivered(monthlyActualWan: readonly (number | null)[], month: number) {
  let reportedMonths = 0
  let bestMonthWan = 0
  for (let i = 0; i < month && i < monthlyActualWan.length; i++) {
    const v = monthlyActualWan[i]
    if (v === null || v === undefined) continue
    reportedMonths++
    bestMonthWan = Math.max(bestMonthWan, v)
  }
  const cumulative = cumulativeTo(monthlyActualWan, month)
  return { reportedMonths, bestMonthWan, averageMonthWan: reportedMonths === 0 ? 0 : Math.round(cumulative / reportedMonths) }
}

/** The forecast input of a record as of a month of its plan year. */
export function forecastInputOf(record: ProjectRecord, month: number, planYear: number): ForecastInput {
  return {
    annualPlanWan: record.annualPlanWan,
    cumulativeActualWan: cumulativeTo(record.monthlyActualWan, month),
    finished: record.retired !== null || (record.actualCompletionDate !== null && monthOf(record.actualCompletionDate, planYear) <= month),
    reportedMonths: monthsDelivered(record.monthlyActualWan, month).reportedMonths,
    ...planWindow(record.monthlyPlanWan),
    remainingInvestmentWan: Math.max(0, record.totalInvestmentWan - record.completedBeforeYearWan),
  }
}

/**
 * The owners' forecast of one project: its latest approved 全年预计 of the year (up to the as-of month); without
 * one, a finished project counts its actual and any other its annual plan (an owner that has said nothing else
 * stands by the plan it was given). `given` says which.
 */
export function ownerForecastOf(latestForecastWan: number | null, input: Pick<ForecastInput, 'finished' | 'annualPlanWan' | 'cumulativeActualWan'>): { wan: number; given: boolean } {
  if (latestForecastWan !== null) return { wan: latestForecastWan, given: true }
  return { wan: input.finished ? input.cumulativeActualWan : input.annualPlanWan, given: false }
}

/** 预计偏乐观: the owner's own forecast exceeds the computed one by more than the margin (exact on whole 万元). */
export function isOptimistic(ownerForecastWan: number | null, computedWan: number, settings: Pick<ForecastSettings, 'optimismMarginPercent'> = DEFAULT_FORECAST_SETTINGS): boolean {
  if (ownerForecastWan === null) return false
  return 100 * ownerForecastWan > computedWan * (100 + settings.optimismMarginPercent)
}

/** The catch-up (冲刺) of a project, without the feasibility mark (the read model stores this part). */
export type CatchUpFigures = {
  /** (annual plan − actual) ÷ the months left after the as-of month, rounded up to a whole 万元. */
  neededPerMonthWan: number
  bestMonthWan: number
  averageMonthWan: number
  /** The exact need ÷ the best month, to 0.01; null when no month has delivered anything. */
  ratioToBest: number | null
}
export type CatchUp = CatchUpFigures & { feasible: boolean }

/** What the catch-up of a project needs: the read model's columns give it, and so does the record. */
export type CatchUpInput = {
  annualPlanWan: number
  cumulativeActualWan: number
  /** The as-of judgement's class: 已完工 and 未到开工期 have no catch-up. */
  lagClass: string
  bestMonthWan: number
  averageMonthWan: number
}

/**
 * The catch-up of a project behind 序时 (the app's one judgement of "behind": 12 × A < N × P) as of month N:
 * what it must deliver in each month from N+1 to December to reach its annual plan, beside its best and its
 * average approved month. Null when it is not behind, finished, not yet due to start, has no plan, or the year
 * has no month left (December).
 */
export function catchUpFiguresOf(input: CatchUpInput, month: number): CatchUpFigures | null {
  const { annualPlanWan: plan, cumulativeActualWan: actual } = input
  if (input.lagClass === 'completed' || input.lagClass === 'pending-start') return null
  if (plan === 0 || month >= 12 || actual >= plan) return null
  if (!classifyMoneyGap(actual, plan, month).behind) return null
  const remaining = 12 - month
  const needed = (plan - actual) / remaining
  return {
    neededPerMonthWan: Math.ceil(needed),
    bestMonthWan: input.bestMonthWan,
    averageMonthWan: input.averageMonthWan,
    ratioToBest: input.bestMonthWan === 0 ? null : Math.round((needed / input.bestMonthWan) * 100) / 100,
  }
}

/** 按现有进度难以完成 or not: a need of at most `feasibleRatio` × the best month is feasible; no best month is not. */
export function withFeasibility(figures: CatchUpFigures | null, settings: Pick<ForecastSettings, 'feasibleRatio'> = DEFAULT_FORECAST_SETTINGS): CatchUp | null {
  if (figures === null) return null
  return { ...figures, feasible: figures.ratioToBest !== null && figures.ratioToBest <= settings.feasibleRatio }
}

/** The catch-up of a record as of a month (the project page's; the lists read the same figures from the read model). */
export function catchUpOfRecord(record: ProjectRecord, lagClass: string, month: number, settings: ForecastSettings = DEFAULT_FORECAST_SETTINGS): CatchUp | null {
  const delivered = monthsDelivered(record.monthlyActualWan, month)
  return withFeasibility(
    catchUpFiguresOf(
      { annualPlanWan: record.annualPlanWan, cumulativeActualWan: cumulativeTo(record.monthlyActualWan, month), lagClass, bestMonthWan: delivered.bestMonthWan, averageMonthWan: delivered.averageMonthWan },
      month,
    ),
    settings,
  )
}

/**
 * The catch-up of a group (a zone, the district): the plan left ÷ the months left, against the average of what
 * the last three months (or fewer, early in the year) delivered. Null when the plan is reached or no month is left.
 */
export function groupCatchUpOf(planWan: number, actualWan: number, month: number, recentMonthsWan: readonly number[]) {
  if (month >= 12 || actualWan >= planWan) return null
  const needed = (planWan - actualWan) / (12 - month)
  const recent = recentMonthsWan.slice(-3)
  const recentAverage = recent.length === 0 ? 0 : sum(recent) / recent.length
  return {
    neededPerMonthWan: Math.ceil(needed),
    recentMonthlyAverageWan: Math.round(recentAverage),
    ratio: recentAverage === 0 ? null : Math.round((needed / recentAverage) * 100) / 100,
  }
}
