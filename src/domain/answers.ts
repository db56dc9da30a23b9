import {
  FOCUS_AREAS,
  INVESTMENT_TYPES,
  REPORT_PLAN_YEAR,
  STAGES,
  type FilterOptions,
  type ProjectDetail,
  type ProjectList,
  type ProjectListQuery,
  type ProjectRecord,
  type ProjectSortKey,
  type Summary,
  type ZoneDetail,
  type ZoneId,
  type ZoneList,
} from '@/contract'
import {
  byShortfall,
  evaluateAll,
  figuresBy,
  groupFigures,
  listTotals,
  monthlySeries,
  newStartFigures,
  progressAt,
  toListItem,
  zoneSummaries,
  type Evaluated,
} from './aggregate'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, STAGE_LABELS, ZONES, zoneInfo } from './labels'
import { classifyProject, cumulativeTo, gapInPoints, scheduleRate } from './rules'
import { provenanceOfRecords } from './provenance'
import { latestReportMonthOf } from './calendar'

/**
 * The API's answers computed from project records: one implementation of the contract that the
 * MSW handlers use (and any server that keeps records in memory). Pure: records in, JSON out.
 */

export const DEFAULT_PAGE_SIZE = 50
export const MOST_BEHIND_COUNT = 10

/**
 * `latestReportMonth` is the whole district's (the calendar), which for an owner unit's own records may be
 * later than their own latest report. `planYear` is the records' plan year: the server passes its
 * deployment's (GET /api/calendar); the in-memory API serves the demo dataset, whose year is the report's.
 */
export function buildSummary(
  records: readonly ProjectRecord[],
  asOfMonth: number,
  latestReportMonth = latestReportMonthOf(records),
  planYear = REPORT_PLAN_YEAR,
): Summary {
  const evaluated = evaluateAll(records, asOfMonth, planYear)
  const totals = groupFigures(evaluated, asOfMonth)
  const previousActualWan = asOfMonth > 1 ? records.reduce((sum, r) => sum + cumulativeTo(r.monthlyActualWan, asOfMonth - 1), 0) : null
  const previousRate = previousActualWan !== null && totals.annualPlanWan > 0 ? previousActualWan / totals.annualPlanWan : null
  return {
    ...totals,
    planYear,
    asOfMonth,
    latestReportMonth,
    scheduleRate: scheduleRate(asOfMonth),
    previous:
      previousActualWan === null
        ? null
        : {
            actualWan: previousActualWan,
            completionRate: previousRate,
            gapPoints: previousRate === null ? null : gapInPoints(previousRate, scheduleRate(asOfMonth - 1)),
          },
    newStarts: newStartFigures(records, asOfMonth, planYear),
    completedCount: totals.lagCounts.completed,
    byZone: zoneSummaries(evaluated, asOfMonth),
    byInvestmentType: figuresBy(evaluated, asOfMonth, (r) => r.investmentType, INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS),
    byFocusArea: figuresBy(evaluated, asOfMonth, (r) => r.focusArea, FOCUS_AREAS, FOCUS_AREA_LABELS),
    byStage: figuresBy(evaluated, asOfMonth, (r) => r.stage, STAGES, STAGE_LABELS),
    monthly: monthlySeries(records, asOfMonth),
    mostBehind: [...evaluated]
      .filter((e) => e.status.shortfallWan > 0)
      .sort(byShortfall)
      .slice(0, MOST_BEHIND_COUNT)
      .map((e) => toListItem(e, asOfMonth)),
    provenance: provenanceOfRecords(records),
  }
}

export function buildZoneList(records: readonly ProjectRecord[], asOfMonth: number, planYear = REPORT_PLAN_YEAR): ZoneList {
  const items = zoneSummaries(evaluateAll(records, asOfMonth, planYear), asOfMonth)
  return { asOfMonth, scheduleRate: scheduleRate(asOfMonth), items, provenance: provenanceOfRecords(records) }
}

/** A zone's page; null for an unknown zone id. */
export function buildZoneDetail(records: readonly ProjectRecord[], zoneId: string, asOfMonth: number, planYear = REPORT_PLAN_YEAR): ZoneDetail | null {
  const all = evaluateAll(records, asOfMonth, planYear)
  const summary = zoneSummaries(all, asOfMonth).find((z) => z.id === zoneId)
  if (!summary) return null
  const evaluated = all.filter((e) => e.record.zoneId === zoneId)
  const inZone = evaluated.map((e) => e.record)
  return {
    ...summary,
    planYear,
    asOfMonth,
    scheduleRate: scheduleRate(asOfMonth),
    byStage: figuresBy(evaluated, asOfMonth, (r) => r.stage, STAGES, STAGE_LABELS),
    byInvestmentType: figuresBy(evaluated, asOfMonth, (r) => r.investmentType, INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS),
    monthly: monthlySeries(inZone, asOfMonth),
    shortfallProjects: evaluated
      .filter((e) => e.status.shortfallWan > 0)
      .sort(byShortfall)
      .slice(0, MOST_BEHIND_COUNT)
      .map((e) => toListItem(e, asOfMonth)),
    provenance: provenanceOfRecords(records),
  }
}

/** Chinese sort order (pinyin) for names and units. */
export const zhCollator = new Intl.Collator('zh-CN', { numeric: true })

/**
 * Each id's place in zh-CN order of the names. Equal names share a place, so that ties fall through to the
 * id order like every other sort key. The server stores these places (SQL has no zh-CN collation).
 */
export function rankNames(rows: readonly { id: string; name: string }[]): Map<string, number> {
  const sorted = [...rows].sort((a, b) => zhCollator.compare(a.name, b.name))
  const ranks = new Map<string, number>()
  let rank = 0
  sorted.forEach((row, i) => {
    if (i > 0 && zhCollator.compare(sorted[i - 1]!.name, row.name) !== 0) rank = i
    ranks.set(row.id, rank)
  })
  return ranks
}

/** Rank of every record by name in zh-CN order, computed once per record list (collation is slow). */
const nameRanks = new WeakMap<readonly ProjectRecord[], Map<string, number>>()
function nameRankOf(records: readonly ProjectRecord[]): Map<string, number> {
  let ranks = nameRanks.get(records)
  if (!ranks) {
    ranks = rankNames(records)
    nameRanks.set(records, ranks)
  }
  return ranks
}

const zoneOrder = new Map(ZONES.map((z, i) => [z.id, i]))
type Sorter = (a: Evaluated, b: Evaluated, month: number, names: Map<string, number>) => number

/**
 * Sort keys whose value can be missing (no plan this year, progress stated only in words). Missing values
 * go last in both directions: they are compared before the direction is applied (see queryProjects).
 */
const NULLABLE_KEYS: Partial<Record<ProjectSortKey, (e: Evaluated, month: number) => number | null | undefined>> = {
  completionRate: (e) => e.status.completionRate,
  gap: (e) => e.status.gapPoints,
  progress: (e, m) => progressAt(e.record, m)?.percent,
}
const isMissing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined
const byNullable =
  (key: keyof typeof NULLABLE_KEYS): Sorter =>
  (a, b, m) => {
    const x = NULLABLE_KEYS[key]!(a, m)
    const y = NULLABLE_KEYS[key]!(b, m)
    return isMissing(x) || isMissing(y) ? 0 : x - y
  }

const SORTERS: Record<ProjectSortKey, Sorter> = {
  id: (a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0),
  name: (a, b, _m, names) => (names.get(a.record.id) ?? 0) - (names.get(b.record.id) ?? 0),
  zone: (a, b) => (zoneOrder.get(a.record.zoneId) ?? 0) - (zoneOrder.get(b.record.zoneId) ?? 0),
  totalInvestment: (a, b) => a.record.totalInvestmentWan - b.record.totalInvestmentWan,
  annualPlan: (a, b) => a.record.annualPlanWan - b.record.annualPlanWan,
  actual: (a, b) => a.status.cumulativeActualWan - b.status.cumulativeActualWan,
  completionRate: byNullable('completionRate'),
  gap: byNullable('gap'),
  progress: byNullable('progress'),
  shortfall: (a, b) => a.status.shortfallWan - b.status.shortfallWan,
}

/** Lower-case, width-folded text for search. */
export const normaliseSearch = (s: string) => s.normalize('NFKC').toLowerCase().trim()

/** What 搜索 matches a project on: id, name and both units, folded the same way as the query. */
export function searchTextOf(record: Pick<ProjectRecord, 'id' | 'name' | 'ownerUnit' | 'responsibleUnit'>): string {
  return normaliseSearch(`${record.id} ${record.name} ${record.ownerUnit} ${record.responsibleUnit}`)
}
const searchTexts = new WeakMap<ProjectRecord, string>()
function cachedSearchText(record: ProjectRecord): string {
  let text = searchTexts.get(record)
  if (text === undefined) searchTexts.set(record, (text = searchTextOf(record)))
  return text
}

/** GET /api/projects: filter, sort (stable, ties by id) and page the records, as judged at the end of `asOfMonth`. */
export function queryProjects(
  records: readonly ProjectRecord[],
  query: ProjectListQuery,
  asOfMonth = query.asOf?.month ?? latestReportMonthOf(records),
  planYear = REPORT_PLAN_YEAR,
): ProjectList {
  const needle = query.q ? normaliseSearch(query.q) : ''
  const statuses = query.status ? new Set(query.status) : null
  const matches: Evaluated[] = []
  for (const record of records) {
    if (query.zone && record.zoneId !== query.zone) continue
    if (query.focusArea && record.focusArea !== query.focusArea) continue
    if (query.investmentType && record.investmentType !== query.investmentType) continue
    if (query.stage && record.stage !== query.stage) continue
    if (query.owner && record.ownerUnit !== query.owner) continue
    if (query.dept && record.responsibleUnit !== query.dept) continue
    if (needle && !cachedSearchText(record).includes(needle)) continue
    const status = classifyProject(record, asOfMonth, planYear)
    if (statuses && !statuses.has(status.lagClass)) continue
    matches.push({ record, status })
  }
  const sortKey = query.sort ?? 'id'
  const direction = query.order === 'desc' ? -1 : 1
  const compare = SORTERS[sortKey]
  const names = sortKey === 'name' ? nameRankOf(records) : new Map<string, number>()
  const valueOf = NULLABLE_KEYS[sortKey]
  const missingLast = (a: Evaluated, b: Evaluated) =>
    valueOf ? Number(isMissing(valueOf(a, asOfMonth))) - Number(isMissing(valueOf(b, asOfMonth))) : 0
  matches.sort(
    (a, b) =>
      missingLast(a, b) || direction * compare(a, b, asOfMonth, names) || SORTERS.id(a, b, asOfMonth, names),
  )

  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE
  const figures = groupFigures(matches, asOfMonth)
  const lastPage = Math.max(1, Math.ceil(matches.length / pageSize))
  const page = Math.min(query.page ?? 1, lastPage)
  return {
    items: matches.slice((page - 1) * pageSize, page * pageSize).map((e) => toListItem(e, asOfMonth)),
    total: matches.length,
    page,
    pageSize,
    planYear,
    asOfMonth,
    totals: listTotals(figures),
    lagCounts: figures.lagCounts,
    provenance: provenanceOfRecords(records),
  }
}

/** GET /api/projects/:id; null for an unknown id. */
export function buildProjectDetail(
  records: readonly ProjectRecord[],
  projectId: string,
  asOfMonth: number,
  planYear = REPORT_PLAN_YEAR,
): ProjectDetail | null {
  const record = records.find((r) => r.id === projectId)
  if (!record) return null
  return {
    ...record,
    zoneName: zoneInfo(record.zoneId).name,
    planYear,
    asOfMonth,
    status: classifyProject(record, asOfMonth, planYear),
    progress: progressAt(record, asOfMonth),
    provenance: provenanceOfRecords([record]),
  }
}

export function buildFilterOptions(records: readonly ProjectRecord[]): FilterOptions {
  const owners = new Set<string>()
  const depts = new Set<string>()
  for (const r of records) {
    owners.add(r.ownerUnit)
    depts.add(r.responsibleUnit)
  }
  return {
    zones: ZONES.map((z) => ({ id: z.id as ZoneId, name: z.name })),
    ownerUnits: [...owners].sort(zhCollator.compare),
    responsibleUnits: [...depts].sort(zhCollator.compare),
  }
}
