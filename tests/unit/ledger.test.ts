import { LEDGER_COLUMNS, MONTH_PLAN_HEADERS, LEDGER_PLAN_REASON, importSummary, ledgerPlanYear, planLedgerImport, readLedgerHeader, readLedgerRows, type LedgerCell } from '@/domain/ledger'
import { makeProject } from '../factories'

// The ledger as staff fill it in Excel: header row, then one project per row.
const HEADER: LedgerCell[] = LEDGER_COLUMNS.filter((c) => !c.key.startsWith('month')).map((c) => c.header)
const row = (overrides: Partial<Record<string, LedgerCell>> = {}): LedgerCell[] => {
  const values: Record<string, LedgerCell> = {
    项目编号: 'P900',
    项目名称: '南坪新街改造工程',
    所属片区: '南坪',
    四个聚焦: '聚焦民生所盼',
    投资类别: '政府投资',
    建设性质: '续建',
    业主单位: '区城市建设发展平台公司',
    责任单位: '区住房城乡建委',
    '总投资（万元）': 50_000,
    '年度计划投资（万元）': 12_000,
    计划开工日期: new Date(Date.UTC(2024, 2, 1)),
    计划竣工日期: '2025-12-31',
    ...overrides,
  }
  return HEADER.map((h) => values[h as string] ?? null)
}
const read = (rows: LedgerCell[][], header = HEADER) => {
  const head = readLedgerHeader(header)
  if (!head.ok) throw new Error(JSON.stringify(head.errors))
  return readLedgerRows(head.index, rows)
}

describe('the ledger header', () => {
  it('accepts the template’s columns in any order, the monthly plan optional', () => {
    expect(readLedgerHeader([...HEADER].reverse()).ok).toBe(true)
    expect(readLedgerHeader([...HEADER, ...MONTH_PLAN_HEADERS]).ok).toBe(true)
  })

  it('names a missing column, an unknown one and half a monthly plan', () => {
    const head = readLedgerHeader([...HEADER.filter((h) => h !== '所属片区'), '备注', ...MONTH_PLAN_HEADERS.slice(0, 3)])
    expect(head.ok).toBe(false)
    const errors = head.ok ? [] : head.errors
    expect(errors).toContainEqual({ row: 1, column: '所属片区', message: '缺少列“所属片区”' })
    expect(errors).toContainEqual({ row: 1, column: '备注', message: '无法识别的列“备注”，请使用导入模板的列名' })
    expect(errors.some((e) => e.column === '分月计划')).toBe(true)
  })
})

describe('the ledger rows', () => {
  it('reads the names users see into stored values, Excel dates and text dates alike', () => {
    const { rows, errors } = read([row()])
    expect(errors).toEqual([])
    expect(rows[0]).toMatchObject({
      row: 2,
      input: { id: 'P900', zoneId: 'nanping', focusArea: 'livelihood', investmentType: 'government', stage: 'continuing', plannedStartDate: '2024-03-01', plannedCompletionDate: '2025-12-31' },
      monthlyPlanWan: null,
    })
  })

  it('refuses text where a number belongs, formulas, unknown names and duplicate ids — each by row and column', () => {
    const { rows, errors } = read([
      row(),
      row({ 项目编号: 'P901', '总投资（万元）': '五万' }),
      row({ 项目编号: 'P902', '年度计划投资（万元）': { formula: 'SUM(A1:A3)' } }),
      row({ 项目编号: 'P903', 所属片区: '解放碑' }),
      row({ 项目编号: 'p900' }),
      row({ 项目编号: 'P904', 计划开工日期: '2024-02-30' }),
      row({ 项目编号: 'P905', 项目名称: '' }),
    ])
    expect(rows.map((r) => r.row)).toEqual([2])
    expect(errors).toContainEqual({ row: 3, column: '总投资（万元）', message: '总投资（万元）应为数值，不能是文字' })
    expect(errors).toContainEqual({ row: 4, column: '年度计划投资（万元）', message: '不能使用公式，请复制后“粘贴为数值”' })
    expect(errors.find((e) => e.row === 5)).toMatchObject({ column: '所属片区', message: expect.stringContaining('“解放碑”不是可选的所属片区') })
    expect(errors).toContainEqual({ row: 6, column: '项目编号', message: '项目编号 P900 与第 2 行重复' })
    expect(errors.find((e) => e.row === 7)).toMatchObject({ column: '计划开工日期' })
    expect(errors).toContainEqual({ row: 8, column: '项目名称', message: '请填写项目名称' })
  })

  it('takes a monthly plan only whole and adding up to the annual plan', () => {
    const header = [...HEADER, ...MONTH_PLAN_HEADERS]
    const months = (id: string, values: LedgerCell[]) => [...row({ 项目编号: id }), ...values]
    const { rows, errors } = read(
      [months('P900', new Array(12).fill(1000)), months('P901', [...new Array(11).fill(1000), 999]), months('P902', [1000, ...new Array(11).fill(null)])],
      header,
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.monthlyPlanWan).toEqual(new Array(12).fill(1000))
    expect(errors.find((e) => e.row === 3)!.message).toContain('合计 11999 万元，应等于年度计划投资 12000 万元')
    expect(errors.find((e) => e.row === 4)!.message).toBe('1月至12月计划投资要么都填，要么都不填')
  })

  it('skips empty rows but keeps Excel’s row numbers', () => {
    const { rows } = read([row(), HEADER.map(() => null), row({ 项目编号: 'P901' })])
    expect(rows.map((r) => r.row)).toEqual([2, 4])
  })
})

describe('what an import does to the list', () => {
  const now = new Date('2024-10-08T02:00:00Z')

  it('creates new ids, updates changed projects with their changes, and leaves identical ones alone', () => {
    const existing = makeProject({ id: 'P900', name: '南坪新街改造工程', zoneId: 'nanping', focusArea: 'livelihood', investmentType: 'government', stage: 'continuing', ownerUnit: '区城市建设发展平台公司', responsibleUnit: '区住房城乡建委', totalInvestmentWan: 50_000, annualPlanWan: 12_000, plannedStartDate: '2024-03-01', plannedCompletionDate: '2025-12-31' })
    const { rows } = read([row(), row({ 项目编号: null, 项目名称: '新项目' }), row({ 项目编号: 'P901', 项目名称: '另一个新项目' })])
    const same = planLedgerImport(rows.slice(0, 1), [existing], 2024, now)
    expect(same.plan).toMatchObject({ created: [], updated: [], unchanged: 1 })

    const renamed = read([row({ 项目名称: '南坪新街综合改造工程', '年度计划投资（万元）': 15_000 })]).rows
    const { plan, errors } = planLedgerImport([...renamed, ...rows.slice(1)], [existing], 2024, now)
    expect(errors).toEqual([])
    expect(plan.created.map((r) => r.id)).toEqual(['P902', 'P901'])
    expect(plan.updated).toHaveLength(1)
    const update = plan.updated[0]!
    expect(update.after).toMatchObject({ name: '南坪新街综合改造工程', annualPlanWan: 15_000, version: existing.version + 1 })
    expect(update.after.planAdjustment).toMatchObject({ originalAnnualPlanWan: 12_000, reason: LEDGER_PLAN_REASON })
    expect(update.changes.map((c) => c.field)).toEqual(['name', 'annualPlanWan'])
  })

  it('will not change a retired project, and says which row', () => {
    const retired = makeProject({ id: 'P900', retired: { reason: '并入其他项目', at: '2024-06-01T00:00:00Z' } })
    const { errors } = planLedgerImport(read([row()]).rows, [retired], 2024, now)
    expect(errors).toEqual([{ row: 2, column: '项目编号', message: '项目 P900 已退出重点项目清单，不能通过导入修改' }])
  })

  it('reports nothing done when any row is wrong: all or nothing', () => {
    const summary = importSummary(3, { created: [makeProject()], updated: [], unchanged: 1 }, [{ row: 3, column: '项目名称', message: '请填写项目名称' }])
    expect(summary).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 0 })
  })
})

describe('the plan year of a ledger, and carrying a project into the next year', () => {
  const now = new Date('2026-01-20T02:00:00Z')

  it('takes the open year or opens the next; refuses a closed year, one further ahead, and mixed years', () => {
    expect(ledgerPlanYear(read([row()]).rows, 2025, true)).toEqual({ year: 2025, opensYear: false, errors: [] })
    expect(ledgerPlanYear(read([row({ 计划年度: 2026 })]).rows, 2025, true)).toEqual({ year: 2026, opensYear: true, errors: [] })
    const refusal = (year: number) => `不能导入 ${year} 年度的台账：本系统现为 2025 年度，只能导入本年度或下一年（2026 年）的台账`
    expect(ledgerPlanYear(read([row({ 计划年度: 2024 })]).rows, 2025, true)).toMatchObject({ year: 2025, opensYear: false, errors: [{ row: 2, column: '计划年度', message: refusal(2024) }] })
    expect(ledgerPlanYear(read([row({ 计划年度: 2027 })]).rows, 2025, true).errors[0]?.message).toBe(refusal(2027))
    expect(ledgerPlanYear(read([row({ 计划年度: 2026 }), row({ 项目编号: 'P901', 计划年度: 2025 })]).rows, 2025, true).errors).toEqual([
      { row: 3, column: '计划年度', message: '同一台账只能是一个计划年度：第 2 行为 2026 年，本行为 2025 年' },
    ])
    // Not before the year begins: the year before would close with its last months still to report.
    expect(ledgerPlanYear(read([row({ 计划年度: 2026 })]).rows, 2025, true, 2025).errors).toEqual([
      { row: 2, column: '计划年度', message: '2026 年尚未开始，不能开始 2026 年度（开始后 2025 年度不能再报送月报）；请在 2026 年 1 月 1 日以后导入' },
    ])
    expect(ledgerPlanYear(read([row({ 计划年度: 2026 })]).rows, 2025, true, 2026)).toMatchObject({ year: 2026, opensYear: true, errors: [] })
    // A deployment without projects takes whatever year its first ledger names.
    expect(ledgerPlanYear(read([row({ 计划年度: 2023 })]).rows, 2026, false)).toEqual({ year: 2023, opensYear: false, errors: [] })
  })

  it('carries a project with its new plan: completed before the year = earlier + approved, progress at year start = the last approved', () => {
    const closed = makeProject({
      id: 'P900',
      name: '南坪新街改造工程',
      completedBeforeYearWan: 20_000,
      annualPlanWan: 12_000,
      monthlyActualWan: [1_000, 2_000, null, 3_000, null, null, null, null, null, null, null, null],
      progressHistory: [{ month: 4, percent: 55, text: '主体施工' }],
      planAdjustment: { originalAnnualPlanWan: 10_000, reason: '调整', adjustedAt: '2025-06-01T00:00:00Z' },
      version: 4,
    })
    const { rows } = read([row({ '年度计划投资（万元）': 9_000, 建设性质: '续建', 计划年度: 2026 })])
    const { plan, errors } = planLedgerImport(rows, [closed], 2026, now, ['P900'], new Set(['P900']))
    expect(errors).toEqual([])
    expect(plan.updated).toEqual([])
    const carried = plan.carried[0]!
    expect(carried.after).toMatchObject({
      id: 'P900',
      annualPlanWan: 9_000,
      completedBeforeYearWan: 26_000,
      baselineProgress: { percent: 55, text: '主体施工' },
      progressHistory: [],
      planAdjustment: null,
      version: 5,
    })
    expect(carried.after.monthlyActualWan).toEqual(new Array(12).fill(null))
    expect(carried.after.monthlyPlanWan.reduce((a, b) => a + b, 0)).toBe(9_000)
    expect(carried.changes[0]).toEqual({ field: 'planYear', before: null, after: 2026 })
    expect(importSummary(1, plan, errors)).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
  })

  it('refuses to carry a plan above the total investment, naming the column', () => {
    const closed = makeProject({ id: 'P900', totalInvestmentWan: 50_000, completedBeforeYearWan: 0, monthlyActualWan: new Array(12).fill(null) })
    const { errors } = planLedgerImport(read([row({ '年度计划投资（万元）': 60_000 })]).rows, [closed], 2026, now, ['P900'], new Set(['P900']))
    expect(errors).toEqual([{ row: 2, column: '年度计划投资（万元）', message: '年度计划投资不能超过总投资' }])
  })
})
