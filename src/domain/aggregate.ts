import {
  isDelayedClass,
  emptyLagCounts,
  type LagCounts,
  type GroupFigures,
  type KeyedFigures,
  type MonthlyPoint,
  type ProjectListItem,
  type ProjectRecord,
  type ProjectStatus,
  type ZoneSummary,
} from '@/contract'
import { ZONES, isRankedZone, zoneInfo } from './labels'
import { hasSimulatedName } from './provenance'
import { classifyProject, cumulativeTo, gapInPoints, monthOf, scheduleRate } from './rules'

export type Evaluated = { record: ProjectRecord; status: ProjectStatus }

export function evaluateAll(records: readonly ProjectRecord[], asOfMonth: number, planYear: number): Evaluated[] {
  return records.map((record) => ({ record, status: classifyProject(record, asOfMonth, planYear) }))
}

/** The sums a group's figures are made of; SQL aggregates give the same. */
export type GroupSums = {
  projectCount: number
  totalInvestmentWan: number
  annualPlanWan: number
  actualWan: number
  shortfallWan: number
  delayedShortfallWan: number
  lagCounts: LagCounts
  notStartedRedCount: number
}

export const emptySums = (): GroupSums => ({
  projectCount: 0,
  totalInvestmentWan: 0,
  annualPlanWan: 0,
  actualWan: 0,
  shortfallWan: 0,
  delayedShortfallWan: 0,
  lagCounts: emptyLagCounts(),
  notStartedRedCount: 0,
})

/** Rates and gap of a group from its sums (one formula for the in-memory and the SQL implementation). */
export function figuresFromSums(sums: GroupSums, asOfMonth: number): GroupFigures {
  const completionRate = sums.annualPlanWan > 0 ? sums.actualWan / sums.annualPlanWan : null
  return {
    ...sums,
    lagCounts: { ...sums.lagCounts },
    completionRate,
    gapPoints: completionRate === null ? null : gapInPoints(completionRate, scheduleRate(asOfMonth)),
  }
}

/** Add one judged project to a group's sums. */
function addProject(sums: GroupSums, { record, status }: Evaluated) {
  sums.projectCount += 1
  sums.totalInvestmentWan += record.totalInvestmentWan
  sums.annualPlanWan += record.annualPlanWan
  sums.actualWan += status.cumulativeActualWan
  sums.shortfallWan += status.shortfallWan
  if (isDelayedClass(status.lagClass)) sums.delayedShortfallWan += status.shortfallWan
  sums.lagCounts[status.lagClass] += 1
  if (status.lagClass === 'not-started' && status.severity === 'red') sums.notStartedRedCount += 1
}

/** Figures of a group in one pass; money sums stay exact integers of 万元. */
export function groupFigures(items: readonly Evaluated[], asOfMonth: number): GroupFigures {
  const sums = emptySums()
  for (const item of items) addProject(sums, item)
  return figuresFromSums(sums, asOfMonth)
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

/** Figures per key, in the order of `keys` (every key appears, even with no project). */
export function figuresBy<K extends string>(
  items: readonly Evaluated[],
  asOfMonth: number,
  keyOf: (record: ProjectRecord) => K,
  keys: readonly K[],
  labels: Record<K, string>,
): KeyedFigures[] {
  const sums = new Map<string, GroupSums>()
  for (const item of items) {
    const key = keyOf(item.record)
    let group = sums.get(key)
    if (!group) sums.set(key, (group = emptySums()))
    addProject(group, item)
  }
  return keyedFigures(keys, labels, sums, asOfMonth)
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

/** Monthly plan vs actual of a group; actuals only up to the as-of month. */
export function monthlySeries(records: readonly ProjectRecord[], asOfMonth: number): MonthlyPoint[] {
  const plan = new Array<number>(12).fill(0)
  const actual = new Array<number>(12).fill(0)
  for (const r of records) {
    for (let i = 0; i < 12; i++) {
      plan[i]! += r.monthlyPlanWan[i] ?? 0
      actual[i]! += r.monthlyActualWan[i] ?? 0
    }
  }
  return monthlySeriesFromSums(plan, actual, asOfMonth)
}

export function toListItem({ record, status }: Evaluated, asOfMonth: number): ProjectListItem {
  return {
    id: record.id,
    name: record.name,
    simulatedName: hasSimulatedName(record),
    zoneId: record.zoneId,
    zoneName: zoneInfo(record.zoneId).name,
    focusArea: record.focusArea,
    investmentType: record.investmentType,
    stage: record.stage,
    ownerUnit: record.ownerUnit,
    responsibleUnit: record.responsibleUnit,
    totalInvestmentWan: record.totalInvestmentWan,
    annualPlanWan: record.annualPlanWan,
    progress: progressAt(record, asOfMonth),
    status,
    reportPending: record.pendingReportMonths.includes(asOfMonth),
  }
}

/** 形象进度 as of a month: the latest entry up to it, else the end-of-last-year baseline. */
export function progressAt(record: ProjectRecord, asOfMonth: number): ProjectRecord['baselineProgress'] {
  let latest: ProjectRecord['baselineProgress'] = record.baselineProgress
  for (const entry of record.progressHistory) {
    if (entry.month <= asOfMonth) latest = { percent: entry.percent, text: entry.text }
  }
  return latest
}

/** Shortfall first, then the worse gap: the order a reviewer works in. */
export function byShortfall(a: Evaluated, b: Evaluated): number {
  return (
    b.status.shortfallWan - a.status.shortfallWan ||
    (a.status.gapPoints ?? 0) - (b.status.gapPoints ?? 0) ||
    (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)
  )
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

/**
 * One card per zone with this month's and last month's completion rate and rank. Takes the
 * evaluations already made for the as-of month; last month needs only sums, not a second judgement.
 */
export function zoneSummaries(evaluated: readonly Evaluated[], asOfMonth: number): ZoneSummary[] {
  const buckets = new Map<string, Evaluated[]>(ZONES.map((z) => [z.id, []]))
  const previousActual = asOfMonth > 1 ? new Map<string, number>(ZONES.map((z) => [z.id, 0])) : null
  for (const item of evaluated) {
    buckets.get(item.record.zoneId)?.push(item)
    if (previousActual) {
      const zoneId = item.record.zoneId
      previousActual.set(zoneId, (previousActual.get(zoneId) ?? 0) + cumulativeTo(item.record.monthlyActualWan, asOfMonth - 1))
    }
  }
  const figures = new Map(ZONES.map((z) => [z.id as string, groupFigures(buckets.get(z.id) ?? [], asOfMonth)]))
  return zoneSummariesFromFigures(figures, previousActual, asOfMonth)
}

/** New starts: planned this year, due by the as-of month, and started by then. */
export function newStartFigures(records: readonly ProjectRecord[], asOfMonth: number, planYear: number) {
  let plannedThisYear = 0
  let dueToDate = 0
  let started = 0
  let startedOfDue = 0
  for (const r of records) {
    if (r.stage !== 'new-start') continue
    plannedThisYear += 1
    const due = monthOf(r.plannedStartDate, planYear) <= asOfMonth
    const isStarted = r.actualStartDate !== null && monthOf(r.actualStartDate, planYear) <= asOfMonth
    if (due) dueToDate += 1
    if (isStarted) started += 1
    if (due && isStarted) startedOfDue += 1
  }
  return {
    plannedThisYear,
    dueToDate,
    started,
    startedOfDue,
    startRateToDate: dueToDate > 0 ? startedOfDue / dueToDate : null,
    startRateYear: plannedThisYear > 0 ? started / plannedThisYear : null,
  }
}

/** The sums of a filtered list (ProjectList.totals) from its figures. */
export function listTotals(figures: GroupFigures) {
  return {
    totalInvestmentWan: figures.totalInvestmentWan,
    annualPlanWan: figures.annualPlanWan,
    actualWan: figures.actualWan,
    shortfallWan: figures.shortfallWan,
    completionRate: figures.completionRate,
  }
}
