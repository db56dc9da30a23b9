import { describe, expect, it } from 'vitest'
import { REPORT_SHEET_COLUMNS, readReportSheetHeader, readReportSheetRows } from '@/domain/report-sheet'
import type { SheetCell } from '@/domain/sheet'

// A month's reports as an owner unit fills them in Excel: which rows are reports, and what each cell means.

const HEADER = REPORT_SHEET_COLUMNS.map((c) => c.header)
const at = (header: string) => HEADER.indexOf(header)
const row = (values: Record<string, SheetCell>): SheetCell[] => HEADER.map((h) => values[h] ?? null)

function read(rows: SheetCell[][]) {
  const head = readReportSheetHeader(HEADER)
  if (!head.ok) throw new Error('header')
  return readReportSheetRows(head.index, rows)
}

describe('the report sheet', () => {
  it('skips a project whose report columns are empty (the template lists them all) and reads the others', () => {
    const { rows, errors, read: count } = read([
      row({ 项目编号: 'P001', 项目名称: '不读取', '年度计划投资（万元）': 1000 }),
      row({ 项目编号: 'p002', '当月完成投资（万元）': 0, '形象进度（%）': 35.5, 形象进度描述: '桩基施工', 超计划确认: '否' }),
    ])
    expect(errors).toEqual([])
    expect(count).toBe(1)
    expect(rows).toEqual([
      {
        row: 3,
        projectId: 'P002',
        fields: {
          actualWan: 0,
          progressPercent: 35.5,
          progressText: '桩基施工',
          problems: '',
          coordination: '',
          nextMonthPlan: '',
          progressDropReason: null,
          confirmOverrun: false,
          forecastYearWan: null,
          forecastCompletionDate: null,
          confidence: null,
          confidenceReason: null,
        },
      },
    ])
  })

  it('refuses formulas, decimals of 万元, two decimals of a percentage, a missing id and an unknown choice, each on its column', () => {
    const { rows, errors } = read([
      row({ '当月完成投资（万元）': { formula: 'A1*2' }, '形象进度（%）': 10.25, 形象进度描述: '施工', 超计划确认: '可能' }),
      row({ 项目编号: 'P003', '当月完成投资（万元）': 12.5, '形象进度（%）': 10, 形象进度描述: '施工' }),
    ])
    expect(rows).toEqual([])
    expect(errors).toEqual([
      { row: 2, column: '项目编号', message: '请填写项目编号' },
      { row: 2, column: '当月完成投资（万元）', message: '不能使用公式，请复制后“粘贴为数值”' },
      { row: 2, column: '超计划确认', message: '“可能”不是可选的超计划确认（可选：是、否）' },
      { row: 2, column: '形象进度（%）', message: '形象进度最多保留一位小数' },
      { row: 3, column: '当月完成投资（万元）', message: '当月完成投资应为整数万元' },
    ])
    expect(at('超计划确认')).toBeGreaterThan(at('形象进度（%）'))
  })

  it('reads the forecast columns: 全年预计 in 万元, 预计完工日期 as a date or YYYY-MM-DD, 完成信心 by its words, and refuses a level not in the list', () => {
    const { rows, errors } = read([
      row({ 项目编号: 'P010', '当月完成投资（万元）': 10, '形象进度（%）': 50, 形象进度描述: '施工', '全年预计完成投资（万元）': 1200, 预计完工日期: new Date(Date.UTC(2025, 5, 30)), 完成信心: '较低', 信心说明: '征地未完成' }),
      row({ 项目编号: 'P011', '当月完成投资（万元）': 10, '形象进度（%）': 50, 形象进度描述: '施工', 预计完工日期: '2024-12-31', 完成信心: '高' }),
      row({ 项目编号: 'P012', '当月完成投资（万元）': 10, '形象进度（%）': 50, 形象进度描述: '施工', '全年预计完成投资（万元）': 12.5, 完成信心: '很高' }),
    ])
    expect(rows.map((r) => [r.projectId, r.fields.forecastYearWan, r.fields.forecastCompletionDate, r.fields.confidence, r.fields.confidenceReason])).toEqual([
      ['P010', 1200, '2025-06-30', 'fairly-low', '征地未完成'],
      ['P011', null, '2024-12-31', 'high', null],
    ])
    expect(errors).toEqual([
      { row: 4, column: '完成信心', message: '“很高”不是可选的完成信心（可选：高、较高、中、较低、低）' },
      { row: 4, column: '全年预计完成投资（万元）', message: '全年预计完成投资应为整数万元' },
    ])
  })

  it('reads a number typed as text by the one rule for typed numbers: grouping commas and full-width digits, never an exponent', () => {
    const { rows, errors } = read([
      row({ 项目编号: 'P004', '当月完成投资（万元）': '1,200', '形象进度（%）': '３５．５', 形象进度描述: '施工' }),
      row({ 项目编号: 'P005', '当月完成投资（万元）': '1e3', '形象进度（%）': 10, 形象进度描述: '施工' }),
      row({ 项目编号: 'P006', '当月完成投资（万元）': '三百', '形象进度（%）': 10, 形象进度描述: '施工' }),
    ])
    expect(rows.map((r) => [r.projectId, r.fields.actualWan, r.fields.progressPercent])).toEqual([['P004', 1200, 35.5]])
    expect(errors).toEqual([
      { row: 3, column: '当月完成投资（万元）', message: '当月完成投资（万元）请填写整数，不要用科学计数法（如 1000，不要写 1e3）' },
      { row: 4, column: '当月完成投资（万元）', message: '当月完成投资（万元）应为数值，不能是文字' },
    ])
  })
})
