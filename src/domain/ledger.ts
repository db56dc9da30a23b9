import type { ProjectRecord } from '@/contract'
import type { AuditChange } from '@/contract/accounts'
import { CreateProjectSchema, type CreateProject } from '@/contract/project-edit'
import type { ImportError } from '@/contract/imports'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, STAGE_LABELS, ZONES } from './labels'
import { allocateExactly } from './money'
import { applyProjectUpdate, newProjectRecord, nextProjectId } from './project-edit'
import { SHEET_LIMITS, isEmptyCell as isEmpty, readSheetCell, readSheetHeader, sortImportErrors, type SheetCell, type SheetColumn } from './sheet'

/**
 * The project ledger (项目台账) as the commission keeps it in Excel, read row by row: the columns, the names
 * users see for each value, and what an import of it creates, updates or leaves alone. Pure: the server
 * reads the workbook (exceljs) into cells and stores the outcome; every rule is here.
 */

export type LedgerCell = SheetCell
export type LedgerColumn = SheetColumn

const invert = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([value, label]) => [label, value]))
const ZONE_CHOICES = Object.fromEntries(ZONES.map((z) => [z.name, z.id]))

export const MONTH_PLAN_HEADERS = Array.from({ length: 12 }, (_, i) => `${i + 1}月计划投资（万元）`)

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { header: '项目编号', key: 'id', kind: 'id', required: false, note: 'P 加 3-6 位数字，如 P001。已有编号的项目按本行更新；留空则新增项目并自动编号。' },
  { header: '项目名称', key: 'name', kind: 'text', required: true, note: '必填，最长 100 个字。' },
  { header: '所属片区', key: 'zoneId', kind: 'choice', required: true, note: '必填，从下拉列表选择。', choices: ZONE_CHOICES },
  { header: '四个聚焦', key: 'focusArea', kind: 'choice', required: true, note: '必填，从下拉列表选择。', choices: invert(FOCUS_AREA_LABELS) },
  { header: '投资类别', key: 'investmentType', kind: 'choice', required: true, note: '必填，从下拉列表选择。', choices: invert(INVESTMENT_TYPE_LABELS) },
  { header: '建设性质', key: 'stage', kind: 'choice', required: true, note: '必填，从下拉列表选择。', choices: invert(STAGE_LABELS) },
  { header: '业主单位', key: 'ownerUnit', kind: 'text', required: true, note: '必填，最长 100 个字。业主单位账号按此名称填报月报。' },
  { header: '责任单位', key: 'responsibleUnit', kind: 'text', required: true, note: '必填，最长 100 个字。' },
  { header: '总投资（万元）', key: 'totalInvestmentWan', kind: 'wan', required: true, note: '必填，整数万元（数值，不能是文字或公式）。' },
  { header: '年度计划投资（万元）', key: 'annualPlanWan', kind: 'wan', required: true, note: '必填，整数万元，不超过总投资。修改已有项目的年度计划视为中期调整，原计划保留。' },
  { header: '计划开工日期', key: 'plannedStartDate', kind: 'date', required: true, note: '必填，Excel 日期或 YYYY-MM-DD 文字。' },
  { header: '计划竣工日期', key: 'plannedCompletionDate', kind: 'date', required: true, note: '必填，不早于计划开工日期。' },
  {
    header: '计划年度',
    key: 'planYear',
    kind: 'year',
    required: false,
    note: '可选，四位年份，如 2025：年度计划投资和 1-12 月计划投资所属的年度。系统中还没有项目时，导入的台账决定系统的计划年度；已有项目时为当前计划年度或下一年：导入下一年的台账即开始该年度（须在该年开始以后），填了已有项目编号的项目转入新年度，上一年度的数据保留可查。同一文件中留空的行与填写的行为同一年度；整个文件都不填即为当前年度。',
  },
  ...MONTH_PLAN_HEADERS.map((header, i) => ({
    header,
    key: `month${i + 1}`,
    kind: 'wan' as const,
    required: false,
    note: '可选，整数万元。12 个月要么都填、合计等于年度计划投资，要么都不填（新项目平均分到各月，已有项目保留原分月计划）。',
  })),
]

export const LEDGER_LIMITS = SHEET_LIMITS

/** One valid row: the project's fields, the plan year it names (if any) and, when given, its twelve monthly plans. */
export type LedgerRow = { row: number; input: CreateProject; planYear: number | null; monthlyPlanWan: number[] | null }

/**
 * Check the header row: every required column is there, nothing unknown. Returns the column index of
 * each known header, or the errors (row 1).
 */
export function readLedgerHeader(header: readonly LedgerCell[]): { ok: true; index: Map<string, number> } | { ok: false; errors: ImportError[] } {
  const read = readSheetHeader(LEDGER_COLUMNS, header)
  const errors = read.ok ? [] : [...read.errors]
  const names = new Set(header.map((cell) => (typeof cell === 'string' ? cell.trim() : cell)))
  const months = MONTH_PLAN_HEADERS.filter((h) => names.has(h)).length
  if (months > 0 && months < 12) errors.push({ row: 1, column: '分月计划', message: '1月至12月计划投资要么 12 列都有，要么都不要' })
  return errors.length > 0 || !read.ok ? { ok: false, errors } : read
}

/** Which CreateProject field a column's message belongs to (for zod issues). */
const HEADER_OF_FIELD = new Map(LEDGER_COLUMNS.map((c) => [c.key, c.header]))

/**
 * Read the data rows (row numbers as Excel shows them: the header is row 1). Every problem of every row
 * is reported with its row and column; a row with any problem is not in `rows`.
 */
export function readLedgerRows(index: Map<string, number>, data: readonly (readonly LedgerCell[])[]): { rows: LedgerRow[]; errors: ImportError[] } {
  const rows: LedgerRow[] = []
  const errors: ImportError[] = []
  const firstRowOf = new Map<string, number>()
  data.forEach((cells, i) => {
    const row = i + 2
    const cellOf = (key: string) => {
      const at = index.get(key)
      return at === undefined ? null : (cells[at] ?? null)
    }
    if (LEDGER_COLUMNS.every((c) => isEmpty(cellOf(c.key)))) return
    const rowErrors: ImportError[] = []
    const fail = (column: LedgerColumn, message: string) => rowErrors.push({ row, column: column.header, message })
    const values: Record<string, unknown> = {}
    const months: (number | null)[] = []
    let planYear: number | null = null
    for (const column of LEDGER_COLUMNS) {
      const reading = readSheetCell(column, cellOf(column.key))
      if (reading.kind === 'error') fail(column, reading.message)
      if (reading.kind !== 'value') {
        if (reading.kind === 'empty' && column.key.startsWith('month')) months.push(null)
        continue
      }
      const { value } = reading
      switch (column.kind) {
        case 'id': {
          const id = value as string
          if (firstRowOf.has(id)) fail(column, `项目编号 ${id} 与第 ${firstRowOf.get(id)} 行重复`)
          else {
            firstRowOf.set(id, row)
            values.id = id
          }
          break
        }
        case 'text':
          values[column.key] = typeof value === 'string' ? value : String(value)
          break
        case 'year':
          planYear = value as number
          break
        case 'wan':
          if (!Number.isInteger(value)) fail(column, `${column.header}应为整数万元`)
          else if (column.key.startsWith('month')) {
            if ((value as number) < 0) fail(column, '不能为负数')
            else months.push(value as number)
          } else values[column.key] = value
          break
        default:
          values[column.key] = value
      }
    }
    // The same rules as a project added by hand (lengths, ranges, real dates), reported on their columns.
    const parsed = CreateProjectSchema.safeParse(values)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        const header = HEADER_OF_FIELD.get(field) ?? field
        if (!rowErrors.some((e) => e.column === header)) rowErrors.push({ row, column: header, message: issue.message })
      }
    }
    let monthlyPlanWan: number[] | null = null
    const given = months.filter((m) => m !== null)
    if (given.length > 0 && rowErrors.every((e) => !MONTH_PLAN_HEADERS.includes(e.column))) {
      if (given.length < 12) rowErrors.push({ row, column: '分月计划', message: '1月至12月计划投资要么都填，要么都不填' })
      else if (parsed.success && given.reduce((a, b) => a + b, 0) !== parsed.data.annualPlanWan) {
        rowErrors.push({ row, column: '分月计划', message: `1月至12月计划投资合计 ${given.reduce((a, b) => a + b, 0)} 万元，应等于年度计划投资 ${parsed.data.annualPlanWan} 万元` })
      } else monthlyPlanWan = given as number[]
    }
    if (rowErrors.length > 0 || !parsed.success) errors.push(...rowErrors)
    else rows.push({ row, input: parsed.data, planYear, monthlyPlanWan })
  })
  return { rows, errors }
}

export type LedgerPlan = {
  rows: number
  unchanged: number
  created: ProjectRecord[]
  updated: { before: ProjectRecord; after: ProjectRecord; changes: AuditChange[] }[]
  /** Projects of the closed year that the next year's list names again: `after` is the project in the new year. */
  carried: { before: ProjectRecord; after: ProjectRecord; changes: AuditChange[] }[]
}

/**
 * The plan year an import is for, and whether importing it opens that year. The rows may name it (计划年度).
 * A deployment with no project yet takes the year its first ledger names (a real deployment plans whatever
 * year its ledger is for, with no code change). One with projects takes its open year, or the next: the
 * next year's ledger opens that year beside the closed one (the year rollover). A closed year, or a year
 * further ahead, is refused rather than filed under the wrong year, and so are mixed years in one file.
 */
export function ledgerPlanYear(
  rows: readonly LedgerRow[],
  current: number,
  hasProjects: boolean,
  /** The calendar year today (China time): a year is not opened before it begins. */
  thisYear: number = Number.POSITIVE_INFINITY,
): { year: number; opensYear: boolean; errors: ImportError[] } {
  const named = rows.filter((r) => r.planYear !== null)
  const year = named.length === 0 ? current : named[0]!.planYear!
  const mixed = named
    .filter((r) => r.planYear !== year)
    .map((r) => ({ row: r.row, column: '计划年度', message: `同一台账只能是一个计划年度：第 ${named[0]!.row} 行为 ${year} 年，本行为 ${r.planYear} 年` }))
  if (!hasProjects || year === current) return { year, opensYear: false, errors: mixed }
  const refused = (message: string) => ({ year: current, opensYear: false, errors: [{ row: named[0]!.row, column: '计划年度', message }, ...mixed] })
  if (year < current || year > current + 1) return refused(`不能导入 ${year} 年度的台账：本系统现为 ${current} 年度，只能导入本年度或下一年（${current + 1} 年）的台账`)
  // Opened, the year before closes: its last months would no longer take reports, and the default view would be a month not begun.
  if (year > thisYear) return refused(`${year} 年尚未开始，不能开始 ${year} 年度（开始后 ${current} 年度不能再报送月报）；请在 ${year} 年 1 月 1 日以后导入`)
  return { year, opensYear: true, errors: mixed }
}

/**
 * A project of the closed year as the next year's list names it: what does not change with the year comes
 * from the row (name, zone, units, dates — corrections as in any import); the year's own fields are the
 * row's 建设性质 and 年度计划, its months (or the plan spread evenly), nothing reported yet, no 中期调整.
 * 截至上年底累计完成 left empty is the closed year's: what was completed before it plus its approved months.
 * 年初形象进度 is the last progress approved in the closed year.
 */
export function carryIntoYear(
  before: ProjectRecord,
  input: CreateProject,
  monthlyPlanWan: number[] | null,
  year: number,
): { ok: true; record: ProjectRecord; changes: AuditChange[] } | { ok: false; fields: Record<string, string> } {
  const approvedWan = before.monthlyActualWan.reduce<number>((sum, v) => sum + (v ?? 0), 0)
  const completedBeforeYearWan = input.completedBeforeYearWan > 0 ? input.completedBeforeYearWan : before.completedBeforeYearWan + approvedWan
  const fields: Record<string, string> = {}
  if (input.annualPlanWan > input.totalInvestmentWan) fields.annualPlanWan = '年度计划投资不能超过总投资'
  if (completedBeforeYearWan > input.totalInvestmentWan) fields.completedBeforeYearWan = '截至上年底累计完成不能超过总投资'
  if (input.plannedCompletionDate < input.plannedStartDate) fields.plannedCompletionDate = '计划竣工日期不能早于计划开工日期'
  if (Object.keys(fields).length > 0) return { ok: false, fields }
  const lastProgress = before.progressHistory.at(-1)
  const record: ProjectRecord = {
    ...before,
    name: input.name,
    zoneId: input.zoneId,
    focusArea: input.focusArea,
    focusSubCategory: input.focusSubCategory || before.focusSubCategory,
    investmentType: input.investmentType,
    stage: input.stage,
    ownerUnit: input.ownerUnit,
    responsibleUnit: input.responsibleUnit,
    totalInvestmentWan: input.totalInvestmentWan,
    plannedStartDate: input.plannedStartDate,
    plannedCompletionDate: input.plannedCompletionDate,
    completedBeforeYearWan,
    annualPlanWan: input.annualPlanWan,
    monthlyPlanWan: monthlyPlanWan ?? allocateExactly(input.annualPlanWan, new Array<number>(12).fill(1)),
    monthlyActualWan: new Array<number | null>(12).fill(null),
    baselineProgress: lastProgress ? { percent: lastProgress.percent, text: lastProgress.text } : before.baselineProgress,
    progressHistory: [],
    planAdjustment: null,
    pendingReportMonths: [],
    version: before.version + 1,
  }
  const changes: AuditChange[] = [
    { field: 'planYear', before: null, after: year },
    ...(['name', 'zoneId', 'focusArea', 'investmentType', 'ownerUnit', 'responsibleUnit', 'totalInvestmentWan', 'plannedStartDate', 'plannedCompletionDate'] as const).flatMap(
      (field) => (record[field] === before[field] ? [] : [{ field, before: before[field] as unknown, after: record[field] as unknown }]),
    ),
    { field: 'stage', before: null, after: record.stage },
    { field: 'annualPlanWan', before: null, after: record.annualPlanWan },
    { field: 'completedBeforeYearWan', before: null, after: record.completedBeforeYearWan },
  ]
  return { ok: true, record, changes }
}

/** Why a plan changed by an import: kept in the audit log and in the project's 中期调整 note. */
export const LEDGER_PLAN_REASON = '按导入的项目台账调整'

/**
 * What importing the rows would do to the list: create new 项目编号, update existing ones (versioned, with
 * the fields that change), leave identical ones alone — so importing the same file twice changes nothing.
 */
export function planLedgerImport(
  rows: readonly LedgerRow[],
  existing: readonly ProjectRecord[],
  planYear: number,
  now: Date,
  /** Every 项目编号 in use (the records of `existing` need only be those the file names). */
  idsInUse: readonly string[] = existing.map((r) => r.id),
  /**
   * The projects of `existing` that `planYear`'s list does not name yet (their records are of the year they were
   * last listed in): a row naming one carries it into `planYear`'s list — every project when the rows open the year.
   */
  carriedIds: ReadonlySet<string> = new Set(),
): { plan: LedgerPlan; errors: ImportError[] } {
  const byId = new Map(existing.map((r) => [r.id, r]))
  const ids = new Set(idsInUse)
  // A row without 项目编号 is numbered after every id in use or named anywhere in the file.
  let highest = Number(nextProjectId([...ids, ...rows.flatMap((r) => (r.input.id ? [r.input.id] : []))]).slice(1)) - 1
  const created: ProjectRecord[] = []
  const updated: LedgerPlan['updated'] = []
  const carried: LedgerPlan['carried'] = []
  const errors: ImportError[] = []
  let unchanged = 0
  for (const { row, input, monthlyPlanWan } of rows) {
    const before = input.id ? byId.get(input.id) : undefined
    if (!before) {
      const id = input.id ?? `P${String(++highest).padStart(3, '0')}`
      const made = newProjectRecord({ ...input, id }, ids, planYear)
      if (!made.ok) {
        for (const [field, message] of Object.entries(made.fields ?? { id: made.message })) errors.push({ row, column: HEADER_OF_FIELD.get(field) ?? field, message })
        continue
      }
      const record = monthlyPlanWan ? { ...made.record, monthlyPlanWan } : made.record
      created.push(record)
      ids.add(record.id)
      continue
    }
    if (before.retired) {
      errors.push({ row, column: '项目编号', message: `项目 ${before.id} 已退出重点项目清单，不能通过导入修改` })
      continue
    }
    if (carriedIds.has(before.id)) {
      const made = carryIntoYear(before, input, monthlyPlanWan, planYear)
      if (!made.ok) for (const [field, message] of Object.entries(made.fields)) errors.push({ row, column: HEADER_OF_FIELD.get(field) ?? field, message })
      else carried.push({ before, after: made.record, changes: made.changes })
      continue
    }
    const patch = {
      version: before.version,
      name: input.name,
      zoneId: input.zoneId,
      focusArea: input.focusArea,
      investmentType: input.investmentType,
      stage: input.stage,
      ownerUnit: input.ownerUnit,
      responsibleUnit: input.responsibleUnit,
      totalInvestmentWan: input.totalInvestmentWan,
      annualPlanWan: input.annualPlanWan,
      plannedStartDate: input.plannedStartDate,
      plannedCompletionDate: input.plannedCompletionDate,
      reason: LEDGER_PLAN_REASON,
    }
    const result = applyProjectUpdate(before, patch, now)
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fields ?? {})) errors.push({ row, column: HEADER_OF_FIELD.get(field) ?? field, message })
      continue
    }
    let after = result.record
    const changes = [...result.changes]
    if (monthlyPlanWan && monthlyPlanWan.some((v, i) => v !== after.monthlyPlanWan[i])) {
      changes.push({ field: 'monthlyPlanWan', before: before.monthlyPlanWan, after: monthlyPlanWan })
      after = { ...after, monthlyPlanWan, version: before.version + 1 }
    }
    if (changes.length === 0) unchanged += 1
    else updated.push({ before, after, changes })
  }
  return { plan: { rows: rows.length, created, updated, carried, unchanged }, errors }
}

/** The answer of an import (dry run or not): counts and every error, sorted by row then column order. */
export function importSummary(rowCount: number, plan: Pick<LedgerPlan, 'created' | 'updated' | 'unchanged'> & Partial<Pick<LedgerPlan, 'carried'>> | null, errors: readonly ImportError[]) {
  return {
    rows: rowCount,
    created: errors.length > 0 || !plan ? 0 : plan.created.length,
    // A project carried into the next year's list is updated: the same 项目编号, a new year's plan.
    updated: errors.length > 0 || !plan ? 0 : plan.updated.length + (plan.carried?.length ?? 0),
    unchanged: errors.length > 0 || !plan ? 0 : plan.unchanged,
    errors: sortImportErrors(LEDGER_COLUMNS, errors),
  }
}

/** Evenly spread months for a template example (kept here so the template and the rules agree). */
export const exampleMonthlyPlan = (annualPlanWan: number) => allocateExactly(annualPlanWan, new Array<number>(12).fill(1))
