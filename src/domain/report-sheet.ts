import type { ProjectRecord } from '@/contract'
import type { ImportError } from '@/contract/imports'
import { CONFIDENCE_LEVELS, ReportFieldsSchema, type Report, type ReportDraftFields, type ReportFields } from '@/contract/reports'
import { zhDate } from './calendar'
import { DEFAULT_REPORT_CHECKS, forecastNeedOf, missingForecastFields, type ReportChecks } from './forecast-report'
import { CONFIDENCE_LABELS } from './labels'
import { flagInputOf, reportFlags } from './report-flags'
import {
  applySave,
  applyTransition,
  fieldsOfReport,
  mayAct,
  otherMonthsApprovedWan,
  previousProgressPercent,
  parseReportMonth,
  reportContextOf,
  reportsInMonth,
  validateReport,
  REPORT_STATUS_LABELS,
  type ReportActor,
} from './monthly-report'
import { isEmptyCell, readSheetCell, readSheetHeader, sortImportErrors, type SheetCell, type SheetColumn } from './sheet'

/**
 * 月报 in Excel: the sheet an owner unit (or the commission on its behalf) fills in for one month, one row
 * per project, and what importing it does. Each row is validated exactly like a report typed in the UI
 * (the same schema and validateReport); an imported row becomes a submitted report awaiting review. Pure:
 * the server reads the workbook and stores the outcome.
 */

const YES_NO = { 是: 'true', 否: 'false' }
/** 完成信心 by its words (高 … 低) → the stored level. */
const CONFIDENCE_CHOICES = Object.fromEntries(CONFIDENCE_LEVELS.map((level) => [CONFIDENCE_LABELS[level], level]))

export const REPORT_SHEET_COLUMNS: readonly SheetColumn[] = [
  { header: '项目编号', key: 'projectId', kind: 'id', required: true, note: '必填，模板已按本账户可填报的项目列出，请勿修改。' },
  { header: '项目名称', key: 'name', kind: 'info', required: false, note: '仅供核对，导入时不读取。' },
  { header: '年度计划投资（万元）', key: 'annualPlanWan', kind: 'info', required: false, note: '仅供参考，导入时不读取。' },
  { header: '本年已审核完成（万元）', key: 'approvedWan', kind: 'info', required: false, note: '本年其他月份已审核通过的完成投资合计，仅供参考，导入时不读取。' },
  { header: '上次形象进度（%）', key: 'previousPercent', kind: 'info', required: false, note: '上次审核通过的形象进度（或年初进度），仅供参考，导入时不读取。' },
  { header: '当月完成投资（万元）', key: 'actualWan', kind: 'wan', required: true, note: '必填，整数万元，不能为负数；当月没有完成投资填 0。' },
  { header: '形象进度（%）', key: 'progressPercent', kind: 'percent', required: true, note: '必填，0-100，最多一位小数。低于上次形象进度时须填写“进度回退原因”。' },
  { header: '形象进度描述', key: 'progressText', kind: 'text', required: true, note: '必填，最长 500 个字，如“主体结构完成至 12 层”。' },
  { header: '存在问题', key: 'problems', kind: 'text', required: false, note: '可选，最长 1000 个字。' },
  { header: '需协调事项', key: 'coordination', kind: 'text', required: false, note: '可选，最长 1000 个字。' },
  { header: '下月计划', key: 'nextMonthPlan', kind: 'text', required: false, note: '可选，最长 1000 个字。' },
  { header: '进度回退原因', key: 'progressDropReason', kind: 'text', required: false, note: '形象进度低于上次时必填。' },
  { header: '超计划确认', key: 'confirmOverrun', kind: 'choice', required: false, note: '本年累计完成超过年度计划 150% 时须选“是”。', choices: YES_NO },
  // The owner's forecast (decision 74): required from the month the deployment names (default 6月), optional before.
  { header: '全年预计完成投资（万元）', key: 'forecastYearWan', kind: 'wan', required: false, note: '本年预计完成的投资总额，整数万元；自规定月份（默认 6 月）起必填。' },
  { header: '预计完工日期', key: 'forecastCompletionDate', kind: 'date', required: false, note: '本年或明年计划完工的项目填写（Excel 日期或 YYYY-MM-DD）；自规定月份起必填。' },
  { header: '完成信心', key: 'confidence', kind: 'choice', required: false, note: '完成全年计划的信心：高、较高、中、较低、低；自规定月份起必填。', choices: CONFIDENCE_CHOICES },
  { header: '信心说明', key: 'confidenceReason', kind: 'text', required: false, note: '完成信心为中、较低或低时必填，一句话，最长 200 个字。' },
]

/** The columns a row is a report by: a row with none of them filled in is a project not reported this time. */
const FIGURE_KEYS = new Set(REPORT_SHEET_COLUMNS.filter((c) => c.kind !== 'id' && c.kind !== 'info').map((c) => c.key))
const HEADER_OF_FIELD = new Map(REPORT_SHEET_COLUMNS.map((c) => [c.key, c.header]))

export const readReportSheetHeader = (header: readonly SheetCell[]) => readSheetHeader(REPORT_SHEET_COLUMNS, header)

/** One filled-in row: the project and the report's fields (milestones are not in the sheet). */
export type ReportSheetRow = { row: number; projectId: string; fields: Omit<ReportFields, 'milestonesReached'> }

/**
 * Read the data rows (Excel's row numbers: the header is row 1). A row whose report columns are all empty
 * is skipped (the project is not reported this time); every problem of the other rows is reported with
 * its row and column, and such a row is not in `rows`.
 */
export function readReportSheetRows(index: Map<string, number>, data: readonly (readonly SheetCell[])[]): { rows: ReportSheetRow[]; errors: ImportError[]; read: number } {
  const rows: ReportSheetRow[] = []
  const errors: ImportError[] = []
  const firstRowOf = new Map<string, number>()
  let read = 0
  data.forEach((cells, i) => {
    const row = i + 2
    const cellOf = (key: string) => {
      const at = index.get(key)
      return at === undefined ? null : (cells[at] ?? null)
    }
    if ([...FIGURE_KEYS].every((key) => isEmptyCell(cellOf(key)))) return
    read += 1
    const rowErrors: ImportError[] = []
    const fail = (column: SheetColumn, message: string) => rowErrors.push({ row, column: column.header, message })
    const values: Record<string, unknown> = {}
    let projectId: string | null = null
    for (const column of REPORT_SHEET_COLUMNS) {
      if (column.kind === 'info') continue
      const reading = readSheetCell(column, cellOf(column.key))
      if (reading.kind === 'error') fail(column, reading.message)
      if (reading.kind !== 'value') continue
      const { value } = reading
      switch (column.kind) {
        case 'id': {
          const id = value as string
          if (firstRowOf.has(id)) fail(column, `项目编号 ${id} 与第 ${firstRowOf.get(id)} 行重复：一个项目每月只填一行`)
          else {
            firstRowOf.set(id, row)
            projectId = id
          }
          break
        }
        case 'choice':
          // 是/否 is a boolean; 完成信心 is its level.
          values[column.key] = column.choices === YES_NO ? value === 'true' : value
          break
        case 'text':
          values[column.key] = typeof value === 'string' ? value : value instanceof Date ? zhDate(value.toISOString().slice(0, 10)) : String(value)
          break
        default:
          // Numbers as they are: the schema below says what is wrong with one (integer, range).
          values[column.key] = value
      }
    }
    // The same rules as a report typed in the UI (integers, ranges, lengths), reported on their columns.
    const parsed = ReportFieldsSchema.safeParse(values)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const header = HEADER_OF_FIELD.get(String(issue.path[0] ?? '')) ?? String(issue.path[0] ?? '')
        if (!rowErrors.some((e) => e.column === header)) rowErrors.push({ row, column: header, message: issue.message })
      }
    }
    if (rowErrors.length > 0 || !parsed.success || projectId === null) errors.push(...rowErrors)
    else {
      const { milestonesReached: _none, ...fields } = parsed.data
      rows.push({ row, projectId, fields })
    }
  })
  return { rows, errors, read }
}

export type ReportImportPlan = {
  /** Reports that did not exist: created and submitted. */
  created: Report[]
  /** Drafts and returned reports: saved with the file's figures and submitted. */
  updated: { before: Report; after: Report }[]
  /** Already submitted or approved with exactly these figures: left alone (importing twice changes nothing). */
  unchanged: number
}

/** Why imported reports are logged as they are. */
export const REPORT_IMPORT_REASON = '通过 Excel 导入月报'

/**
 * What importing the rows for one month would do: each row becomes a submitted report of that month,
 * after the same checks as a report typed in the UI — who may report for the project (an owner unit: its
 * own projects only; the commission's staff: any, on an owner's behalf), the report's state and content.
 * A report already submitted or approved with the same figures is left alone; with other figures it is
 * an error (it is under review or counted: change it through a return).
 */
export function planReportImport(
  rows: readonly ReportSheetRow[],
  context: {
    month: string
    planYear: number
    actor: ReportActor
    now: Date
    projectOf: (id: string) => ProjectRecord | undefined
    reportOf: (id: string) => Report | null
    /** The deployment's forecast requirement and 需核实 thresholds (default: DEFAULT_REPORT_CHECKS). */
    checks?: ReportChecks
  },
): { plan: ReportImportPlan; errors: ImportError[] } {
  const { month, planYear, actor, now } = context
  const checks = context.checks ?? DEFAULT_REPORT_CHECKS
  const { year, month: m } = parseReportMonth(month)
  const plan: ReportImportPlan = { created: [], updated: [], unchanged: 0 }
  const errors: ImportError[] = []
  for (const { row, projectId, fields: sheetFields } of rows) {
    const fail = (column: string, message: string) => errors.push({ row, column, message })
    const record = context.projectOf(projectId)
    if (!record) {
      fail('项目编号', `项目 ${projectId} 不存在`)
      continue
    }
    if (record.retired) {
      fail('项目编号', `项目 ${projectId} 已退出重点项目清单，不再填报月报`)
      continue
    }
    // An owner unit reports for its own projects; the staff may enter any project's report for its owner.
    if (actor.role === 'owner') {
      const refused = mayAct(actor, 'submit', record)
      if (refused) {
        fail('项目编号', `项目 ${projectId} 的业主单位是“${record.ownerUnit}”，不是本单位的项目，不能填报`)
        continue
      }
    }
    if (!reportsInMonth(record, year, m)) {
      fail('项目编号', `项目 ${projectId} 已于${zhDate(record.actualCompletionDate!)}竣工，${m}月不需填报`)
      continue
    }
    const current = context.reportOf(projectId)
    const fields: ReportFields = { ...sheetFields, milestonesReached: current?.milestonesReached ?? [] }
    if (current && (current.status === 'submitted' || current.status === 'approved')) {
      if (sameFields(fieldsOfReport(current), fields)) plan.unchanged += 1
      else fail('项目编号', `项目 ${projectId} 的${m}月月报${REPORT_STATUS_LABELS[current.status]}，不能通过导入修改${current.status === 'submitted' ? '；如需更正，请发改委先退回' : ''}`)
      continue
    }
    // The forecast columns as the form asks them: required from the deployment's month, the reason for 中 or lower.
    const problems = {
      ...missingForecastFields(fields, forecastNeedOf(m, checks, record, year)),
      ...validateReport(fields, reportContextOf(record, year, m, planYear, now)),
    }
    if (Object.keys(problems).length > 0) {
      for (const [field, message] of Object.entries(problems)) fail(HEADER_OF_FIELD.get(field) ?? '月份', message)
      continue
    }
    const saved = applySave(current, fields, projectId, month, actor, now, record.simulated)
    // 需核实, as at a submit typed in.
    const flags = reportFlags(flagInputOf(record, fields, m, previousProgressPercent(record, m)), checks)
    const submitted = applyTransition(saved, 'submit', actor, now, undefined, flags)
    if (current) plan.updated.push({ before: current, after: submitted })
    else plan.created.push(submitted)
  }
  return { plan, errors }
}

/** Whether a stored report already says what the row says. */
function sameFields(a: ReportDraftFields, b: ReportFields): boolean {
  const norm = (f: ReportDraftFields) => ({ ...f, progressDropReason: f.progressDropReason || null, confidenceReason: f.confidenceReason || null, milestonesReached: undefined })
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

/** The answer of a report import: the rows read, the reports created, updated and left alone, every error. */
export function reportImportSummary(rowCount: number, plan: ReportImportPlan | null, errors: readonly ImportError[]) {
  const failed = errors.length > 0 || !plan
  return {
    rows: rowCount,
    created: failed ? 0 : plan.created.length,
    updated: failed ? 0 : plan.updated.length,
    unchanged: failed ? 0 : plan.unchanged,
    errors: sortImportErrors(REPORT_SHEET_COLUMNS, errors),
  }
}

/** A template row: the project, the figures for reference, and what its report of the month already says. */
export function reportTemplateRow(record: ProjectRecord, report: Report | null, month: number): Record<string, string | number | null> {
  return {
    projectId: record.id,
    name: record.name,
    annualPlanWan: record.annualPlanWan,
    approvedWan: otherMonthsApprovedWan(record, month),
    previousPercent: previousProgressPercent(record, month),
    actualWan: report?.actualWan ?? null,
    progressPercent: report?.progressPercent ?? null,
    progressText: report?.progressText || null,
    problems: report?.problems || null,
    coordination: report?.coordination || null,
    nextMonthPlan: report?.nextMonthPlan || null,
    progressDropReason: report?.progressDropReason ?? null,
    confirmOverrun: report?.overrunConfirmed ? '是' : null,
    forecastYearWan: report?.forecastYearWan ?? null,
    forecastCompletionDate: report?.forecastCompletionDate ?? null,
    confidence: report?.confidence ? CONFIDENCE_LABELS[report.confidence] : null,
    confidenceReason: report?.confidenceReason ?? null,
  }
}
