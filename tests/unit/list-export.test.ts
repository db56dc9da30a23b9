import { REPORT_PLAN_YEAR, ProjectListItemSchema, type ProjectList, type ProjectListItem, type ProjectRecord } from '@/contract'
import { zoneInfo } from '@/domain/labels'
import { exportHeader, exportRow, exportTotalsRow, listTitle } from '@/domain/list-export'
import { classifyProject } from '@/domain/rules'
import { makeProject, reportedThrough } from '../factories'

/** A list item as the API gives it, judged by the rules at 9月; the columns only read it. */
const listItem = (record: ProjectRecord): ProjectListItem =>
  ProjectListItemSchema.parse({
    ...record,
    simulatedName: true,
    zoneName: zoneInfo(record.zoneId).name,
    progress: null,
    status: classifyProject(record, 9, REPORT_PLAN_YEAR),
    reportPending: false,
  })

// One list of columns for both exported files: the CSV keeps 万元 and percentages, the workbook 亿元 and fractions.

describe('the exported list’s columns', () => {
  const records = [
    makeProject({ id: 'P001', name: '南坪新街改造工程', annualPlanWan: 12_000, totalInvestmentWan: 50_000, monthlyActualWan: reportedThrough(800, 6) }),
    makeProject({ id: 'P002', name: '广阳岛码头改造', annualPlanWan: 8_000, totalInvestmentWan: 30_000, monthlyActualWan: reportedThrough(500, 9) }),
  ]
  const items = records.map(listItem)
  const sum = (get: (item: ProjectListItem) => number) => items.reduce((total, item) => total + get(item), 0)
  const totals: ProjectList['totals'] = {
    totalInvestmentWan: sum((i) => i.totalInvestmentWan),
    annualPlanWan: sum((i) => i.annualPlanWan),
    cumulativeActualWan: sum((i) => i.status.cumulativeActualWan),
    shortfallWan: sum((i) => i.status.shortfallWan),
    completionRate: sum((i) => i.status.cumulativeActualWan) / sum((i) => i.annualPlanWan),
  }
  const list = { items, total: items.length, totals }

  it('writes every column in both files, under the same headers but the unit', () => {
    const csv = exportHeader('csv')
    const xlsx = exportHeader('xlsx')
    expect(csv).toHaveLength(xlsx.length)
    expect(csv.slice(0, 4)).toEqual(['项目编号', '项目名称', '名称来源', '所属片区'])
    expect(csv).toContain('年度计划（万元）')
    expect(xlsx).toContain('年度计划（亿元）')
    expect(csv.at(-3)).toBe('形象进度（%）')
    // 前期手续 (decision 80) last, so the columns before keep their places.
    expect(csv.at(-1)).toBe('未取得的前期手续')
    for (const item of list.items) {
      expect(exportRow(item, 'csv')).toHaveLength(csv.length)
      expect(exportRow(item, 'xlsx')).toHaveLength(xlsx.length)
    }
  })

  it('gives the same figures in 万元 (CSV) and 亿元 (workbook), rates as % and as fractions', () => {
    const item = list.items.find((i) => i.id === 'P001')!
    const at = (header: string, format: 'csv' | 'xlsx') => exportRow(item, format)[exportHeader(format).indexOf(header)]
    expect(at('年度计划（万元）', 'csv')).toBe(12_000)
    expect(at('年度计划（亿元）', 'xlsx')).toBe(1.2)
    expect(at('投资完成率（%）', 'csv')).toBe(Math.round(item.status.completionRate! * 10000) / 100)
    expect(at('投资完成率', 'xlsx')).toBe(item.status.completionRate)
    expect(at('最近报送月份', 'csv')).toBe(6)
    expect(at('最近报送月份', 'xlsx')).toBe('6月')
    expect(at('欠序时进度（万元）', 'xlsx')).toBe(item.status.shortfallWan)
    expect(at('未取得的前期手续', 'csv'), 'not 应开未开: nothing named').toBeNull()
    const stalled = { ...item, missingApprovals: [{ kind: 'construction-permit', name: '施工许可' }, { kind: 'eia-approval', name: '环评批复' }] }
    expect(exportRow(stalled, 'xlsx')[exportHeader('xlsx').indexOf('未取得的前期手续')]).toBe('施工许可、环评批复')
  })

  it('sums under the figures’ own columns in the totals row', () => {
    const row = exportTotalsRow(list.totals, list.total, 'xlsx')
    const header = exportHeader('xlsx')
    expect(row[header.indexOf('项目名称')]).toBe('2 个项目')
    expect(row[header.indexOf('年度计划（亿元）')]).toBe(2)
    expect(row[header.indexOf('欠序时进度（万元）')]).toBe(list.totals.shortfallWan)
    expect(row[header.indexOf('所属片区')]).toBeNull()
  })
})

describe('the title of an exported or printed list', () => {
  it('names the whole list 南岸区重点项目清单, not 项目 twice', () => {
    expect(listTitle('all')).toBe('南岸区重点项目清单')
  })
  it('names the 滞后项目 page’s list as that page does', () => {
    expect(listTitle('delayed')).toBe('南岸区重点项目滞后项目清单')
  })
})
