import {
  emptyLagCounts,
  type GroupFigures,
  type KeyedFigures,
  type MonthlyPoint,
  type ProjectListItem,
  type ProjectRecord,
  type ProjectStatus,
  type ZoneSummary,
} from '@/contract'
import { ZONES, zoneInfo } from './labels'
import { classifyProject, cumulativeTo, gapInPoints, monthOf, scheduleRate } from './rules'

export type Evaluated = { record: ProjectRecord; status: ProjectStatus }

export function evaluateAll(records: readonly ProjectRecord[], asOfMonth: number, planYear: number): Evaluated[] {
  return records.map((record) => ({ record, status: classifyProject(record, asOfMonth, planYear) }))
}

/** Figures of a group in one pass; money sums stay exact integers of 万元. */
export function groupFigures(items: readonly Evaluated[], asOfMonth: number): GroupFigures {
  const lagCounts = emptyLagCounts()
  let totalInvestmentWan = 0
  let annualPlanWan = 0
  let actualWan = 0
  let shortfallWan = 0
  for (const { record, status } of items) {
    totalInvestmentWan += record.totalInvestmentWan
    annualPlanWan += record.annualPlanWan
    actualWan += status.cumulativeActualWan
    shortfallWan += status.shortfallWan
    lagCounts[status.lagClass] += 1
  }
  const completionRate = annualPlanWan > 0 ? actualWan / annualPlanWan : null
  return {
    projectCount: items.length,
    totalInvestmentWan,
    annualPlanWan,
    actualWan,
    completionRate,
    gapPoints: completionRate === null ? null : gapInPoints(completionRate, scheduleRate(asOfMonth)),
    shortfallWan,
    lagCounts,
  }
}

/** Figures per key, in the order of `keys` (every key appears, even with no project). */
export function figuresBy<K extends string>(
  items: readonly Evaluated[],
  asOfMonth: number,
  keyOf: (record: ProjectRecord) => K,
  keys: readonly K[],
  labels: Record<K, string>,
): KeyedFigures[] {
  const buckets = new Map<K, Evaluated[]>(keys.map((k) => [k, []]))
  for (const item of items) buckets.get(keyOf(item.record))?.push(item)
  return keys.map((key) => ({ key, label: labels[key], ...groupFigures(buckets.get(key) ?? [], asOfMonth) }))
}

/** Monthly plan vs actual of a group; actuals only up to the as-of month. */
export function monthlySeries(records: readonly ProjectRecord[], asOfMonth: number): MonthlyPoint[] {
  const points: MonthlyPoint[] = []
  let cumulativePlanWan = 0
  let cumulativeActualWan = 0
  for (let m = 1; m <= 12; m++) {
    let planWan = 0
    let actualWan = 0
    for (const r of records) {
      planWan += r.monthlyPlanWan[m - 1] ?? 0
      if (m <= asOfMonth) actualWan += r.monthlyActualWan[m - 1] ?? 0
    }
    cumulativePlanWan += planWan
    if (m <= asOfMonth) cumulativeActualWan += actualWan
    points.push({
      month: m,
      planWan,
      actualWan: m <= asOfMonth ? actualWan : null,
      cumulativePlanWan,
      cumulativeActualWan: m <= asOfMonth ? cumulativeActualWan : null,
    })
  }
  return points
}

export function toListItem({ record, status }: Evaluated, asOfMonth: number): ProjectListItem {
  return {
    id: record.id,
    name: record.name,
    simulatedName: !record.sourcedFields.includes('name'),
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
  return b.status.shortfallWan - a.status.shortfallWan || (a.status.gapPoints ?? 0) - (b.status.gapPoints ?? 0)
}

function rankOf(rates: Map<string, number | null>): Map<string, number> {
  const ordered = [...rates.entries()].sort((a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity))
  return new Map(ordered.map(([id], i) => [id, i + 1]))
}

/**
 * One card per zone with this month's and last month's completion rate and rank. Takes the
 * evaluations already made for the as-of month; last month needs only sums, not a second judgement.
 */
export function zoneSummaries(evaluated: readonly Evaluated[], asOfMonth: number): ZoneSummary[] {
  const buckets = new Map<string, Evaluated[]>(ZONES.map((z) => [z.id, []]))
  const previousActual = new Map<string, number>(ZONES.map((z) => [z.id, 0]))
  for (const item of evaluated) {
    buckets.get(item.record.zoneId)?.push(item)
    if (asOfMonth > 1) {
      const zoneId = item.record.zoneId
      previousActual.set(zoneId, (previousActual.get(zoneId) ?? 0) + cumulativeTo(item.record.monthlyActualWan, asOfMonth - 1))
    }
  }
  const figures = ZONES.map((zone) => {
    const now = groupFigures(buckets.get(zone.id) ?? [], asOfMonth)
    const before =
      asOfMonth > 1 && now.annualPlanWan > 0 ? (previousActual.get(zone.id) ?? 0) / now.annualPlanWan : null
    return { zone, now, before }
  })
  const rankNow = rankOf(new Map(figures.map((f) => [f.zone.id, f.now.completionRate])))
  const rankBefore = asOfMonth > 1 ? rankOf(new Map(figures.map((f) => [f.zone.id, f.before]))) : null
  return figures.map((f) => ({
    ...f.now,
    id: f.zone.id,
    name: f.zone.name,
    group: f.zone.group,
    previousCompletionRate: f.before,
    rank: rankNow.get(f.zone.id) ?? 1,
    previousRank: rankBefore?.get(f.zone.id) ?? null,
  }))
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
