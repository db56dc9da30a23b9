import { emptyLagCounts, type LagCounts, type GroupFigures, type KeyedFigures, type MonthlyPoint, type ProjectRecord, type ZoneSummary, type ZoneSort } from '@/contract'
import { ZONES, isRankedZone } from './labels'
import { gapInPoints, monthOf, scheduleRate } from './rules'

/** The sums a group's figures are made of; SQL aggregates give the same. */
export type GroupSums = {
  projectCount: number
  totalInvestmentWan: number
  annualPlanWan: number
  cumulativeActualWan: number
  shortfallWan: number
  delayedShortfallWan: number
  lagCounts: LagCounts
  notStartedRedCount: number
}

export const emptySums = (): GroupSums => ({
  projectCount: 0,
  totalInvestmentWan: 0,
  annualPlanWan: 0,
  cumulativeActualWan: 0,
  shortfallWan: 0,
  delayedShortfallWan: 0,
  lagCounts: emptyLagCounts(),
  notStartedRedCount: 0,
})

/** Rates and gap of a group from its sums (the SQL answers add the sums up, this makes the figures). */
export function figuresFromSums(sums: GroupSums, asOfMonth: number): GroupFigures {
  const completionRate = sums.annualPlanWan > 0 ? sums.cumulativeActualWan / sums.annualPlanWan : null
  return {
    ...sums,
    lagCounts: { ...sums.lagCounts },
    completionRate,
    gapPoints: completionRate === null ? null : gapInPoints(completionRate, scheduleRate(asOfMonth)),
  }
}

/** Keyed figures in the order of `keys`; a key with no project gets zero figures. */
export function keyedFigures<K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
  sumsByKey: ReadonlyMap<string, GroupSums>,
  asOfMonth: number,
): KeyedFigures[] {
  return keys.map((key) => ({ key, label: labels[key], ...figuresFromSums(sumsByKey.get(key) ?? emptySums(), asOfMonth) }))
}

/**
 * Monthly plan vs actual from per-month sums (index 0 = 1月); actuals only up to the as-of month. A null
 * actual is a month with no report: its point has no figures, so a chart's line breaks there instead of
 * flat-lining, and the cumulative line resumes with the next report.
 */
export function monthlySeriesFromSums(
  planByMonth: readonly number[],
  actualByMonth: readonly (number | null)[],
  asOfMonth: number,
): MonthlyPoint[] {
  const points: MonthlyPoint[] = []
  let cumulativePlanWan = 0
  let cumulativeActualWan = 0
  for (let m = 1; m <= 12; m++) {
    const planWan = planByMonth[m - 1] ?? 0
    const actualWan = m <= asOfMonth ? (actualByMonth[m - 1] ?? null) : null
    cumulativePlanWan += planWan
    if (actualWan !== null) cumulativeActualWan += actualWan
    points.push({ month: m, planWan, actualWan, cumulativePlanWan, cumulativeActualWan: actualWan === null ? null : cumulativeActualWan })
  }
  return points
}

/**
 * One project's months: a month it did not report is a gap (see monthlySeriesFromSums); months after its
 * completion are 0, not gaps — a finished project has nothing left to report.
 */
export function projectMonthlySeries(record: ProjectRecord, asOfMonth: number, planYear: number): MonthlyPoint[] {
  const completedIn = record.actualCompletionDate ? monthOf(record.actualCompletionDate, planYear) : 13
  const actual = record.monthlyActualWan.map((wan, i) => (wan === null && i + 1 > completedIn ? 0 : wan))
  return monthlySeriesFromSums(record.monthlyPlanWan, actual, asOfMonth)
}

/** 形象进度 as of a month: the latest entry up to it, else the end-of-last-year baseline. */
export function progressAt(record: ProjectRecord, asOfMonth: number): ProjectRecord['baselineProgress'] {
  let latest: ProjectRecord['baselineProgress'] = record.baselineProgress
  for (const entry of record.progressHistory) {
    if (entry.month <= asOfMonth) latest = { percent: entry.percent, text: entry.text }
  }
  return latest
}

/** Rank of each of the seven zones by rate, best first; 跨片区/全区 gets none. */
function rankOf(rates: Map<string, number | null>): Map<string, number> {
  const ordered = [...rates.entries()].filter(([id]) => isRankedZone(id)).sort((a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity))
  return new Map(ordered.map(([id], i) => [id, i + 1]))
}

/** Zone cards from each zone's figures and last month's actual (for the change and the old rank). */
export function zoneSummariesFromFigures(
  figuresByZone: ReadonlyMap<string, GroupFigures>,
  previousActualByZone: ReadonlyMap<string, number> | null,
  asOfMonth: number,
): ZoneSummary[] {
  const figures = ZONES.map((zone) => {
    const now = figuresByZone.get(zone.id) ?? figuresFromSums(emptySums(), asOfMonth)
    const before =
      previousActualByZone && now.annualPlanWan > 0 ? (previousActualByZone.get(zone.id) ?? 0) / now.annualPlanWan : null
    return { zone, now, before }
  })
  const rankNow = rankOf(new Map(figures.map((f) => [f.zone.id, f.now.completionRate])))
  const rankBefore = previousActualByZone ? rankOf(new Map(figures.map((f) => [f.zone.id, f.before]))) : null
  return figures.map((f) => ({
    ...f.now,
    id: f.zone.id,
    name: f.zone.name,
    group: f.zone.group,
    previousCompletionRate: f.before,
    rank: rankNow.get(f.zone.id) ?? null,
    previousRank: rankBefore?.get(f.zone.id) ?? null,
  }))
}

/** The sums of a filtered list (ProjectList.totals) from its figures. */
export function listTotals(figures: GroupFigures) {
  return {
    totalInvestmentWan: figures.totalInvestmentWan,
    annualPlanWan: figures.annualPlanWan,
    cumulativeActualWan: figures.cumulativeActualWan,
    shortfallWan: figures.shortfallWan,
    completionRate: figures.completionRate,
  }
}

/** Nulls last, whatever the direction. */
const nullsLast = (a: number | null, b: number | null, desc: boolean) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : desc ? b - a : a - b

/**
 * The zone cards in the order asked for (/zones' 排序): by rank, 1 first (跨片区/全区, unranked, last); by
 * completion rate, highest first; by shortfall against 序时, the most owed first; by annual plan, the largest
 * first. Ties keep the server's order.
 */
export function sortZones<Z extends Pick<ZoneSummary, 'rank' | 'completionRate' | 'shortfallWan' | 'annualPlanWan'>>(zones: readonly Z[], sort: ZoneSort): Z[] {
  const compare: Record<ZoneSort, (a: Z, b: Z) => number> = {
    rank: (a, b) => nullsLast(a.rank, b.rank, false),
    completionRate: (a, b) => nullsLast(a.completionRate, b.completionRate, true),
    shortfall: (a, b) => b.shortfallWan - a.shortfallWan,
    annualPlan: (a, b) => b.annualPlanWan - a.annualPlanWan,
  }
  return [...zones].sort(compare[sort])
}
