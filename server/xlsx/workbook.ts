import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { MAX_TYPED_WAN } from '@/contract'
import { LEDGER_COLUMNS } from '@/domain/ledger'
import { APPROVAL_SHEET_COLUMNS, APPROVAL_SHEET_NAME } from '@/domain/approvals-sheet'
import { REPORT_SHEET_COLUMNS } from '@/domain/report-sheet'
import { SHEET_LIMITS, type SheetColumn } from '@/domain/sheet'
import { PROJECT_EXPORT_COLUMNS } from '@/domain/list-export'
import { groupThousands } from '@/domain/money'

/**
 * Workbooks in and out, on the server only (exceljs; never in the browser bundle). Reading turns a sheet
 * into plain cells for the domain's rules (src/domain/ledger.ts), in a worker (sheet-reader.ts); nothing
 * here decides what a value means.
 */

// Reading an upload: bounded before it is read, in a worker thread (decision 68).
export { readFirstSheet, type ReadOutcome, type SheetCells } from './sheet-reader'

/** Range validations (exceljs has them, its types do not): one rule for a whole column, written as one sqref. */
const validationsOf = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }

/** What an import's explanation sheet says about checking and importing. */
const IMPORT_RULES =
  '先“检查文件”：列出每一处错误（行号、列名、原因），不写入任何数据。没有错误时才能“确认导入”：全部行在一个事务中写入，任何一行出错则全部不写入。同一文件再导入一次不会产生任何修改。'

const INFO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }

/**
 * An import template: one header row in Chinese (frozen), drop-down lists where a column takes names
 * from a list, number and date checks, reference columns shaded, optional pre-filled rows, and a second
 * sheet explaining each column and its allowed values.
 */
async function importTemplate(options: {
  sheetName: string
  columns: readonly SheetColumn[]
  rows?: readonly Record<string, string | number | null>[]
  notes?: readonly string[]
  /** Further sheets the import reads by name (the ledger's 前期手续, decision 80), each laid out as the first. */
  more?: readonly { sheetName: string; columns: readonly SheetColumn[] }[]
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '南岸区重点项目进度监测平台'
  addTemplateSheet(workbook, options.sheetName, options.columns, options.rows ?? [])
  for (const more of options.more ?? []) addTemplateSheet(workbook, more.sheetName, more.columns, [])

  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [
    { header: '列名', key: 'header', width: 24 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 70 },
    { header: '可选值', key: 'choices', width: 60 },
  ]
  notes.getRow(1).font = { bold: true }
  notes.getRow(1).fill = HEADER_FILL
  // The first sheet's columns by name; a further sheet's as 工作表·列名.
  const described = [
    ...options.columns.map((column) => ({ column, header: column.header })),
    ...(options.more ?? []).flatMap((more) => more.columns.map((column) => ({ column, header: `${more.sheetName}·${column.header}` }))),
  ]
  for (const { column, header } of described) {
    notes.addRow({
      header,
      required: column.kind === 'info' ? '参考' : column.required ? '必填' : '可选',
      note: column.note,
      choices: column.choices ? Object.keys(column.choices).join('、') : '',
    })
  }
  notes.addRow({})
  for (const note of [IMPORT_RULES, ...(options.notes ?? [])]) notes.addRow({ header: '导入规则', note })
  notes.getColumn('note').alignment = { wrapText: true, vertical: 'top' }
  notes.getColumn('choices').alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** One sheet of a template: the header (frozen), pre-filled rows, and each column's drop-down list or check. */
function addTemplateSheet(workbook: ExcelJS.Workbook, sheetName: string, columns: readonly SheetColumn[], rows: readonly Record<string, string | number | null>[]) {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'name' ? 36 : c.kind === 'text' ? 24 : c.key.startsWith('month') ? 18 : Math.max(12, c.header.length * 2 + 2),
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'wan' ? { numFmt: '#,##0' } : {},
  }))
  for (const row of rows) {
    const added = sheet.addRow(row)
    columns.forEach((c, i) => {
      if (c.kind === 'info') added.getCell(i + 1).fill = INFO_FILL
    })
  }
  const head = sheet.getRow(1)
  head.font = { bold: true }
  head.fill = HEADER_FILL
  const lastRow = SHEET_LIMITS.maxRows + 1
  columns.forEach((column, i) => {
    const letter = sheet.getColumn(i + 1).letter
    const range = `${letter}2:${letter}${lastRow}`
    if (column.kind === 'choice') {
      validationsOf(sheet).add(range, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${Object.keys(column.choices!).join(',')}"`],
        showErrorMessage: true,
        errorTitle: column.header,
        error: `请从下拉列表中选择${column.header}`,
      })
    } else if (column.kind === 'wan') {
      validationsOf(sheet).add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, MAX_TYPED_WAN],
        showErrorMessage: true,
        errorTitle: column.header,
        error: `请填写 0 至 ${groupThousands(MAX_TYPED_WAN)} 之间的整数（万元）`,
      })
    } else if (column.kind === 'percent') {
      validationsOf(sheet).add(range, {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 100],
        showErrorMessage: true,
        errorTitle: column.header,
        error: '请填写 0 至 100 之间的数值',
      })
    } else if (column.kind === 'date') {
      validationsOf(sheet).add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1990, 0, 1))],
        showErrorMessage: true,
        errorTitle: column.header,
        error: '请填写日期，如 2024-03-01',
      })
    }
  })
}

/** The ledger template: empty, one row per project to add or update. */
export const ledgerTemplate = () =>
  importTemplate({
    sheetName: '项目台账',
    columns: LEDGER_COLUMNS,
    more: [{ sheetName: APPROVAL_SHEET_NAME, columns: APPROVAL_SHEET_COLUMNS }],
    notes: ['“前期手续”工作表可选：每个项目的每项手续一行（与导出的项目清单第二个工作表相同）；不需要修改前期手续时可删除该表或留空。'],
  })

/** A month's report template, pre-filled with one row per project the account may report for. */
export const reportTemplate = (rows: readonly Record<string, string | number | null>[], monthTitle: string, extraNotes: readonly string[] = []) =>
  importTemplate({
    sheetName: `${monthTitle}月报`,
    columns: REPORT_SHEET_COLUMNS,
    rows,
    notes: [
      `本表为${monthTitle}月报。每个项目一行；当月完成投资、形象进度、形象进度描述都留空的行视为本次不填报。灰色列仅供参考，导入时不读取。`,
      '导入的月报为“待审核”，经发改委审核通过后计入统计。已提交待审核或已审核通过的月报不能通过导入修改。',
      ...extraNotes,
    ],
  })

/**
 * How the workbook lays out the exported list's columns (src/domain/list-export.ts says what they hold):
 * widths, and number formats for 亿元, rates and points. 序号 comes first.
 */
const EXPORT_LAYOUT: Record<string, { width: number; numFmt?: string }> = {
  id: { width: 10 },
  name: { width: 36 },
  nameSource: { width: 8 },
  zone: { width: 14 },
  focusArea: { width: 14 },
  investmentType: { width: 12 },
  stage: { width: 10 },
  ownerUnit: { width: 24 },
  responsibleUnit: { width: 18 },
  totalInvestment: { width: 14, numFmt: '#,##0.00' },
  annualPlan: { width: 14, numFmt: '#,##0.00' },
  actual: { width: 14, numFmt: '#,##0.00' },
  completionRate: { width: 12, numFmt: '0.00%' },
  gap: { width: 12, numFmt: '+0.00;-0.00;0.00' },
  shortfall: { width: 14, numFmt: '#,##0' },
  status: { width: 12 },
  rule: { width: 36 },
  missingApprovals: { width: 30 },
  lastReport: { width: 12 },
  progressPercent: { width: 10 },
  progressText: { width: 30 },
}
const EXPORT_COLUMNS = [
  { header: '序号', width: 6, numFmt: undefined as string | undefined },
  ...PROJECT_EXPORT_COLUMNS.map((c) => ({ header: c.header('xlsx'), ...(EXPORT_LAYOUT[c.key] ?? { width: 12 }) })),
]

export type ExportRow = (string | number | null)[]

/**
 * Stream a project list as a workbook: title with 数据截至, the filters in words, a frozen header row,
 * one row per project as `rows` yields them, a totals row and the note on simulated values. Rows are
 * written and released as they come (exceljs's streaming writer): the workbook is never held whole.
 */
export function streamProjectList(
  head: { title: string; subtitle: string },
  rows: AsyncIterable<ExportRow>,
  totals: () => ExportRow,
  note: string,
  onError: (error: unknown) => void,
  /** A second sheet after the list (the ledger's 前期手续, decision 80): a frozen header and its rows, as the import reads them. */
  second?: { name: string; header: string[]; rows: readonly ExportRow[] },
): ReadableStream {
  const output = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output as never, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('项目清单', { views: [{ state: 'frozen', ySplit: 3 }] })
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }))
  const title = sheet.addRow([head.title])
  title.font = { bold: true, size: 14 }
  title.commit()
  sheet.addRow([head.subtitle]).commit()
  const header = sheet.addRow(EXPORT_COLUMNS.map((c) => c.header))
  header.font = { bold: true }
  header.fill = HEADER_FILL
  header.commit()
  void (async () => {
    for await (const row of rows) sheet.addRow(row).commit()
    const total = sheet.addRow(totals())
    total.font = { bold: true }
    total.commit()
    sheet.addRow([]).commit()
    sheet.addRow([note]).commit()
    sheet.commit()
    if (second) {
      const more = workbook.addWorksheet(second.name, { views: [{ state: 'frozen', ySplit: 1 }] })
      more.columns = second.header.map((h) => ({ width: Math.max(12, h.length * 3 + 6) }))
      const head = more.addRow(second.header)
      head.font = { bold: true }
      head.fill = HEADER_FILL
      head.commit()
      for (const row of second.rows) more.addRow(row).commit()
      more.commit()
    }
    await workbook.commit()
  })().catch((error: unknown) => {
    onError(error)
    output.destroy(error instanceof Error ? error : new Error(String(error)))
  })
  return Readable.toWeb(output) as ReadableStream
}

/** A sheet of the bulletin workbook: a title row, then a header row (frozen) and the rows. */
export type BulletinSheet = { name: string; title: string; header: string[]; rows: (string | number | null)[][]; numFmts?: Record<number, string> }

/** 进展情况通报 as a workbook: one sheet per section, each with its title, a frozen header and number formats. */
export async function bulletinWorkbook(sheets: readonly BulletinSheet[], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '南岸区重点项目进度监测平台'
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] })
    sheet.columns = s.header.map((h, i) => ({ width: Math.max(10, Math.min(40, h.length * 2 + 4)), style: s.numFmts?.[i] ? { numFmt: s.numFmts[i] } : {} }))
    const title = sheet.addRow([s.title])
    title.font = { bold: true, size: 13 }
    const head = sheet.addRow(s.header)
    head.font = { bold: true }
    head.fill = HEADER_FILL
    for (const row of s.rows) sheet.addRow(row)
    sheet.addRow([])
    sheet.addRow([note])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
