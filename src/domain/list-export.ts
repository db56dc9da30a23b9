import type { ProjectList, ProjectListItem } from '@/contract'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, LAG_CLASS_LABELS, STAGE_LABELS } from './labels'
import { WAN_PER_YI } from './money'
import { inPoints } from './rules'

/**
 * The columns of an exported project list, once for both files: the CSV made in the browser and the
 * workbook made on the server. They differ only in how a value is written — the CSV keeps raw figures
 * for analysis (万元, rates as percentages), the workbook the commission's layout (亿元 for plans with a
 * number format, rates as fractions formatted as %, 欠序时 in 万元).
 */
export type ExportFormat = 'csv' | 'xlsx'
export type ExportCell = string | number | null
type Totals = ProjectList['totals']

export type ExportColumn = {
  key: string
  header: (format: ExportFormat) => string
  value: (item: ProjectListItem, format: ExportFormat) => ExportCell
  /** The column's figure in the totals row (the workbook's 合计). */
  total?: (totals: Totals, format: ExportFormat) => ExportCell
}

/** Plans and investment: 万元 in the CSV, 亿元 in the workbook. */
const plan = (wan: number, format: ExportFormat) => (format === 'xlsx' ? wan / WAN_PER_YI : wan)
const planHeader = (label: string) => (format: ExportFormat) => `${label}（${format === 'xlsx' ? '亿元' : '万元'}）`
const rate = (value: number | null, format: ExportFormat) => (value === null ? null : format === 'xlsx' ? value : inPoints(value))
const fixed = (header: string) => () => header

export const PROJECT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'id', header: fixed('项目编号'), value: (i) => i.id },
  { key: 'name', header: fixed('项目名称'), value: (i) => i.name },
  { key: 'nameSource', header: fixed('名称来源'), value: (i) => (i.simulatedName ? '模拟' : '报告') },
  { key: 'zone', header: fixed('所属片区'), value: (i) => i.zoneName },
  { key: 'focusArea', header: fixed('四个聚焦'), value: (i) => FOCUS_AREA_LABELS[i.focusArea] },
  { key: 'investmentType', header: fixed('投资类别'), value: (i) => INVESTMENT_TYPE_LABELS[i.investmentType] },
  { key: 'stage', header: fixed('建设性质'), value: (i) => STAGE_LABELS[i.stage] },
  { key: 'ownerUnit', header: fixed('业主单位'), value: (i) => i.ownerUnit },
  { key: 'responsibleUnit', header: fixed('责任单位'), value: (i) => i.responsibleUnit },
  { key: 'totalInvestment', header: planHeader('总投资'), value: (i, f) => plan(i.totalInvestmentWan, f), total: (t, f) => plan(t.totalInvestmentWan, f) },
  { key: 'annualPlan', header: planHeader('年度计划'), value: (i, f) => plan(i.annualPlanWan, f), total: (t, f) => plan(t.annualPlanWan, f) },
  { key: 'actual', header: planHeader('累计完成'), value: (i, f) => plan(i.status.cumulativeActualWan, f), total: (t, f) => plan(t.cumulativeActualWan, f) },
  {
    key: 'completionRate',
    header: (f) => (f === 'xlsx' ? '投资完成率' : '投资完成率（%）'),
    value: (i, f) => rate(i.status.completionRate, f),
    total: (t, f) => rate(t.completionRate, f),
  },
  { key: 'gap', header: (f) => (f === 'xlsx' ? '较序时（个百分点）' : '较序时进度（个百分点）'), value: (i) => i.status.gapPoints },
  { key: 'shortfall', header: fixed('欠序时进度（万元）'), value: (i) => i.status.shortfallWan, total: (t) => t.shortfallWan },
  { key: 'status', header: fixed('状态'), value: (i) => LAG_CLASS_LABELS[i.status.lagClass] },
  { key: 'rule', header: fixed('判断依据'), value: (i) => i.status.rule },
  {
    key: 'lastReport',
    header: fixed('最近报送月份'),
    value: (i, f) => (f === 'csv' ? i.status.lastReportMonth : i.status.lastReportMonth === null ? '无' : `${i.status.lastReportMonth}月`),
  },
  { key: 'progressPercent', header: fixed('形象进度（%）'), value: (i) => i.progress?.percent ?? null },
  { key: 'progressText', header: fixed('形象进度描述'), value: (i) => i.progress?.text ?? null },
  // Last, so the columns before keep their places. 应开未开: the 前期手续 not yet obtained (decision 80); empty for every other project.
  { key: 'missingApprovals', header: fixed('未取得的前期手续'), value: (i) => (i.missingApprovals.length > 0 ? i.missingApprovals.map((m) => m.name).join('、') : null) },
]

export const exportHeader = (format: ExportFormat): string[] => PROJECT_EXPORT_COLUMNS.map((c) => c.header(format))

export const exportRow = (item: ProjectListItem, format: ExportFormat): ExportCell[] => PROJECT_EXPORT_COLUMNS.map((c) => c.value(item, format))

/** The totals row's cells: the count under the name, each summed figure under its column (the caller labels it 合计). */
export const exportTotalsRow = (totals: Totals, projectCount: number, format: ExportFormat): ExportCell[] =>
  PROJECT_EXPORT_COLUMNS.map((c) => (c.key === 'name' ? `${projectCount} 个项目` : (c.total?.(totals, format) ?? null)))

/** Which list is exported or printed: the whole (filtered) list, or the 滞后项目 page's. */
export type ListKind = 'all' | 'delayed'

/** A list's name, as its page calls it. */
export const LIST_LABELS: Record<ListKind, string> = { all: '项目清单', delayed: '滞后项目清单' }

/**
 * The title on an exported workbook, a printout and a file name: the district's key projects, then
 * which list — without saying 项目 twice in a row (not 南岸区重点项目项目清单).
 */
export const listTitle = (kind: ListKind): string => (kind === 'all' ? '南岸区重点项目清单' : `南岸区重点项目${LIST_LABELS.delayed}`)
