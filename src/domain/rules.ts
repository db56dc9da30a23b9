import type { LagClass, ProjectRecord, ProjectStatus, Severity } from '@/contract'
import { zhDate } from './calendar'

/**
 * Bump when a judgement's output changes (class, gap, shortfall, rule text): a server started on a database
 * judged by older rules re-judges its read model once (server/db/rejudge.ts).
 */
export const RULES_VERSION = '2026-11-28.1'

/**
 * Every threshold of the lag rules, in one place (DOMAIN.md, after Yinchuan's traffic lights).
 * Gaps are in percentage points of 投资完成率 against 序时进度.
 */
export const LAG_THRESHOLDS = {
  /** A gap at or above this is 正常 (0 and above: 达到/超过序时进度). */
  laggingBelowPoints: -10,
  /** A gap below this is 严重滞后. */
  severeBelowPoints: -30,
  /** 应开未开 turns red once this many months have passed since the planned start month. */
  notStartedRedAfterMonths: 3,
} as const

/**
 * The colour band of a group's gap in points (a zone, a category, the district): the thresholds of
 * classifyMoneyGap on the gap as rounded for display, since a group has no single lag class.
 */
export function severityOfGap(gapPoints: number | null): Severity {
  if (gapPoints === null) return 'grey'
  if (gapPoints >= LAG_THRESHOLDS.laggingBelowPoints) return 'green'
  if (gapPoints >= LAG_THRESHOLDS.severeBelowPoints) return 'yellow'
  return 'red'
}

/** 序时进度 at the end of month M: M/12. */
export function scheduleRate(month: number): number {
  return month / 12
}

/** Sum of the first `month` values; null values (no report) count as 0. */
export function cumulativeTo(values: readonly (number | null)[], month: number): number {
  let sum = 0
  for (let i = 0; i < month && i < values.length; i++) sum += values[i] ?? 0
  return sum
}

/** The project's own planned cumulative share at the end of month M (累计计划 ÷ 年度计划). */
export function plannedShare(record: Pick<ProjectRecord, 'monthlyPlanWan' | 'annualPlanWan'>, month: number): number | null {
  if (record.annualPlanWan === 0) return null
  return cumulativeTo(record.monthlyPlanWan, month) / record.annualPlanWan
}

/** A rate (1 = 100%) in percentage points, rounded to 0.01 so that sums and displays agree: 0.68025 → 68.03. */
export function inPoints(rate: number): number {
  return Math.round(rate * 10000) / 100
}

/**
 * Difference between two rates in percentage points, by inPoints: the gap (完成率 − 序时进度) of a project,
 * a zone or the district, and a rate's change from last month. Every such difference is computed here.
 */
export function gapInPoints(rate: number, reference: number): number {
  return inPoints(rate - reference)
}

/** Amount short of 序时 pace in 万元: annual plan × M/12 − cumulative actual, never negative, rounded. */
export function shortfallWan(annualPlanWan: number, cumulativeActualWan: number, month: number): number {
  const expectedTimes12 = annualPlanWan * month
  const short = expectedTimes12 - cumulativeActualWan * 12
  return short > 0 ? Math.round(short / 12) : 0
}

/** Month number (1-12) of an ISO date in the plan year; earlier years give 0, later years 13. */
export function monthOf(isoDate: string, planYear: number): number {
  const year = Number(isoDate.slice(0, 4))
  if (year < planYear) return 0
  if (year > planYear) return 13
  return Number(isoDate.slice(5, 7))
}

/**
 * The months missed in a row up to the as-of month, in words: "9月未报送", "8、9月连续未报送",
 * "5-9月连续5个月未报送". `lastReportMonth` is the latest reported month up to it (null: none this year).
 */
export function missedMonthsText(asOfMonth: number, lastReportMonth: number | null): string {
  const first = (lastReportMonth ?? 0) + 1
  const missed = asOfMonth - first + 1
  if (missed <= 1) return `${asOfMonth}月未报送`
  if (missed === 2) return `${first}、${asOfMonth}月连续未报送`
  return `${first}-${asOfMonth}月连续${missed}个月未报送`
}

/**
 * Which months a stale project's figures are from: "截至8月累计，9月未报送". Its 累计 figures stop at the
 * last report, so they are never labelled as the as-of month's.
 */
export function staleFiguresText(asOfMonth: number, lastReportMonth: number | null): string {
  const missed = missedMonthsText(asOfMonth, lastReportMonth)
  return lastReportMonth === null ? `本年度尚无报送，${missed}` : `截至${lastReportMonth}月累计，${missed}`
}

const points = (n: number) => `${Math.abs(n).toFixed(2)}个百分点`

/**
 * The money gap judged exactly on integers of 万元 (DOMAIN.md: compute from exact 万元, round only for
 * display): gap = 100 × (12 × actual − M × plan) ÷ (12 × plan) points, compared against each threshold
 * without floating-point or display rounding, so −10.004 is 滞后 and −0.004 is 略低于.
 */
export function classifyMoneyGap(cumulativeActualWan: number, annualPlanWan: number, month: number) {
  const numerator = 100 * (12 * cumulativeActualWan - month * annualPlanWan)
  const denominator = 12 * annualPlanWan
  const atLeast = (points: number) => numerator >= points * denominator
  if (atLeast(0)) return { lagClass: 'on-pace' as const, severity: 'green' as const, behind: numerator < 0 }
  if (atLeast(LAG_THRESHOLDS.laggingBelowPoints)) return { lagClass: 'slightly-behind' as const, severity: 'green' as const, behind: true }
  if (atLeast(LAG_THRESHOLDS.severeBelowPoints)) return { lagClass: 'lagging' as const, severity: 'yellow' as const, behind: true }
  return { lagClass: 'severe' as const, severity: 'red' as const, behind: true }
}

/**
 * Judge one project at the end of month `asOfMonth` of `planYear`. Order matters:
 * 已完工 → 未报送 (never shown as on pace) → 应开未开 / 未到开工期 for new starts → the money gap.
 */
export function classifyProject(record: ProjectRecord, asOfMonth: number, planYear: number): ProjectStatus {
  const cumulativeActualWan = cumulativeTo(record.monthlyActualWan, asOfMonth)
  const cumulativePlanWan = cumulativeTo(record.monthlyPlanWan, asOfMonth)
  const completionRate = record.annualPlanWan > 0 ? cumulativeActualWan / record.annualPlanWan : null
  const gapPoints = completionRate === null ? null : gapInPoints(completionRate, scheduleRate(asOfMonth))
  let lastReportMonth: number | null = null
  for (let m = asOfMonth; m >= 1; m--) {
    if (record.monthlyActualWan[m - 1] !== null) {
      lastReportMonth = m
      break
    }
  }
  // One object per judgement (this runs for every project on every request).
  const status = (lagClass: LagClass, severity: Severity, rule: string, shortfall: number, monthsOverdue = 0): ProjectStatus => ({
    lagClass,
    severity,
    rule,
    cumulativeActualWan,
    cumulativePlanWan,
    completionRate,
    // A project not yet due to start is not judged on money, so it has no gap (and sorts after every
    // judged project); its plan still counts in zone and district totals (decision 37).
    gapPoints: lagClass === 'pending-start' ? null : gapPoints,
    shortfallWan: shortfall,
    monthsOverdue,
    lastReportMonth,
  })
  const shortfall = shortfallWan(record.annualPlanWan, cumulativeActualWan, asOfMonth)

  if (record.actualCompletionDate && monthOf(record.actualCompletionDate, planYear) <= asOfMonth) {
    return status('completed', 'green', `已于${zhDate(record.actualCompletionDate)}完工`, 0)
  }
  if (record.monthlyActualWan[asOfMonth - 1] === null) {
    return status('not-reported', 'grey', staleFiguresText(asOfMonth, lastReportMonth), shortfall)
  }
  if (record.stage === 'new-start') {
    const started = record.actualStartDate !== null && monthOf(record.actualStartDate, planYear) <= asOfMonth
    const plannedStartMonth = monthOf(record.plannedStartDate, planYear)
    const plannedYear = Number(record.plannedStartDate.slice(0, 4))
    const plannedLabel =
      plannedYear === planYear ? `${plannedStartMonth}月` : `${plannedYear}年${Number(record.plannedStartDate.slice(5, 7))}月`
    if (!started && plannedStartMonth <= asOfMonth) {
      // Count calendar months, also when the planned start was in an earlier year.
      const monthsOverdue = (planYear - plannedYear) * 12 + asOfMonth - Number(record.plannedStartDate.slice(5, 7))
      const red = monthsOverdue >= LAG_THRESHOLDS.notStartedRedAfterMonths
      const rule =
        monthsOverdue === 0
          ? `计划${plannedLabel}开工，本月未开工`
          : `计划${plannedLabel}开工，已逾期${monthsOverdue}个月未开工`
      return status('not-started', red ? 'red' : 'yellow', rule, shortfall, monthsOverdue)
    }
    if (!started) return status('pending-start', 'grey', `计划${plannedLabel}开工，尚未到期`, 0)
  }
  if (gapPoints === null) return status('on-pace', 'green', '本年度无计划投资', 0)
  const judged = classifyMoneyGap(cumulativeActualWan, record.annualPlanWan, asOfMonth)
  // The words follow the exact judgement; the figure is the rounded one shown everywhere.
  // Exactly on pace reads 达到序时进度 (as lib/format's gapText does), not "高于…0.00个百分点".
  const exactlyOnPace = 12 * cumulativeActualWan === asOfMonth * record.annualPlanWan
  const rule = judged.behind
    ? `完成率低于序时进度${points(gapPoints)}`
    : exactlyOnPace
      ? '完成率达到序时进度'
      : `完成率高于序时进度${points(gapPoints)}`
  return status(judged.lagClass, judged.severity, rule, shortfall)
}

